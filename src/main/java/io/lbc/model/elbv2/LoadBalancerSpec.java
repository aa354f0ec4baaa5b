package io.lbc.model.elbv2;

import io.lbc.model.ResourceSpec;
import io.lbc.model.ResourceType;
import io.lbc.model.Token;
import java.util.List;
import java.util.Map;

/**
 * An ALB or NLB. Status fields: {@code loadBalancerARN}, {@code dnsName}.
 *
 * @param type {@code application} or {@code network}
 * @param securityGroups null for an NLB without security groups
 * @param loadBalancerAttributes only the attributes the user asked for; others are left alone
 * @param enforceSecurityGroupInboundRulesOnPrivateLinkTraffic NLB only: {@code on} or {@code off};
 *     null leaves it alone
 */
public record LoadBalancerSpec(
    String name,
    String type,
    String scheme,
    String ipAddressType,
    List<SubnetMappingSpec> subnetMapping,
    List<Token> securityGroups,
    String customerOwnedIPv4Pool,
    List<Attribute> loadBalancerAttributes,
    Map<String, String> tags,
    String enforceSecurityGroupInboundRulesOnPrivateLinkTraffic)
    implements ResourceSpec {
  public static final String ID = "LoadBalancer";

  /** The NLB an Ingress group may put in front of its ALB ({@code enable-frontend-nlb}). */
  public static final String FRONTEND_NLB_ID = "FrontendNlb";

  public static final String ARN = "loadBalancerARN";
  public static final String DNS_NAME = "dnsName";

  /** A load balancer without the NLB-only settings. */
  public LoadBalancerSpec(
      String name,
      String type,
      String scheme,
      String ipAddressType,
      List<SubnetMappingSpec> subnetMapping,
      List<Token> securityGroups,
      String customerOwnedIPv4Pool,
      List<Attribute> loadBalancerAttributes,
      Map<String, String> tags) {
    this(
        name,
        type,
        scheme,
        ipAddressType,
        subnetMapping,
        securityGroups,
        customerOwnedIPv4Pool,
        loadBalancerAttributes,
        tags,
        null);
  }

  @Override
  public ResourceType resourceType() {
    return ResourceType.LOAD_BALANCER;
  }
}
