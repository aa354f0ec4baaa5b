package io.lbc.annotations;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lbc.model.UserInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Typed access to the annotations of one object under one prefix (compat-spec §1.1). A value that
 * does not parse throws {@link UserInputException} naming the full annotation key.
 */
public final class Annotations {
  public static final String INGRESS_PREFIX = "alb.ingress.kubernetes.io";
  public static final String SERVICE_PREFIX = "service.beta.kubernetes.io";

  /**
   * JSON annotations parse like Go's encoding/json: field names ignore case, unknown fields are
   * dropped.
   */
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private final String prefix;
  private final Map<String, String> values;

  private Annotations(String prefix, Map<String, String> values) {
    this.prefix = prefix;
    this.values = values == null ? Map.of() : Map.copyOf(values);
  }

  public static Annotations ingress(Map<String, String> annotations) {
    return new Annotations(INGRESS_PREFIX, annotations);
  }

  public static Annotations service(Map<String, String> annotations) {
    return new Annotations(SERVICE_PREFIX, annotations);
  }

  /**
   * These annotations with {@code higher}'s values winning, e.g. a Service's over an Ingress's for
   * a target group.
   */
  public Annotations overriddenBy(Map<String, String> higher) {
    var merged = new HashMap<>(values);
    if (higher != null) {
      merged.putAll(higher);
    }
    return new Annotations(prefix, merged);
  }

  /** The full annotation key of a suffix, e.g. {@code alb.ingress.kubernetes.io/scheme}. */
  public String key(String suffix) {
    return prefix + "/" + suffix;
  }

  public boolean has(String suffix) {
    return values.containsKey(key(suffix));
  }

  public Optional<String> string(String suffix) {
    return Optional.ofNullable(values.get(key(suffix)));
  }

  public Optional<Boolean> bool(String suffix) {
    return parse(suffix, ValueSyntax::parseBool);
  }

  public Optional<Integer> int32(String suffix) {
    return parse(suffix, ValueSyntax::parseInt32);
  }

  public Optional<Long> int64(String suffix) {
    return parse(suffix, ValueSyntax::parseInt64);
  }

  public Optional<List<String>> stringList(String suffix) {
    return parse(suffix, ValueSyntax::parseStringList);
  }

  public Optional<Map<String, String>> stringMap(String suffix) {
    return parse(suffix, ValueSyntax::parseStringMap);
  }

  public <T> Optional<T> json(String suffix, Class<T> type) {
    return parse(suffix, raw -> readJson(raw, JSON.getTypeFactory().constructType(type)));
  }

  public <T> Optional<T> json(String suffix, TypeReference<T> type) {
    return parse(suffix, raw -> readJson(raw, JSON.getTypeFactory().constructType(type)));
  }

  /** Every annotation under the prefix whose suffix starts with {@code suffixPrefix}. */
  public Map<String, String> withSuffixPrefix(String suffixPrefix) {
    var result = new HashMap<String, String>();
    String start = key(suffixPrefix);
    values.forEach(
        (k, v) -> {
          if (k.startsWith(start)) {
            result.put(k.substring(prefix.length() + 1), v);
          }
        });
    return result;
  }

  /** A user error naming the annotation. */
  public UserInputException invalid(String suffix, String reason) {
    return new UserInputException(key(suffix), reason);
  }

  private <T> Optional<T> parse(String suffix, Function<String, T> parser) {
    String raw = values.get(key(suffix));
    if (raw == null) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(parser.apply(raw)); // JSON null reads as absent
    } catch (IllegalArgumentException e) {
      throw invalid(suffix, e.getMessage());
    }
  }

  private static <T> T readJson(String raw, com.fasterxml.jackson.databind.JavaType type) {
    try {
      return JSON.readValue(raw, type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }
}
