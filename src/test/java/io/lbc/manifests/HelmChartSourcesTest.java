package io.lbc.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.lbc.rig.Rig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The chart takes what it shares with the kustomize base from the same source: its RBAC rules from
 * {@code manifests/base/rbac.yaml} and its CRDs from {@code crds/}, copied into the chart (helm can
 * only read files inside it). This fails when a copy is stale; {@code -Dlbc.update=true} (or {@code
 * make crds}) rewrites the copies. Its values schema names every key of {@code values.yaml}.
 */
class HelmChartSourcesTest {
  private static final Path ROOT = Rig.repoRoot();
  private static final Path CHART = ROOT.resolve("helm/aws-load-balancer-controller");
  private static final YAMLMapper YAML =
      new YAMLMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
              .build());
  private static final boolean UPDATE = Boolean.getBoolean("lbc.update");

  @Test
  void theRbacRulesAreTheBases() throws IOException {
    var base = documents(ROOT.resolve("manifests/base/rbac.yaml"));
    expectFile(
        CHART.resolve("files/cluster-role-rules.yaml"), rules(base, "ClusterRole"), "rbac rules");
    expectFile(
        CHART.resolve("files/leader-election-rules.yaml"), rules(base, "Role"), "rbac rules");
  }

  @Test
  void theCrdsAreTheRepositorysCrds() throws IOException {
    Path chartCrds = CHART.resolve("crds");
    List<Path> sources = yamlFiles(ROOT.resolve("crds"));
    if (UPDATE) {
      Files.createDirectories(chartCrds);
      for (Path stale : yamlFiles(chartCrds)) {
        Files.delete(stale);
      }
    }
    for (Path source : sources) {
      expectFile(chartCrds.resolve(source.getFileName()), Files.readString(source), "CRD");
    }
    assertThat(names(yamlFiles(chartCrds))).containsExactlyElementsOf(names(sources));
  }

  @Test
  void theValuesSchemaNamesEveryKeyOfTheValues() throws IOException {
    JsonNode values = YAML.readTree(CHART.resolve("values.yaml").toFile());
    JsonNode schema =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(CHART.resolve("values.schema.json").toFile());
    var valueKeys = new TreeSet<String>();
    values.fieldNames().forEachRemaining(valueKeys::add);
    var schemaKeys = new TreeSet<String>();
    schema.path("properties").fieldNames().forEachRemaining(schemaKeys::add);
    assertThat(schema.path("additionalProperties").asBoolean(true)).isFalse();
    assertThat(schemaKeys).isEqualTo(valueKeys);
  }

  private static String rules(List<JsonNode> documents, String kind) throws IOException {
    JsonNode found =
        documents.stream()
            .filter(d -> kind.equals(d.path("kind").asText()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no " + kind + " in manifests/base/rbac.yaml"));
    return YAML.writeValueAsString(found.path("rules"));
  }

  private static void expectFile(Path file, String content, String what) throws IOException {
    if (UPDATE) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    }
    assertThat(Files.exists(file)).as("%s is missing: run make crds", file).isTrue();
    assertThat(Files.readString(file))
        .as("%s (the chart's copy of the %s) is stale: run make crds", ROOT.relativize(file), what)
        .isEqualTo(content);
  }

  private static List<JsonNode> documents(Path file) throws IOException {
    var documents = new ArrayList<JsonNode>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
      while (it.hasNext()) {
        documents.add(it.next());
      }
    }
    return documents;
  }

  private static List<Path> yamlFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
    }
  }

  private static List<String> names(List<Path> files) {
    return files.stream().map(f -> f.getFileName().toString()).toList();
  }
}
