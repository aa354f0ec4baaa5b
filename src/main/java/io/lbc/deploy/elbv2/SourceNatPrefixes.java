package io.lbc.deploy.elbv2;

import io.lbc.aws.elbv2.LoadBalancer;
import io.lbc.aws.elbv2.SubnetMapping;
import io.lbc.model.elbv2.LoadBalancerSpec;
import io.lbc.model.elbv2.SubnetMappingSpec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Whether a load balancer's subnets need a SetSubnets: other subnet IDs, another IPv6 source NAT
 * prefix in a subnet, or the NLB's source NAT switch turned. A desired {@code auto_assigned} prefix
 * matches whatever /80 AWS chose (the reference compares the literal text and so calls SetSubnets
 * on every reconcile of such an NLB); a null switch leaves it alone.
 */
final class SourceNatPrefixes {
  private SourceNatPrefixes() {}

  static boolean subnetsDrifted(
      LoadBalancerSpec spec, List<SubnetMapping> desired, LoadBalancer actual) {
    if (!ids(desired).equals(ids(actual.subnets()))) {
      return true;
    }
    String wantedSwitch = spec.enablePrefixForIpv6SourceNat();
    if (wantedSwitch != null
        && !wantedSwitch.equals(actual.enablePrefixForIpv6SourceNat())
        && !(wantedSwitch.equals("off") && actual.enablePrefixForIpv6SourceNat() == null)) {
      return true;
    }
    Map<String, String> current = new HashMap<>();
    actual.subnets().forEach(m -> current.put(m.subnetId(), m.sourceNatIpv6Prefix()));
    for (SubnetMapping mapping : desired) {
      String prefix = mapping.sourceNatIpv6Prefix();
      if (prefix == null) {
        continue;
      }
      String now = current.get(mapping.subnetId());
      boolean matches =
          SubnetMappingSpec.AUTO_ASSIGNED.equals(prefix)
              ? now != null
              : Objects.equals(prefix, now);
      if (!matches) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> ids(List<SubnetMapping> mappings) {
    var ids = new HashSet<String>();
    mappings.forEach(m -> ids.add(m.subnetId()));
    return ids;
  }
}
