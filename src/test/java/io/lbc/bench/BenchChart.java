package io.lbc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small self-contained HTML page with one line chart (inline SVG, no script, no network) and a
 * table of the figures, for {@code target/bench/}. Generic: any benchmark can write its series.
 */
final class BenchChart {
  record Point(double x, double y) {}

  record Series(String name, String color, List<Point> points) {}

  private static final int W = 720;
  private static final int H = 360;
  private static final int PAD = 56;

  private BenchChart() {}

  static void write(
      Path file,
      String title,
      String xLabel,
      String yLabel,
      List<Series> series,
      String tableHtml,
      String notes)
      throws IOException {
    double maxX = max(series, true);
    double maxY = max(series, false) * 1.1;
    var svg = new StringBuilder();
    svg.append(
        "<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' font-family='sans-serif' font-size='12'>"
            .formatted(W, H));
    svg.append(
        "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='black'/>"
            .formatted(PAD, H - PAD, W - 20, H - PAD));
    svg.append(
        "<line x1='%d' y1='20' x2='%d' y2='%d' stroke='black'/>".formatted(PAD, PAD, H - PAD));
    for (int i = 0; i <= 4; i++) {
      double yv = maxY * i / 4;
      double y = sy(yv, maxY);
      svg.append(
          "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#ddd'/><text x='%d' y='%.1f' text-anchor='end'>%.0f</text>"
              .formatted(PAD, y, W - 20, y, PAD - 6, y + 4, yv));
      double xv = maxX * i / 4;
      double x = sx(xv, maxX);
      svg.append(
          "<text x='%.1f' y='%d' text-anchor='middle'>%.0f</text>".formatted(x, H - PAD + 16, xv));
    }
    svg.append(
        "<text x='%d' y='%d' text-anchor='middle'>%s</text>".formatted(W / 2, H - 12, xLabel));
    svg.append(
        "<text x='14' y='%d' transform='rotate(-90 14 %d)' text-anchor='middle'>%s</text>"
            .formatted(H / 2, H / 2, yLabel));
    int legendY = 24;
    for (Series s : series) {
      var path = new StringBuilder();
      for (Point p : s.points()) {
        path.append(path.length() == 0 ? "M" : " L")
            .append("%.1f %.1f".formatted(sx(p.x(), maxX), sy(p.y(), maxY)));
        svg.append(
            "<circle cx='%.1f' cy='%.1f' r='3' fill='%s'/>"
                .formatted(sx(p.x(), maxX), sy(p.y(), maxY), s.color()));
      }
      svg.append(
          "<path d='%s' fill='none' stroke='%s' stroke-width='2'/>".formatted(path, s.color()));
      svg.append(
          "<text x='%d' y='%d' fill='%s'>%s</text>"
              .formatted(PAD + 10, legendY, s.color(), s.name()));
      legendY += 16;
    }
    svg.append("</svg>");
    String html =
        """
        <!doctype html><html><head><meta charset='utf-8'><title>%s</title>
        <style>body{font-family:sans-serif;margin:2em} table{border-collapse:collapse}
        td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}</style></head>
        <body><h1>%s</h1>%s%s<pre>%s</pre></body></html>
        """
            .formatted(title, title, svg, tableHtml, notes);
    Files.createDirectories(file.getParent());
    Files.writeString(file, html);
  }

  private static double max(List<Series> series, boolean x) {
    return Math.max(
        1,
        series.stream()
            .flatMap(s -> s.points().stream())
            .mapToDouble(p -> x ? p.x() : p.y())
            .max()
            .orElse(1));
  }

  private static double sx(double x, double maxX) {
    return PAD + (W - 20 - PAD) * x / maxX;
  }

  private static double sy(double y, double maxY) {
    return H - PAD - (H - PAD - 20) * y / maxY;
  }
}
