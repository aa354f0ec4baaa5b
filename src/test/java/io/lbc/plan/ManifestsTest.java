package io.lbc.plan;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lbc.config.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestsTest {
  @Test
  void aYamlErrorNamesTheFileLineAndColumn(@TempDir Path dir) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("bad.yaml"),
            "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n   namespace: b\n");

    assertThatThrownBy(() -> Manifests.read(file))
        .isInstanceOf(UserError.class)
        .hasMessageStartingWith(file + ":5:")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aMissingFileIsAUserErrorNamingIt(@TempDir Path dir) {
    assertThatThrownBy(() -> Manifests.read(dir.resolve("none.yaml")))
        .isInstanceOf(UserError.class)
        .hasMessage(dir.resolve("none.yaml") + ": no such file");
  }

  @Test
  void aDocumentThatIsNoKubernetesObjectIsAUserErrorInOneLine(@TempDir Path dir) throws Exception {
    Path file =
        Files.writeString(dir.resolve("odd.yaml"), "apiVersion: v1\nkind: Service\nspec: [1, 2]\n");

    assertThatThrownBy(() -> Manifests.read(file))
        .isInstanceOf(UserError.class)
        .hasMessageStartingWith(file + ": ")
        .hasMessageNotContaining("\n");
  }
}
