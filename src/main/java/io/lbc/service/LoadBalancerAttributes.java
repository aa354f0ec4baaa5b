package io.lbc.service;

import static io.lbc.service.ServiceAnnotationKeys.ACCESS_LOG_BUCKET;
import static io.lbc.service.ServiceAnnotationKeys.ACCESS_LOG_ENABLED;
import static io.lbc.service.ServiceAnnotationKeys.ACCESS_LOG_PREFIX;
import static io.lbc.service.ServiceAnnotationKeys.ATTRIBUTES;
import static io.lbc.service.ServiceAnnotationKeys.CROSS_ZONE;

import io.lbc.annotations.Annotations;
import io.lbc.annotations.ValueSyntax;
import io.lbc.model.elbv2.Attribute;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * NLB attributes (compat-spec §2.2 rows 13–17): aws-load-balancer-attributes, overridden key by key
 * by the deprecated access-log and cross-zone annotations. Only the keys given are managed.
 */
final class LoadBalancerAttributes {
  static final String DELETION_PROTECTION = "deletion_protection.enabled";
  private static final String CLIENT_ROUTING_POLICY = "dns_record.client_routing_policy";
  private static final Set<String> ROUTING_POLICIES =
      Set.of(
          "availability_zone_affinity",
          "partial_availability_zone_affinity",
          "any_availability_zone");

  private LoadBalancerAttributes() {}

  /** Sorted by key. */
  static List<Attribute> build(Annotations annotations) {
    var attributes =
        new TreeMap<String, String>(annotations.stringMap(ATTRIBUTES).orElse(Map.of()));
    String policy = attributes.get(CLIENT_ROUTING_POLICY);
    if (policy != null && !ROUTING_POLICIES.contains(policy)) {
      throw annotations.invalid(
          ATTRIBUTES,
          CLIENT_ROUTING_POLICY
              + " '"
              + policy
              + "' is not one of "
              + ROUTING_POLICIES.stream().sorted().toList());
    }
    if (annotations.bool(ACCESS_LOG_ENABLED).orElse(false)) {
      attributes.put("access_logs.s3.enabled", "true");
      annotations
          .string(ACCESS_LOG_BUCKET)
          .ifPresent(b -> attributes.put("access_logs.s3.bucket", b));
      annotations
          .string(ACCESS_LOG_PREFIX)
          .ifPresent(p -> attributes.put("access_logs.s3.prefix", p));
    }
    annotations
        .bool(CROSS_ZONE)
        .ifPresent(on -> attributes.put("load_balancing.cross_zone.enabled", String.valueOf(on)));
    return attributes.entrySet().stream()
        .map(e -> new Attribute(e.getKey(), e.getValue()))
        .toList();
  }

  /** Whether the annotation turns deletion protection on (which blocks cleaning up). */
  static boolean deletionProtected(Annotations annotations) {
    String value = annotations.stringMap(ATTRIBUTES).orElse(Map.of()).get(DELETION_PROTECTION);
    if (value == null) {
      return false;
    }
    try {
      return ValueSyntax.parseBool(value);
    } catch (IllegalArgumentException e) {
      throw annotations.invalid(ATTRIBUTES, DELETION_PROTECTION + ": " + e.getMessage());
    }
  }
}
