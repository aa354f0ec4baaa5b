package io.lbc.gateway;

import io.lbc.k8s.gateway.TargetGroupConfiguration;
import io.lbc.k8s.gateway.TargetGroupConfigurationSpec;
import io.lbc.k8s.gateway.TargetGroupConfigurationSpec.RouteConfiguration;
import io.lbc.k8s.gateway.TargetGroupConfigurationSpec.TargetGroupProps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * The TargetGroupConfiguration properties of one Service backend of one route (gateway-spec §3.3):
 * the Service's TGC, specialised for the route, over the Gateway's default TGC, field by field.
 */
public final class TargetGroupPropsResolver {
  private TargetGroupPropsResolver() {}

  public static TargetGroupProps resolve(
      List<TargetGroupConfiguration> configurations,
      String serviceNamespace,
      String serviceName,
      RouteView route,
      Optional<TargetGroupConfiguration> defaults) {
    Optional<TargetGroupConfiguration> forService =
        configurations.stream()
            .filter(c -> serviceNamespace.equals(c.getMetadata().getNamespace()))
            .filter(c -> c.getSpec() != null && c.getSpec().targetReference != null)
            .filter(
                c -> {
                  var ref = c.getSpec().targetReference;
                  return (ref.kind == null || ref.kind.equals("Service"))
                      && serviceName.equals(ref.name);
                })
            .findFirst();
    TargetGroupProps own = forService.map(c -> forRoute(c.getSpec(), route)).orElse(null);
    TargetGroupProps fallback =
        defaults.map(c -> c.getSpec() == null ? null : forRoute(c.getSpec(), route)).orElse(null);
    return over(own, fallback);
  }

  /**
   * The resolved properties an NLB target group cannot take, each named with the Service whose
   * target group asked for it (Warning events and a Gateway condition): {@code targetControlPort}
   * is for HTTP/HTTPS target groups of ALBs only, as in the reference.
   */
  public static List<String> notAppliedOnNlb(
      TargetGroupProps props, String serviceNamespace, String serviceName) {
    if (props.targetControlPort == null) {
      return List.of();
    }
    return List.of(
        "TargetGroupConfiguration targetControlPort (for Service "
            + serviceNamespace
            + "/"
            + serviceName
            + ") applies only to HTTP/HTTPS target groups of ALBs; the NLB target group is built"
            + " without a target control port");
  }

  /** The route's entry (exact, then kind+namespace, then kind) over the defaultConfiguration. */
  static TargetGroupProps forRoute(TargetGroupConfigurationSpec spec, RouteView route) {
    RouteConfiguration best = null;
    int bestScore = 0;
    for (RouteConfiguration entry :
        spec.routeConfigurations == null
            ? List.<RouteConfiguration>of()
            : spec.routeConfigurations) {
      var id = entry.routeIdentifier;
      if (id == null || !route.kind().equals(id.kind)) {
        continue;
      }
      int score;
      if (id.name != null && !id.name.isEmpty()) {
        score = route.name().equals(id.name) && route.namespace().equals(id.namespace) ? 3 : 0;
      } else if (id.namespace != null && !id.namespace.isEmpty()) {
        score = route.namespace().equals(id.namespace) ? 2 : 0;
      } else {
        score = 1;
      }
      if (score > bestScore) {
        best = entry;
        bestScore = score;
      }
    }
    return best == null
        ? spec.defaultConfiguration
        : over(best.targetGroupProps, spec.defaultConfiguration);
  }

  /** {@code high}'s fields where set, else {@code low}'s; tags and attributes merge per key. */
  static TargetGroupProps over(TargetGroupProps high, TargetGroupProps low) {
    if (high == null || low == null) {
      return high != null ? high : low != null ? low : new TargetGroupProps();
    }
    var result = new TargetGroupProps();
    result.targetGroupName =
        high.targetGroupName != null ? high.targetGroupName : low.targetGroupName;
    result.ipAddressType = high.ipAddressType != null ? high.ipAddressType : low.ipAddressType;
    result.healthCheckConfig =
        high.healthCheckConfig != null ? high.healthCheckConfig : low.healthCheckConfig;
    result.nodeSelector = high.nodeSelector != null ? high.nodeSelector : low.nodeSelector;
    result.targetType = high.targetType != null ? high.targetType : low.targetType;
    result.protocol = high.protocol != null ? high.protocol : low.protocol;
    result.protocolVersion =
        high.protocolVersion != null ? high.protocolVersion : low.protocolVersion;
    result.targetControlPort =
        high.targetControlPort != null ? high.targetControlPort : low.targetControlPort;
    result.enableMultiCluster =
        high.enableMultiCluster != null ? high.enableMultiCluster : low.enableMultiCluster;
    if (high.tags != null || low.tags != null) {
      var tags = new LinkedHashMap<String, String>();
      if (low.tags != null) {
        tags.putAll(low.tags);
      }
      if (high.tags != null) {
        tags.putAll(high.tags);
      }
      result.tags = tags;
    }
    if (high.targetGroupAttributes != null || low.targetGroupAttributes != null) {
      var byKey = new LinkedHashMap<String, String>();
      if (low.targetGroupAttributes != null) {
        low.targetGroupAttributes.forEach(a -> byKey.put(a.key, a.value));
      }
      if (high.targetGroupAttributes != null) {
        high.targetGroupAttributes.forEach(a -> byKey.put(a.key, a.value));
      }
      result.targetGroupAttributes =
          byKey.entrySet().stream()
              .map(e -> new io.lbc.k8s.gateway.KeyValue(e.getKey(), e.getValue()))
              .toList();
    }
    return result;
  }
}
