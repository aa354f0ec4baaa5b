package io.lbc.reconcile;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lbc.ControllerRuntime;
import io.lbc.config.ControllerConfig;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Everything a stack is built from, as one digest (see {@link StackCheckpoints}): the controller's
 * code and the configuration that shapes stacks, the owners as they are now (labels, annotations,
 * spec, deletion), and every other cluster object the build read (Services, IngressClassParams,
 * Namespaces, Secrets — recorded by {@link RecordingClusterView} as they were read, absent ones
 * included). Equal digests mean an equal stack, AWS aside.
 */
public final class StackInputs {
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .build();

  /** A digest and the cluster objects behind it (what a later reconcile reads again to check). */
  public record Digest(String digest, List<String> reads) {}

  private final String fixed;

  public StackInputs(ControllerConfig config) {
    this(codeVersion(), config);
  }

  StackInputs(String codeVersion, ControllerConfig config) {
    this.fixed = codeVersion + "\n" + configDigest(config);
  }

  /**
   * The configuration that shapes stacks (not ports, log levels, worker counts or leader election):
   * a change there re-verifies every stack.
   */
  static String configDigest(ControllerConfig config) {
    return sha256(
        canonical(
            List.of(
                config.clusterName(),
                config.aws(),
                config.kube(),
                config.defaults(),
                config.featureGates(),
                config.build(),
                config.addOns())));
  }

  /**
   * A value's text that every process gives alike: records by component, map entries and set
   * elements sorted. {@code toString()} is not: {@code Map.copyOf}, {@code Set.of} and maps keyed
   * by enums iterate in an order of the JVM's own, so a standby that took over saw every checkpoint
   * a dead leader wrote as stale.
   */
  static String canonical(Object value) {
    if (value instanceof Optional<?> optional) {
      return optional.map(v -> "Optional[" + canonical(v) + "]").orElse("Optional.empty");
    }
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream()
          .map(e -> canonical(e.getKey()) + "=" + canonical(e.getValue()))
          .sorted()
          .collect(Collectors.joining(", ", "{", "}"));
    }
    if (value instanceof Set<?> set) {
      return set.stream()
          .map(StackInputs::canonical)
          .sorted()
          .collect(Collectors.joining(", ", "[", "]"));
    }
    if (value instanceof Collection<?> list) {
      return list.stream().map(StackInputs::canonical).collect(Collectors.joining(", ", "[", "]"));
    }
    if (value instanceof Record record) {
      var text = new StringBuilder(record.getClass().getSimpleName()).append('[');
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        try {
          Method accessor = component.getAccessor();
          accessor.setAccessible(true);
          text.append(component.getName())
              .append('=')
              .append(canonical(accessor.invoke(record)))
              .append(", ");
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot read " + component, e);
        }
      }
      return text.append(']').toString();
    }
    return String.valueOf(value);
  }

  /** The parts, in the order given (each part already canonical), with the reads, into a digest. */
  public Digest digest(List<String> parts, Map<String, String> reads) {
    var text = new StringBuilder(fixed);
    parts.forEach(p -> text.append('\n').append(p));
    new TreeMap<>(reads)
        .forEach((key, content) -> text.append('\n').append(key).append('=').append(content));
    return new Digest(sha256(text.toString()), List.copyOf(new TreeMap<>(reads).keySet()));
  }

  /**
   * An object as input: identity, labels, annotations (without bookkeeping), deletion (not
   * finalizers) and everything outside metadata except status, in canonical JSON; "absent" for
   * none.
   */
  public static String of(Optional<? extends HasMetadata> object) {
    return object.map(StackInputs::of).orElse("absent");
  }

  public static String of(HasMetadata object) {
    @SuppressWarnings("unchecked")
    Map<String, Object> all = Serialization.jsonMapper().convertValue(object, Map.class);
    all.remove("status");
    var metadata = new LinkedHashMap<String, Object>();
    var meta = object.getMetadata();
    metadata.put("namespace", meta.getNamespace());
    metadata.put("name", meta.getName());
    metadata.put("uid", meta.getUid());
    metadata.put("labels", meta.getLabels());
    var annotations = new TreeMap<>(Optional.ofNullable(meta.getAnnotations()).orElse(Map.of()));
    annotations.keySet().removeAll(LastGoodVersions.BOOKKEEPING);
    metadata.put("annotations", annotations);
    metadata.put("deletionTimestamp", meta.getDeletionTimestamp());
    all.put("metadata", metadata);
    try {
      return CANONICAL.writeValueAsString(all);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + object.getKind() + " as JSON", e);
    }
  }

  /**
   * The running code: the jar's size and build time (a new build, even of the same version,
   * re-verifies every stack), or "classes" when run from a build directory (tests). Read once.
   */
  static String codeVersion() {
    return CodeVersion.VALUE;
  }

  private static final class CodeVersion {
    static final String VALUE = read();

    private static String read() {
      try {
        Path location =
            Path.of(
                ControllerRuntime.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        if (!Files.isRegularFile(location)) {
          return "classes";
        }
        return "jar:" + Files.size(location) + ":" + Files.getLastModifiedTime(location).toMillis();
      } catch (Exception e) {
        // unknown code: a digest nobody stored, so nothing is ever skipped on its account
        return "unknown-" + System.nanoTime();
      }
    }
  }

  static String sha256(String text) {
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  /** Parts in a stable order. */
  static List<String> sorted(List<String> parts) {
    var copy = new ArrayList<>(parts);
    copy.sort(null);
    return copy;
  }
}
