package io.lbc.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.lbc.k8s.gateway.ListenerRuleConfiguration;
import io.lbc.k8s.gateway.LoadBalancerConfiguration;
import io.lbc.k8s.gateway.TargetGroupConfiguration;
import io.lbc.rig.Rig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code crds/} is generated from the Java types and committed. This fails when they drift apart;
 * run with {@code -Dlbc.update=true} (or {@code make crds}) to regenerate.
 */
class CrdsAreCurrentTest {
  static final Path CRDS = Rig.repoRoot().resolve("crds");

  @Test
  void committedCrdsMatchTheJavaTypes(@TempDir Path generated) throws IOException {
    new CRDGenerator()
        .customResourceClasses(
            TargetGroupBinding.class,
            TargetGroupBindingV1alpha1.class,
            IngressClassParams.class,
            AlbTargetControlConfig.class,
            LoadBalancerConfiguration.class,
            LoadBalancerConfiguration.V1beta1.class,
            TargetGroupConfiguration.class,
            TargetGroupConfiguration.V1beta1.class,
            ListenerRuleConfiguration.class,
            ListenerRuleConfiguration.V1beta1.class)
        .forCRDVersions("v1")
        .withPostProcessor(
            new CRDPostProcessor() {
              @Override
              public HasMetadata process(HasMetadata crd, String version) {
                return printerColumnsInDeclaredOrder(crd);
              }
            })
        .inOutputDir(generated.toFile())
        .generate();

    if (Boolean.getBoolean("lbc.update")) {
      Files.createDirectories(CRDS);
      for (Path file : list(generated)) {
        Files.copy(file, CRDS.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }

    assertThat(names(list(CRDS)))
        .as("files in crds/")
        .containsExactlyInAnyOrderElementsOf(names(list(generated)));
    for (Path file : list(generated)) {
      assertThat(Files.readString(CRDS.resolve(file.getFileName())))
          .as("crds/%s is stale: run make crds", file.getFileName())
          .isEqualTo(Files.readString(file));
    }
  }

  /** The generator sorts printer columns by name; kubectl shows them in the order declared. */
  private static HasMetadata printerColumnsInDeclaredOrder(HasMetadata crd) {
    var definition = (CustomResourceDefinition) crd;
    Class<?> type =
        switch (definition.getSpec().getNames().getKind()) {
          case "TargetGroupBinding" -> TargetGroupBinding.class;
          case "TargetGroupConfiguration" -> TargetGroupConfiguration.class;
          case "ALBTargetControlConfig" -> AlbTargetControlConfig.class;
          default -> IngressClassParams.class;
        };
    List<String> declared =
        Arrays.stream(type.getAnnotationsByType(AdditionalPrinterColumn.class))
            .map(AdditionalPrinterColumn::name)
            .toList();
    for (var crdVersion : definition.getSpec().getVersions()) {
      crdVersion
          .getAdditionalPrinterColumns()
          .sort(Comparator.comparingInt(column -> declared.indexOf(column.getName())));
    }
    return crd;
  }

  private static List<Path> list(Path dir) throws IOException {
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
