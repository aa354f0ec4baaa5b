package io.lbc.service;

import static io.lbc.service.ServiceAnnotationKeys.ICMP_FOR_PATH_MTU;
import static io.lbc.service.ServiceAnnotationKeys.PREFIX_LISTS;

import io.lbc.model.Names;
import io.lbc.model.UserInputException;
import io.lbc.model.ec2.IpPermission;
import io.lbc.model.ec2.IpPermission.IpRange;
import io.lbc.model.ec2.IpPermission.Ipv6Range;
import io.lbc.model.ec2.IpPermission.PrefixListId;
import io.lbc.model.ec2.SecurityGroupSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The NLB's managed frontend security group (compat-spec §6.2): each Service port open to each
 * source range and prefix list, plus the optional ICMP "fragmentation needed" rules for path MTU
 * discovery.
 */
final class ManagedSecurityGroup {
  static final String DESCRIPTION = "[k8s] Managed SecurityGroup for LoadBalancer";

  private ManagedSecurityGroup() {}

  static SecurityGroupSpec build(BuildContext context, String ipAddressType) {
    var service = context.service();
    String name =
        Names.namespacedName(
            service.namespace(),
            service.name(),
            Names.hash(
                context.cluster().clusterName(),
                service.name(),
                service.namespace(),
                service.uid()));
    return new SecurityGroupSpec(
        name, DESCRIPTION, ingress(context, ipAddressType), context.userTags());
  }

  private static List<IpPermission> ingress(BuildContext context, String ipAddressType) {
    var annotations = context.annotations();
    boolean dualstack = ipAddressType.equals(Addressing.DUALSTACK);
    Optional<List<String>> prefixLists = annotations.stringList(PREFIX_LISTS);
    List<String> cidrs = cidrs(context, dualstack, prefixLists.isPresent());
    boolean icmp = icmpForPathMtu(context);

    var permissions = new ArrayList<IpPermission>();
    for (ServiceView.Port port : context.service().ports()) {
      String protocol = port.protocol().toLowerCase(Locale.ROOT);
      for (String cidr : cidrs) {
        permissions.add(toPort(protocol, port.port(), cidr));
      }
      for (String prefixList : prefixLists.orElse(List.of())) {
        permissions.add(
            new IpPermission(
                protocol,
                port.port(),
                port.port(),
                null,
                null,
                List.of(new PrefixListId(prefixList, null)),
                null));
      }
    }
    if (icmp) {
      for (String cidr : cidrs) {
        permissions.add(
            cidr.contains(":")
                ? new IpPermission(
                    "icmpv6", 2, 0, null, List.of(new Ipv6Range(cidr, null)), null, null)
                : new IpPermission(
                    "icmp", 3, 4, List.of(new IpRange(cidr, null)), null, null, null));
      }
    }
    return List.copyOf(permissions);
  }

  private static IpPermission toPort(String protocol, int port, String cidr) {
    return cidr.contains(":")
        ? new IpPermission(
            protocol, port, port, null, List.of(new Ipv6Range(cidr, null)), null, null)
        : new IpPermission(
            protocol, port, port, List.of(new IpRange(cidr, null)), null, null, null);
  }

  /** The source ranges; everyone when none is given and no prefix list either. */
  private static List<String> cidrs(BuildContext context, boolean dualstack, boolean prefixLists) {
    SourceRanges ranges = SourceRanges.of(context);
    for (String cidr : ranges.cidrs()) {
      if (cidr.contains(":") && !dualstack) {
        throw new UserInputException(
            ranges.field(),
            "IPv6 range "
                + cidr
                + " needs a dualstack load balancer (aws-load-balancer-ip-address-type: dualstack)");
      }
    }
    if (!ranges.isEmpty()) {
      return SourceRanges.collapse(ranges.cidrs());
    }
    if (prefixLists) {
      return List.of();
    }
    return dualstack ? List.of("0.0.0.0/0", "::/0") : List.of("0.0.0.0/0");
  }

  private static boolean icmpForPathMtu(BuildContext context) {
    Optional<String> value = context.annotations().string(ICMP_FOR_PATH_MTU);
    if (value.isPresent() && !value.get().equals("on") && !value.get().equals("off")) {
      throw context
          .annotations()
          .invalid(ICMP_FOR_PATH_MTU, "'" + value.get() + "' is not on or off");
    }
    return value.filter("on"::equals).isPresent();
  }
}
