package io.lbc.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one canonical JSON form of a stack: keys sorted, nulls left out, tokens as {@code {"$ref":
 * …}}. It is the golden-file format, the debug log line and the output of {@code plan}.
 */
public final class StackJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  private StackJson() {}

  public static String toJson(Stack stack) {
    return write(toTree(stack));
  }

  /** {@code {"id": …, "resources": {type: {id: {"spec": …}}}}}. */
  public static Map<String, Object> toTree(Stack stack) {
    var resources = new TreeMap<String, Object>();
    stack
        .all()
        .forEach(
            (type, byId) -> {
              var ofType = new TreeMap<String, Object>();
              byId.forEach((id, resource) -> ofType.put(id, Map.of("spec", resource.spec())));
              resources.put(type.typeName(), ofType);
            });
    var root = new LinkedHashMap<String, Object>();
    root.put("id", stack.id().value());
    root.put("resources", resources);
    return root;
  }

  /** Any value in the canonical form. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write stack JSON", e);
    }
  }

  /** One line, for logs. */
  public static String compact(Stack stack) {
    try {
      return MAPPER
          .writer()
          .without(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(toTree(stack));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write stack JSON", e);
    }
  }
}
