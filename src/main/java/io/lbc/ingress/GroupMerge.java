package io.lbc.ingress;

import io.lbc.model.LoadBalancerScheme;
import io.lbc.model.UserInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges member plans into {@link GroupSettings}, leaving out members that conflict with earlier
 * ones, then members whose settings only fail against the merged group (an {@code ssl-redirect}
 * port without an HTTPS listener, an IPv6 Service behind an IPv4 load balancer), repeating until
 * the remaining members agree.
 */
final class GroupMerge {
  private GroupMerge() {}

  record Result(GroupSettings settings, List<ExcludedMember> excluded) {}

  /**
   * @param defaultScheme the controller's default scheme, which a frontend NLB without {@code
   *     frontend-nlb-scheme} takes
   */
  static Result merge(List<MemberPlan> plans, LoadBalancerScheme defaultScheme) {
    var remaining = new ArrayList<>(plans);
    var excluded = new LinkedHashMap<String, ExcludedMember>();
    while (true) {
      var settings = new GroupSettings();
      for (MemberPlan plan : List.copyOf(remaining)) {
        try {
          settings.add(plan);
        } catch (UserInputException e) {
          remaining.remove(plan);
          excluded.put(plan.key(), new ExcludedMember(plan.member().ingress(), e));
        }
      }
      Map<MemberPlan, UserInputException> invalid = validate(settings);
      if (settings.frontendNlb.enabled()) {
        settings.members.forEach(
            p -> p.frontendNlb().invalid().ifPresent(e -> invalid.putIfAbsent(p, e)));
      }
      settings
          .frontendNlb
          .invalidEips(defaultScheme)
          .ifPresent(
              error ->
                  settings.members.stream()
                      .filter(p -> p.frontendNlb().eipAllocations().isPresent())
                      .forEach(p -> invalid.putIfAbsent(p, error)));
      if (invalid.isEmpty()) {
        return new Result(settings, List.copyOf(excluded.values()));
      }
      invalid.forEach(
          (plan, error) -> {
            remaining.remove(plan);
            excluded.put(plan.key(), new ExcludedMember(plan.member().ingress(), error));
          });
    }
  }

  private static Map<MemberPlan, UserInputException> validate(GroupSettings settings) {
    var invalid = new LinkedHashMap<MemberPlan, UserInputException>();
    if (settings.sslRedirectPort != null) {
      int port = settings.sslRedirectPort.value();
      PortSettings target = settings.ports.get(port);
      if (target == null || !target.https()) {
        for (MemberPlan plan : settings.members) {
          plan.settings()
              .sslRedirectPort()
              .ifPresent(
                  s ->
                      invalid.put(
                          plan,
                          new UserInputException(
                              s.field(),
                              "redirects to port "
                                  + port
                                  + ", but the group has no HTTPS listener on it; add {\"HTTPS\": "
                                  + port
                                  + "} to "
                                  + ListenPorts.KEY)));
        }
      }
    }
    String ipAddressType = settings.ipAddressType == null ? "ipv4" : settings.ipAddressType.value();
    if (ipAddressType.equals("ipv4")) {
      for (MemberPlan plan : settings.members) {
        plan.ipv6TargetGroup()
            .ifPresent(
                tg ->
                    invalid.putIfAbsent(
                        plan,
                        new UserInputException(
                            "alb.ingress.kubernetes.io/"
                                + LoadBalancerSettingsReader.IP_ADDRESS_TYPE,
                            "Service "
                                + tg.serviceNamespace()
                                + "/"
                                + tg.serviceName()
                                + " is IPv6 (spec.ipFamilies); it needs a dualstack load balancer")));
      }
    }
    return invalid;
  }
}
