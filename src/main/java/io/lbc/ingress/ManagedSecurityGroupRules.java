package io.lbc.ingress;

import io.lbc.model.ec2.IpPermission;
import io.lbc.model.ec2.IpPermission.IpRange;
import io.lbc.model.ec2.IpPermission.Ipv6Range;
import io.lbc.model.ec2.IpPermission.PrefixListId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Inbound rules of the managed frontend security group (compat-spec §6.2): tcp on every listen port
 * from each inbound CIDR (IPv6 ones only on a dualstack load balancer) and each prefix list; {@code
 * 0.0.0.0/0} (and {@code ::/0}) when a port has neither.
 */
final class ManagedSecurityGroupRules {
  private final GroupSettings settings;
  private final boolean ipv6;

  ManagedSecurityGroupRules(GroupSettings settings, String ipAddressType) {
    this.settings = settings;
    this.ipv6 = !ipAddressType.equals("ipv4");
  }

  List<IpPermission> permissions() {
    var permissions = new ArrayList<IpPermission>();
    for (PortSettings port : settings.ports.values()) {
      var v4 = new TreeSet<String>();
      var v6 = new TreeSet<String>();
      var prefixLists = new TreeSet<String>();
      if (port.inboundCidrs != null) {
        for (String cidr : port.inboundCidrs.value()) {
          (Cidrs.isIpv6(cidr) ? v6 : v4).add(cidr);
        }
      }
      if (port.prefixLists != null) {
        prefixLists.addAll(port.prefixLists.value());
      }
      if (v4.isEmpty() && v6.isEmpty() && prefixLists.isEmpty()) {
        v4.add("0.0.0.0/0");
        v6.add("::/0");
      }
      int number = port.port;
      v4.forEach(
          cidr ->
              permissions.add(
                  new IpPermission(
                      "tcp", number, number, List.of(new IpRange(cidr, null)), null, null, null)));
      if (ipv6) {
        v6.forEach(
            cidr ->
                permissions.add(
                    new IpPermission(
                        "tcp",
                        number,
                        number,
                        null,
                        List.of(new Ipv6Range(cidr, null)),
                        null,
                        null)));
      }
      prefixLists.forEach(
          id ->
              permissions.add(
                  new IpPermission(
                      "tcp",
                      number,
                      number,
                      null,
                      null,
                      List.of(new PrefixListId(id, null)),
                      null)));
    }
    return List.copyOf(permissions);
  }
}
