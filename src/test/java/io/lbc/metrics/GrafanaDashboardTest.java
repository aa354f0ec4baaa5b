package io.lbc.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code manifests/grafana/aws-load-balancer-controller.json} is a Grafana dashboard Grafana can
 * import (the fields its dashboard schema requires, with their types), and every query names a
 * metric that {@code ServiceMetricsIT} saw on {@code /metrics}.
 */
class GrafanaDashboardTest {
  private static final Path DASHBOARD =
      Path.of("manifests/grafana/aws-load-balancer-controller.json");
  private static final Pattern METRIC =
      Pattern.compile("\\b(?:aws|awslbc|controller_runtime|workqueue)_[a-z0-9_]+");
  private static final Set<String> PANEL_TYPES =
      Set.of("timeseries", "stat", "gauge", "table", "bargauge", "heatmap", "row", "text");

  private final JsonNode dashboard = read();

  private static JsonNode read() {
    try {
      return new ObjectMapper().readTree(Files.readString(DASHBOARD));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void hasTheDashboardFieldsGrafanaRequires() {
    assertThat(dashboard.path("title").isTextual()).isTrue();
    assertThat(dashboard.path("uid").asText()).matches("[a-zA-Z0-9_-]{1,40}");
    assertThat(dashboard.path("schemaVersion").isInt()).isTrue();
    assertThat(dashboard.path("time").path("from").isTextual()).isTrue();
    assertThat(dashboard.path("time").path("to").isTextual()).isTrue();
    assertThat(dashboard.path("templating").path("list").isArray()).isTrue();
    var variables = new HashSet<String>();
    dashboard.path("templating").path("list").forEach(v -> variables.add(v.path("name").asText()));
    assertThat(variables).contains("datasource");
    assertThat(dashboard.path("panels").isArray()).isTrue();
    assertThat(dashboard.path("panels").size()).isPositive();

    var ids = new HashSet<Integer>();
    for (JsonNode panel : dashboard.path("panels")) {
      String title = panel.path("title").asText();
      assertThat(panel.path("id").isInt()).as(title).isTrue();
      assertThat(ids.add(panel.path("id").asInt())).as("unique id of " + title).isTrue();
      assertThat(panel.path("type").asText()).as(title).isIn(PANEL_TYPES);
      JsonNode grid = panel.path("gridPos");
      for (String field : new String[] {"h", "w", "x", "y"}) {
        assertThat(grid.path(field).isInt()).as(title + " gridPos." + field).isTrue();
      }
      assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as(title).isLessThanOrEqualTo(24);
      assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
      assertThat(panel.path("targets").size()).as(title).isPositive();
      var refIds = new HashSet<String>();
      for (JsonNode target : panel.path("targets")) {
        assertThat(refIds.add(target.path("refId").asText())).as(title + " refId").isTrue();
        assertThat(target.path("expr").asText()).as(title).isNotBlank();
      }
    }
  }

  @Test
  void everyQueryNamesAMetricTheMetricsTestSaw() {
    var seen = new TreeSet<String>();
    ReferenceMetrics.load().values().stream()
        .filter(ReferenceMetrics.Metric::seen)
        .forEach(m -> seen.add(m.name()));
    var used = new TreeSet<String>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        String expr = target.path("expr").asText();
        var names = METRIC.matcher(expr).results().map(r -> r.group()).toList();
        assertThat(names).as(panel.path("title").asText() + ": " + expr).isNotEmpty();
        for (String name : names) {
          String family = name.replaceFirst("_(bucket|count|sum)$", "");
          assertThat(seen).as(expr).contains(family);
          used.add(family);
        }
      }
    }
    assertThat(used).as("the dashboard shows every metric the test requires").isEqualTo(seen);
  }
}
