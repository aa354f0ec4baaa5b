package io.lbc.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference controller's metric names and label keys ({@code
 * src/test/resources/metrics/reference-metrics.txt}), and a reader of Prometheus' text format.
 */
public final class ReferenceMetrics {
  /** One listed metric: its label keys, and whether a converged Service must have produced it. */
  public record Metric(String name, Set<String> labels, boolean seen) {}

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? \\S+.*$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"(?:[^\"\\\\]|\\\\.)*\"");

  private ReferenceMetrics() {}

  public static Map<String, Metric> load() {
    try (InputStream in =
        ReferenceMetrics.class.getResourceAsStream("/metrics/reference-metrics.txt")) {
      var metrics = new LinkedHashMap<String, Metric>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.trim().split("\\s+");
        metrics.put(
            fields[0],
            new Metric(
                fields[0], new TreeSet<>(List.of(fields[1].split(","))), "seen".equals(fields[2])));
      }
      return metrics;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every metric family of a scrape with the label keys of its samples: a histogram's {@code
   * _bucket}, {@code _count} and {@code _sum} samples count as the histogram, and its {@code le} is
   * left out.
   */
  public static Map<String, Set<Set<String>>> families(String scrape) {
    var histograms = new TreeSet<String>();
    scrape
        .lines()
        .filter(l -> l.startsWith("# TYPE ") && l.matches(".* (histogram|summary)$"))
        .forEach(l -> histograms.add(l.split(" ")[2]));
    var families = new LinkedHashMap<String, Set<Set<String>>>();
    scrape
        .lines()
        .filter(l -> !l.startsWith("#"))
        .map(SAMPLE::matcher)
        .filter(Matcher::matches)
        .forEach(
            m -> {
              String name = m.group(1);
              String base = name.replaceFirst("_(bucket|count|sum)$", "");
              String family = histograms.contains(base) ? base : name;
              var keys = new TreeSet<String>();
              if (m.group(2) != null) {
                Matcher label = LABEL.matcher(m.group(2));
                while (label.find()) {
                  keys.add(label.group(1));
                }
              }
              keys.remove("le");
              families.computeIfAbsent(family, f -> new java.util.HashSet<>()).add(keys);
            });
    return families;
  }

  /** The {@code le} bounds of a histogram's buckets, in scrape order, {@code +Inf} included. */
  public static List<String> buckets(String scrape, String histogram, String labelMatch) {
    return scrape
        .lines()
        .filter(l -> l.startsWith(histogram + "_bucket{") && l.contains(labelMatch))
        .map(l -> l.replaceFirst("^.*le=\"([^\"]+)\".*$", "$1"))
        .distinct()
        .toList();
  }
}
