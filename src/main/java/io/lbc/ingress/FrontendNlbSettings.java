package io.lbc.ingress;

import io.lbc.model.LoadBalancerScheme;
import io.lbc.model.UserInputException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The group's frontend NLB settings, merged member by member like {@link GroupSettings}: the
 * group-exclusive keys must agree (subnets and EIPs in any order), listener port mappings merge per
 * NLB port (one ALB port each), and an explicit health check setting must agree with every other
 * member's explicit one on the same NLB port. A member that disagrees is left out.
 */
final class FrontendNlbSettings {
  Provided<Boolean> enabled;
  Provided<LoadBalancerScheme> scheme;
  Provided<List<String>> subnets;
  Provided<List<String>> securityGroups;
  Provided<List<String>> eipAllocations;
  Provided<Map<String, String>> attributes;
  Provided<Map<String, String>> tags;
  final SortedMap<Integer, Port> ports = new TreeMap<>();

  /** One NLB listener: the ALB port it forwards to and the explicit health check settings. */
  static final class Port {
    Provided<Integer> targetPort;
    final Map<String, Provided<Object>> healthCheck = new LinkedHashMap<>();
  }

  boolean enabled() {
    return enabled != null && enabled.value();
  }

  void check(MemberPlan plan) {
    FrontendNlbChoices c = plan.frontendNlb();
    GroupSettings.agree(enabled, c.enabled(), Object::equals);
    GroupSettings.agree(scheme, c.scheme(), Object::equals);
    GroupSettings.agree(subnets, c.subnets(), FrontendNlbSettings::sameInAnyOrder);
    GroupSettings.agree(securityGroups, c.securityGroups(), Object::equals);
    GroupSettings.agree(eipAllocations, c.eipAllocations(), FrontendNlbSettings::sameInAnyOrder);
    GroupSettings.agree(attributes, c.attributes(), Object::equals);
    GroupSettings.agree(tags, c.tags(), Object::equals);
    c.listeners()
        .forEach(
            (nlbPort, albPort) -> {
              Port merged = ports.get(nlbPort);
              if (merged == null) {
                return;
              }
              if (!merged.targetPort.value().equals(albPort)) {
                throw merged.targetPort.conflict(
                    FrontendNlbReader.PORT_MAPPING_KEY, nlbPort + "=" + albPort);
              }
              c.healthCheck()
                  .forEach(
                      (field, setting) -> {
                        Provided<Object> earlier = merged.healthCheck.get(field);
                        if (earlier != null && !Objects.equals(earlier.value(), setting.value())) {
                          throw earlier.conflict(setting.field(), setting.value());
                        }
                      });
            });
  }

  void apply(MemberPlan plan) {
    FrontendNlbChoices c = plan.frontendNlb();
    enabled = GroupSettings.first(enabled, c.enabled(), plan);
    scheme = GroupSettings.first(scheme, c.scheme(), plan);
    subnets = GroupSettings.first(subnets, c.subnets(), plan);
    securityGroups = GroupSettings.first(securityGroups, c.securityGroups(), plan);
    eipAllocations = GroupSettings.first(eipAllocations, c.eipAllocations(), plan);
    attributes = GroupSettings.first(attributes, c.attributes(), plan);
    tags = GroupSettings.first(tags, c.tags(), plan);
    c.listeners()
        .forEach(
            (nlbPort, albPort) -> {
              Port port = ports.computeIfAbsent(nlbPort, p -> new Port());
              if (port.targetPort == null) {
                port.targetPort =
                    new Provided<>(albPort, FrontendNlbReader.PORT_MAPPING_KEY, plan.key());
              }
              c.healthCheck()
                  .forEach(
                      (field, setting) ->
                          port.healthCheck.putIfAbsent(field, Provided.of(setting, plan)));
            });
  }

  /**
   * Checks that need the merged group: EIP allocations only on an internet-facing NLB, and one per
   * subnet when the subnets are named. Returns the error for the members that set the EIPs.
   */
  Optional<UserInputException> invalidEips(LoadBalancerScheme defaultScheme) {
    if (!enabled() || eipAllocations == null) {
      return Optional.empty();
    }
    LoadBalancerScheme chosen = scheme != null ? scheme.value() : defaultScheme;
    if (chosen != LoadBalancerScheme.INTERNET_FACING) {
      return Optional.of(
          new UserInputException(
              eipAllocations.field(),
              "EIP allocations can only be set for an internet-facing NLB; the frontend NLB is "
                  + chosen));
    }
    if (subnets != null && subnets.value().size() != eipAllocations.value().size()) {
      return Optional.of(eipCountMismatch(eipAllocations, subnets.value().size()));
    }
    return Optional.empty();
  }

  static UserInputException eipCountMismatch(Provided<List<String>> eips, int subnetCount) {
    return new UserInputException(
        eips.field(),
        "count of EIP allocations ("
            + eips.value().size()
            + ") and subnets ("
            + subnetCount
            + ") must match");
  }

  private static boolean sameInAnyOrder(List<String> a, List<String> b) {
    return a.size() == b.size() && new HashSet<>(a).equals(new HashSet<>(b));
  }
}
