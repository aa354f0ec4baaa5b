package io.lbc.annotations;

import com.fasterxml.jackson.databind.JsonNode;
import io.lbc.config.FeatureGate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What the {@link KeyInventory} means for one object: a refused key that is set refuses it, and a
 * key under our prefixes that nothing declares is reported with the declared key nearest to it.
 */
public final class KeyChecks {
  private KeyChecks() {}

  /**
   * @param gates whether a feature gate is on
   * @throws RefusedKeyException naming the first refused key set, in declaration order
   */
  public static void refuseAnnotations(
      Surface surface, Map<String, String> annotations, Predicate<FeatureGate> gates) {
    refused(surface, annotations, gates, k -> true)
        .ifPresent(
            k -> {
              throw new RefusedKeyException(k.fullKey(), k.support().reason());
            });
  }

  /**
   * The Ingress annotations of a backend Service that the reference reads for the Ingress's target
   * group (compat-spec §1.2 "Backend").
   *
   * @throws RefusedKeyException naming the Service and the first refused key it sets
   */
  public static void refuseServiceBackend(
      String serviceKey, Map<String, String> serviceAnnotations, Predicate<FeatureGate> gates) {
    refused(Surface.INGRESS_ANNOTATION, serviceAnnotations, gates, DeclaredKey::onServices)
        .ifPresent(
            k -> {
              throw new RefusedKeyException(
                  k.fullKey(), "on Service " + serviceKey + ": " + k.support().reason());
            });
  }

  /**
   * @param spec the IngressClassParams spec as JSON
   * @throws RefusedKeyException naming the IngressClassParams and its first refused field set
   */
  public static void refuseParams(String paramsName, JsonNode spec, Predicate<FeatureGate> gates) {
    for (DeclaredKey key : KeyInventory.keys()) {
      if (key.surface() != Surface.INGRESS_CLASS_PARAMS || !applies(key, gates)) {
        continue;
      }
      JsonNode node = spec;
      for (String part : key.name().split("\\.")) {
        node = node == null ? null : node.get(part);
      }
      if (node != null && !node.isNull()) {
        throw new RefusedKeyException(
            "IngressClassParams " + paramsName + " " + key.fullKey(), key.support().reason());
      }
    }
  }

  /** Keys under the surface's prefix that match no declaration, by key. */
  public static List<UnknownKey> unknown(Surface surface, Map<String, String> annotations) {
    String typoPrefix = surface.typoPrefix();
    var unknown = new ArrayList<UnknownKey>();
    if (typoPrefix == null || annotations == null) {
      return unknown;
    }
    for (String key : new TreeMap<>(annotations).keySet()) {
      if (!key.startsWith(typoPrefix)) {
        continue;
      }
      String suffix = key.substring(surface.prefix().length());
      if (KeyInventory.find(surface, suffix).isEmpty()) {
        unknown.add(new UnknownKey(key, nearest(surface, suffix)));
      }
    }
    return unknown;
  }

  private static Optional<DeclaredKey> refused(
      Surface surface,
      Map<String, String> annotations,
      Predicate<FeatureGate> gates,
      Predicate<DeclaredKey> which) {
    if (annotations == null) {
      return Optional.empty();
    }
    var sorted = new TreeMap<>(annotations);
    for (DeclaredKey key : KeyInventory.keys()) {
      if (key.surface() != surface || !which.test(key) || !applies(key, gates)) {
        continue;
      }
      for (Map.Entry<String, String> entry : sorted.entrySet()) {
        if (!entry.getKey().startsWith(surface.prefix())) {
          continue;
        }
        String suffix = entry.getKey().substring(surface.prefix().length());
        if (key.matches(suffix) && !inert(key, entry.getValue())) {
          return Optional.of(key.named(suffix));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean applies(DeclaredKey key, Predicate<FeatureGate> gates) {
    return key.support().refused() && key.onlyWithGate().map(gates::test).orElse(true);
  }

  private static boolean inert(DeclaredKey key, String value) {
    String trimmed = value == null ? "" : value.strip();
    return key.inertValues().stream().anyMatch(trimmed::equalsIgnoreCase);
  }

  /** The declared key nearest by edit distance; a template is compared by its literal start. */
  static DeclaredKey nearest(Surface surface, String suffix) {
    return KeyInventory.keys().stream()
        .filter(k -> k.surface() == surface)
        .min(
            Comparator.comparingInt((DeclaredKey k) -> distance(suffix, k))
                .thenComparing(DeclaredKey::name))
        .orElseThrow();
  }

  private static int distance(String suffix, DeclaredKey key) {
    if (!key.template()) {
      return editDistance(suffix, key.name());
    }
    String literal = key.literalPrefix();
    int dot = suffix.indexOf('.');
    String head = dot < 0 ? suffix : suffix.substring(0, dot + 1);
    return editDistance(head, literal);
  }

  /** Levenshtein distance. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
