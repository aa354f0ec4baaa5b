package io.lbc.annotations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's key table is the {@link KeyInventory}: every key with honoured, refused and why, or
 * written by the controller. {@code -Dlbc.update=true} rewrites it.
 */
class ReadmeInventoryTest {
  static final Path README = Path.of("README.md");
  static final String BEGIN = "<!-- key-inventory:begin (generated from KeyInventory) -->";
  static final String END = "<!-- key-inventory:end -->";

  @Test
  void theReadmeTableIsTheInventory() throws IOException {
    String readme = Files.readString(README);
    int begin = readme.indexOf(BEGIN);
    int end = readme.indexOf(END);
    assertThat(begin).as("README has the key-inventory markers").isNotNegative();
    assertThat(end).isGreaterThan(begin);
    String expected = BEGIN + "\n" + table() + END;
    String actual = readme.substring(begin, end + END.length());
    if (Boolean.getBoolean("lbc.update")) {
      Files.writeString(README, readme.replace(actual, expected));
      return;
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(actual).doesNotContainIgnoringCase("ignored");
  }

  static String table() {
    var out = new StringBuilder();
    for (Surface surface : Surface.values()) {
      List<DeclaredKey> keys =
          KeyInventory.keys().stream().filter(k -> k.surface() == surface).toList();
      out.append("\n| ").append(surface.title()).append(" | support |\n|---|---|\n");
      for (DeclaredKey key : keys) {
        out.append("| `").append(key.fullKey()).append("` | ").append(support(key)).append(" |\n");
      }
    }
    return out.append('\n').toString();
  }

  private static String support(DeclaredKey key) {
    String services = key.onServices() ? " (also read from the backend Service)" : "";
    return switch (key.support().state()) {
      case HONOURED -> "honoured" + services;
      case REFUSED ->
          "**refused**"
              + services
              + ": "
              + key.support().reason()
              + key.onlyWithGate()
                  .map(g -> " (only with the " + g.key() + " gate on, as the reference reads it)")
                  .orElse("")
              + (key.inertValues().isEmpty()
                  ? ""
                  : " (accepted with "
                      + String.join(", ", key.inertValues().stream().sorted().toList())
                      + ")");
      case OUTPUT -> "written by the controller, not read: " + key.support().reason();
    };
  }
}
