package io.lbc.service;

import static io.lbc.service.ServiceAnnotationKeys.PROXY_PROTOCOL;
import static io.lbc.service.ServiceAnnotationKeys.PROXY_PROTOCOL_PER_TARGET_GROUP;
import static io.lbc.service.ServiceAnnotationKeys.TARGET_GROUP_ATTRIBUTES;
import static io.lbc.service.ServiceAnnotationKeys.TARGET_GROUP_ATTRIBUTES_PER_PORT;

import io.lbc.annotations.ValueSyntax;
import io.lbc.model.TargetType;
import io.lbc.model.elbv2.Attribute;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A target group's attributes (compat-spec §2.2 rows 25–27b): proxy protocol v2 always set (off by
 * default), aws-load-balancer-target-group-attributes with its per-port override, then the
 * per-target-group and the {@code *} proxy-protocol annotations on top.
 *
 * @param attributes sorted by key
 * @param preserveClientIp whether targets see client addresses, which decides node rules of an NLB
 *     without security groups
 */
record TargetGroupAttributes(List<Attribute> attributes, boolean preserveClientIp) {
  static final String PROXY_PROTOCOL_V2 = "proxy_protocol_v2.enabled";
  static final String PRESERVE_CLIENT_IP = "preserve_client_ip.enabled";

  static TargetGroupAttributes build(BuildContext context, int port, TargetType targetType) {
    var annotations = context.annotations();
    var merged = new TreeMap<String, String>();
    merged.put(PROXY_PROTOCOL_V2, "false");
    merged.putAll(checked(context, TARGET_GROUP_ATTRIBUTES, false));
    checked(context, TARGET_GROUP_ATTRIBUTES_PER_PORT + port, true)
        .forEach(
            (key, value) -> {
              if (!value.isEmpty()) {
                merged.put(key, value);
              }
            });
    Optional<String> perTargetGroup = annotations.string(PROXY_PROTOCOL_PER_TARGET_GROUP);
    if (perTargetGroup.isPresent()) {
      boolean listed = false;
      for (String entry : ValueSyntax.parseStringList(perTargetGroup.get())) {
        if (!entry.matches("\\d+")) {
          throw annotations.invalid(
              PROXY_PROTOCOL_PER_TARGET_GROUP, "'" + entry + "' is not a port number");
        }
        listed |= Integer.parseInt(entry) == port;
      }
      merged.put(PROXY_PROTOCOL_V2, String.valueOf(listed));
    }
    Optional<String> all = annotations.string(PROXY_PROTOCOL);
    if (all.isPresent()) {
      if (!all.get().equals("*")) {
        throw annotations.invalid(
            PROXY_PROTOCOL, "'" + all.get() + "' is not supported; the only value is \"*\"");
      }
      merged.put(PROXY_PROTOCOL_V2, "true");
    }
    if (merged.get(PROXY_PROTOCOL_V2).isEmpty()) {
      merged.remove(PROXY_PROTOCOL_V2);
    }
    String preserve = merged.get(PRESERVE_CLIENT_IP);
    boolean preserveClientIp =
        preserve != null ? ValueSyntax.parseBool(preserve) : targetType == TargetType.INSTANCE;
    return new TargetGroupAttributes(
        merged.entrySet().stream().map(e -> new Attribute(e.getKey(), e.getValue())).toList(),
        preserveClientIp);
  }

  /**
   * The map annotation, with preserve_client_ip.enabled checked to be a boolean (or empty, in a
   * per-port override, where empty values do not override).
   */
  private static Map<String, String> checked(
      BuildContext context, String suffix, boolean emptyAllowed) {
    Map<String, String> values = context.annotations().stringMap(suffix).orElse(Map.of());
    String preserve = values.get(PRESERVE_CLIENT_IP);
    if (preserve != null && !(emptyAllowed && preserve.isEmpty())) {
      try {
        ValueSyntax.parseBool(preserve);
      } catch (IllegalArgumentException e) {
        throw context.annotations().invalid(suffix, PRESERVE_CLIENT_IP + ": " + e.getMessage());
      }
    }
    return values;
  }
}
