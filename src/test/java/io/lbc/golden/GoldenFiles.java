package io.lbc.golden;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.lbc.rig.Rig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Golden cases live as files: {@code src/test/resources/golden/<family>/<case>/} with {@code
 * input.yaml} (Kubernetes objects), {@code aws.json} (an {@link AwsSnapshot}) and the expected
 * output files. Run with {@code -Dlbc.update=true} to rewrite the expected files from what the code
 * produces; review the diff.
 */
public final class GoldenFiles {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private GoldenFiles() {}

  public static Path root(String family) {
    return Rig.repoRoot().resolve("src/test/resources/golden").resolve(family);
  }

  /** The case folders of a family, sorted by name. */
  public static List<Path> cases(String family) {
    try (Stream<Path> dirs = Files.list(root(family))) {
      return dirs.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every object of the case's {@code input.yaml} (a multi-document YAML). */
  @SuppressWarnings("unchecked")
  public static List<HasMetadata> manifests(Path caseDir) {
    try (InputStream in = Files.newInputStream(caseDir.resolve("input.yaml"))) {
      Object parsed = SERIALIZATION.unmarshal(in);
      if (parsed instanceof List<?> list) {
        return (List<HasMetadata>) list;
      }
      return List.of((HasMetadata) parsed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The case's {@code aws.json}, or an empty account when the case has none. */
  public static AwsSnapshot aws(Path caseDir) {
    Path file = caseDir.resolve("aws.json");
    return Files.exists(file)
        ? AwsSnapshot.read(file)
        : new AwsSnapshot(null, null, null, null, null, null, null, null, null);
  }

  /** Compares {@code actual} with the expected file, or rewrites it under {@code -Dlbc.update}. */
  public static void assertMatches(Path caseDir, String expectedFile, String actual) {
    Path file = caseDir.resolve(expectedFile);
    try {
      if (Boolean.getBoolean("lbc.update")) {
        Files.writeString(file, actual);
        return;
      }
      assertThat(Files.exists(file))
          .as("%s is missing: run with -Dlbc.update=true to create it", file)
          .isTrue();
      assertThat(actual)
          .as("%s differs: run with -Dlbc.update=true to rewrite it, then review the diff", file)
          .isEqualTo(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
