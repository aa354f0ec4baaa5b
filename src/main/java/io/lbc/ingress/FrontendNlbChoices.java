package io.lbc.ingress;

import io.lbc.model.LoadBalancerScheme;
import io.lbc.model.UserInputException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The frontend NLB settings one member asks for (compat-spec §1.3 #54–#69). Absent values leave the
 * choice to other members or to the defaults.
 *
 * @param listeners NLB listener port → the ALB listener port it forwards to: the member's own ALB
 *     ports, or only the mapped ones when {@code frontend-nlb-listener-port-mapping} is set
 * @param healthCheck the member's explicit health check settings, the same for each of its ports
 * @param invalid the first malformed frontend NLB value of the member: it leaves the member out
 *     only when the group enables the NLB (the reference reads these keys only then)
 */
record FrontendNlbChoices(
    Optional<Setting<Boolean>> enabled,
    Optional<Setting<LoadBalancerScheme>> scheme,
    Optional<Setting<List<String>>> subnets,
    Optional<Setting<List<String>>> securityGroups,
    Optional<Setting<List<String>>> eipAllocations,
    Optional<Setting<Map<String, String>>> attributes,
    Optional<Setting<Map<String, String>>> tags,
    SortedMap<Integer, Integer> listeners,
    Map<String, Setting<Object>> healthCheck,
    Optional<UserInputException> invalid) {

  /** Health check fields, by the name a conflict reports. */
  static final String HC_PORT = "port";

  static final String HC_PROTOCOL = "protocol";
  static final String HC_PATH = "path";
  static final String HC_SUCCESS_CODES = "successCodes";
  static final String HC_INTERVAL = "intervalSeconds";
  static final String HC_TIMEOUT = "timeoutSeconds";
  static final String HC_HEALTHY = "healthyThresholdCount";
  static final String HC_UNHEALTHY = "unhealthyThresholdCount";

  /** Only whether the member enables the NLB, and why the rest of its settings are unusable. */
  static FrontendNlbChoices invalid(Optional<Setting<Boolean>> enabled, UserInputException error) {
    return new FrontendNlbChoices(
        enabled,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        new java.util.TreeMap<>(),
        Map.of(),
        Optional.of(error));
  }
}
