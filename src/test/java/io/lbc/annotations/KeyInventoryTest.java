package io.lbc.annotations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.lbc.k8s.IngressClassParamsSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Holds the {@link KeyInventory} to the reference's surface (compat-spec §1.3, §1.4, §2.2, kept as
 * {@code inventory/compat-spec-keys.txt}) and to the code: every key is honoured or refused, every
 * honoured key is read through the inventory, and no reader spells a declared key out itself.
 */
class KeyInventoryTest {
  static final Path SPEC_KEYS = Path.of("src/test/resources/inventory/compat-spec-keys.txt");
  static final List<Path> SPEC_LOCATIONS =
      List.of(
          Path.of("../shared/reference/compat-spec.md"),
          Path.of("/work/shared/reference/compat-spec.md"));
  private static final Pattern NUMBERED_ROW = Pattern.compile("^\\| \\d+b? \\| `([^`]+)`");
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  @Test
  void declaresExactlyTheKeysOfTheCompatSpec() throws IOException {
    Set<String> spec = new TreeSet<>(specKeysResource());
    Set<String> declared =
        KeyInventory.keys().stream()
            .map(k -> k.surface() + " " + k.name())
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(declared).as("declared keys that are not in the spec").isSubsetOf(spec);
    assertThat(spec).as("keys of the spec that are not declared").isSubsetOf(declared);
    assertThat(declared).hasSize(KeyInventory.keys().size()).hasSize(145);
  }

  @Test
  void everyKeyIsHonouredOrRefusedWithAReason() {
    for (DeclaredKey key : KeyInventory.keys()) {
      assertThat(key.support().state()).as(key.fullKey()).isNotNull();
      if (!key.support().honoured()) {
        assertThat(key.support().reason()).as(key.fullKey()).isNotBlank();
      }
    }
    assertThat(
            KeyInventory.keys().stream().filter(k -> k.support().state() == Support.State.OUTPUT))
        .extracting(DeclaredKey::fullKey)
        .containsExactly("alb.ingress.kubernetes.io/dry-run-plan", "gateway.k8s.aws/dry-run-plan");
  }

  @Test
  void theKeyListIsTheCompatSpecs() throws IOException {
    Path spec = SPEC_LOCATIONS.stream().filter(Files::exists).findFirst().orElse(null);
    assumeTrue(spec != null, "compat-spec.md is not beside the clone");

    assertThat(parseSpec(Files.readAllLines(spec)))
        .isEqualTo(
            specKeysResource().stream()
                .filter(k -> !k.startsWith(Surface.GATEWAY_ANNOTATION + " "))
                .toList());
  }

  @Test
  void everyHonouredAnnotationIsReadThroughTheInventoryAndNothingElseIs() throws Exception {
    for (String packageName :
        List.of(
            "io.lbc.ingress",
            "io.lbc.service",
            "io.lbc.webhook",
            "io.lbc.reconcile",
            "io.lbc.gateway",
            "io.lbc.k8s.cache")) {
      initializeEveryClassOf(packageName);
    }
    Set<String> honoured =
        KeyInventory.keys().stream()
            .filter(k -> k.support().honoured())
            .filter(k -> k.surface() != Surface.INGRESS_CLASS_PARAMS)
            .map(DeclaredKey::fullKey)
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> claimed =
        KeyInventory.claimed().stream()
            .map(DeclaredKey::fullKey)
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(claimed).isEqualTo(honoured);
  }

  @Test
  void everyIngressClassParamsFieldIsDeclared() {
    var mapper = new ObjectMapper();
    Set<String> properties =
        mapper
            .getSerializationConfig()
            .introspect(mapper.constructType(IngressClassParamsSpec.class))
            .findProperties()
            .stream()
            .map(BeanPropertyDefinition::getName)
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> declared =
        KeyInventory.keys().stream()
            .filter(k -> k.surface() == Surface.INGRESS_CLASS_PARAMS)
            .map(k -> k.name().split("\\.")[0])
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(properties).isEqualTo(declared);
  }

  @Test
  void noReaderSpellsADeclaredAnnotationOut() throws IOException {
    Set<String> names =
        KeyInventory.keys().stream()
            .filter(k -> k.surface() != Surface.INGRESS_CLASS_PARAMS)
            .map(DeclaredKey::literalPrefix)
            .collect(Collectors.toSet());
    var offenders = new ArrayList<String>();
    for (String dir : List.of("ingress", "service", "webhook", "reconcile")) {
      try (Stream<Path> files = Files.walk(Path.of("src/main/java/io/lbc", dir))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          Matcher literal = Pattern.compile("\"([^\"\\\\]*)\"").matcher(Files.readString(file));
          while (literal.find()) {
            String text = literal.group(1);
            String suffix =
                text.replaceFirst("^((alb\\.ingress|service\\.beta)\\.kubernetes\\.io)?/", "");
            boolean named = text.contains("/") || text.contains("-");
            if (named && names.contains(suffix) && !isDeclaration(file, literal.start())) {
              offenders.add(file + ": \"" + text + "\"");
            }
          }
        }
      }
    }
    assertThat(offenders).as("read these through KeyInventory.honoured").isEmpty();
  }

  /** A literal that is the argument of {@code KeyInventory.honoured(…)}. */
  private static boolean isDeclaration(Path file, int offset) throws IOException {
    String before = Files.readString(file).substring(Math.max(0, offset - 120), offset);
    return before.replaceAll("\\s+", "").endsWith("_ANNOTATION,");
  }

  static List<String> specKeysResource() throws IOException {
    return Files.readAllLines(SPEC_KEYS).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#"))
        .toList();
  }

  /** The keys of §1.3, §1.4 and §2.2, as {@code SURFACE name}, in the spec's order. */
  static List<String> parseSpec(List<String> lines) {
    var keys = new ArrayList<String>();
    for (String line : section(lines, "### 1.3", "### 1.4")) {
      Matcher row = NUMBERED_ROW.matcher(line);
      if (row.find()) {
        keys.add(Surface.INGRESS_ANNOTATION + " " + row.group(1));
      }
    }
    for (String line : section(lines, "### 1.4", "## 2.")) {
      if (line.startsWith("| `")) {
        Matcher code = CODE.matcher(line.split("\\|")[1]);
        while (code.find()) {
          keys.add(Surface.INGRESS_CLASS_PARAMS + " " + code.group(1));
        }
      }
    }
    for (String line : section(lines, "### 2.2", "## 3.")) {
      Matcher row = NUMBERED_ROW.matcher(line);
      if (row.find()) {
        Surface surface =
            line.split("\\|")[2].contains("**pod**")
                ? Surface.POD_ANNOTATION
                : Surface.SERVICE_ANNOTATION;
        keys.add(surface + " " + row.group(1));
      }
    }
    return keys;
  }

  private static List<String> section(List<String> lines, String start, String end) {
    int from = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (from < 0 && lines.get(i).startsWith(start)) {
        from = i;
      } else if (from >= 0 && lines.get(i).startsWith(end)) {
        return lines.subList(from, i);
      }
    }
    throw new AssertionError("no section " + start + " in the compat spec");
  }

  private static void initializeEveryClassOf(String packageName) throws Exception {
    Path root = Path.of("target/classes", packageName.replace('.', '/'));
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name =
            Path.of("target/classes")
                .relativize(file)
                .toString()
                .replace('/', '.')
                .replaceAll("\\.class$", "");
        Class.forName(name, true, KeyInventoryTest.class.getClassLoader());
      }
    }
  }
}
