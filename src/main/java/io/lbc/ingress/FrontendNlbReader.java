package io.lbc.ingress;

import io.lbc.annotations.Annotations;
import io.lbc.annotations.KeyInventory;
import io.lbc.annotations.Surface;
import io.lbc.config.ClusterContext;
import io.lbc.model.LoadBalancerScheme;
import io.lbc.model.UserInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads one member's frontend NLB annotations (compat-spec §1.3 #54–#69). Every malformed value
 * throws {@link UserInputException} naming its key, which leaves the member out and nothing else.
 */
final class FrontendNlbReader {
  static final String ENABLE =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "enable-frontend-nlb");
  static final String SCHEME =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "frontend-nlb-scheme");
  static final String SUBNETS =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "frontend-nlb-subnets");
  static final String SECURITY_GROUPS =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "frontend-nlb-security-groups");
  static final String PORT_MAPPING =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "frontend-nlb-listener-port-mapping");
  static final String HC_PORT =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "frontend-nlb-healthcheck-port");
  static final String HC_PROTOCOL =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "frontend-nlb-healthcheck-protocol");
  static final String HC_PATH =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "frontend-nlb-healthcheck-path");
  static final String HC_INTERVAL =
      KeyInventory.honoured(
          Surface.INGRESS_ANNOTATION, "frontend-nlb-healthcheck-interval-seconds");
  static final String HC_TIMEOUT =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "frontend-nlb-healthcheck-timeout-seconds");
  static final String HC_HEALTHY =
      KeyInventory.honoured(
          Surface.INGRESS_ANNOTATION, "frontend-nlb-healthcheck-healthy-threshold-count");
  static final String HC_UNHEALTHY =
      KeyInventory.honoured(
          Surface.INGRESS_ANNOTATION, "frontend-nlb-healthcheck-unhealthy-threshold-count");
  static final String HC_SUCCESS_CODES =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "frontend-nlb-healthcheck-success-codes");
  static final String TAGS = KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "frontend-nlb-tags");
  static final String EIP_ALLOCATIONS =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "frontend-nlb-eip-allocations");
  static final String ATTRIBUTES =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "frontend-nlb-attributes");

  static final String CLIENT_ROUTING_POLICY = "dns_record.client_routing_policy";
  static final List<String> CLIENT_ROUTING_POLICIES =
      List.of(
          "any_availability_zone",
          "partial_availability_zone_affinity",
          "availability_zone_affinity");
  static final String TRAFFIC_PORT = "traffic-port";
  static final String PORT_MAPPING_KEY = Annotations.INGRESS_PREFIX + "/" + PORT_MAPPING;
  static final String SUBNETS_KEY = Annotations.INGRESS_PREFIX + "/" + SUBNETS;

  private final ClusterContext cluster;

  FrontendNlbReader(ClusterContext cluster) {
    this.cluster = cluster;
  }

  /**
   * @param albPorts the member's own ALB listener ports
   */
  FrontendNlbChoices read(MemberSource source, Set<Integer> albPorts) {
    Annotations a = source.annotations();
    Optional<Setting<Boolean>> enabled = a.bool(ENABLE).map(v -> source.fromAnnotation(ENABLE, v));
    try {
      return new FrontendNlbChoices(
          enabled,
          scheme(source),
          nonEmptyList(source, SUBNETS),
          nonEmptyList(source, SECURITY_GROUPS),
          nonEmptyList(source, EIP_ALLOCATIONS),
          attributes(source),
          tags(source),
          listeners(source, albPorts),
          healthCheck(source),
          Optional.empty());
    } catch (UserInputException e) {
      return FrontendNlbChoices.invalid(enabled, e);
    }
  }

  private static Optional<Setting<LoadBalancerScheme>> scheme(MemberSource source) {
    return source
        .annotations()
        .string(SCHEME)
        .map(
            raw ->
                source.fromAnnotation(
                    SCHEME,
                    LoadBalancerScheme.parse(raw)
                        .orElseThrow(
                            () ->
                                source
                                    .annotations()
                                    .invalid(
                                        SCHEME,
                                        "'" + raw + "' is not one of internal, internet-facing"))));
  }

  private static Optional<Setting<List<String>>> nonEmptyList(MemberSource source, String key) {
    return source
        .annotations()
        .stringList(key)
        .map(
            list -> {
              if (list.isEmpty()) {
                throw source.annotations().invalid(key, "is empty; remove it or give values");
              }
              return source.fromAnnotation(key, list);
            });
  }

  private static Optional<Setting<Map<String, String>>> attributes(MemberSource source) {
    Optional<Map<String, String>> attributes = source.annotations().stringMap(ATTRIBUTES);
    attributes
        .map(m -> m.get(CLIENT_ROUTING_POLICY))
        .filter(policy -> !CLIENT_ROUTING_POLICIES.contains(policy))
        .ifPresent(
            policy -> {
              throw source
                  .annotations()
                  .invalid(
                      ATTRIBUTES,
                      CLIENT_ROUTING_POLICY
                          + " '"
                          + policy
                          + "' is not one of "
                          + CLIENT_ROUTING_POLICIES);
            });
    return attributes.map(m -> source.fromAnnotation(ATTRIBUTES, Map.copyOf(m)));
  }

  private Optional<Setting<Map<String, String>>> tags(MemberSource source) {
    Optional<Map<String, String>> tags = source.annotations().stringMap(TAGS);
    tags.ifPresent(
        t ->
            LoadBalancerSettingsReader.rejectExternallyManaged(
                source.annotations().key(TAGS), t, cluster));
    return tags.map(t -> source.fromAnnotation(TAGS, Map.copyOf(t)));
  }

  /**
   * The member's ALB ports each become an NLB port of the same number; with a port mapping only the
   * mapped ones do, and a mapping to a port the member does not listen on is skipped (as in the
   * reference).
   */
  private static SortedMap<Integer, Integer> listeners(MemberSource source, Set<Integer> albPorts) {
    Map<String, String> mapping = source.annotations().stringMap(PORT_MAPPING).orElse(Map.of());
    var listeners = new TreeMap<Integer, Integer>();
    if (mapping.isEmpty()) {
      albPorts.forEach(p -> listeners.put(p, p));
      return listeners;
    }
    mapping.forEach(
        (nlb, alb) -> {
          int nlbPort = port(source, nlb, "NLB listener port");
          int albPort = port(source, alb, "ALB listener port");
          if (albPorts.contains(albPort)) {
            listeners.put(nlbPort, albPort);
          }
        });
    return listeners;
  }

  private static int port(MemberSource source, String raw, String what) {
    try {
      int port = Integer.parseInt(raw.trim());
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw source.annotations().invalid(PORT_MAPPING, "invalid " + what + ": '" + raw + "'");
    }
  }

  private static Map<String, Setting<Object>> healthCheck(MemberSource source) {
    Annotations a = source.annotations();
    var explicit = new LinkedHashMap<String, Setting<Object>>();
    a.string(HC_PORT)
        .ifPresent(
            p -> {
              if (!p.equals(TRAFFIC_PORT) && !p.matches("-?\\d+")) {
                throw a.invalid(HC_PORT, "'" + p + "' is neither traffic-port nor a port number");
              }
              explicit.put(FrontendNlbChoices.HC_PORT, source.fromAnnotation(HC_PORT, p));
            });
    a.string(HC_PROTOCOL)
        .ifPresent(
            p -> {
              if (!p.equals("HTTP") && !p.equals("HTTPS")) {
                throw a.invalid(HC_PROTOCOL, "'" + p + "' is not one of HTTP, HTTPS");
              }
              explicit.put(FrontendNlbChoices.HC_PROTOCOL, source.fromAnnotation(HC_PROTOCOL, p));
            });
    put(explicit, FrontendNlbChoices.HC_PATH, source, HC_PATH, a::string);
    put(explicit, FrontendNlbChoices.HC_SUCCESS_CODES, source, HC_SUCCESS_CODES, a::string);
    put(explicit, FrontendNlbChoices.HC_INTERVAL, source, HC_INTERVAL, a::int32);
    put(explicit, FrontendNlbChoices.HC_TIMEOUT, source, HC_TIMEOUT, a::int32);
    put(explicit, FrontendNlbChoices.HC_HEALTHY, source, HC_HEALTHY, a::int32);
    put(explicit, FrontendNlbChoices.HC_UNHEALTHY, source, HC_UNHEALTHY, a::int32);
    return explicit;
  }

  private static <T> void put(
      Map<String, Setting<Object>> explicit,
      String field,
      MemberSource source,
      String key,
      Function<String, Optional<T>> reader) {
    reader.apply(key).ifPresent(v -> explicit.put(field, source.fromAnnotation(key, v)));
  }
}
