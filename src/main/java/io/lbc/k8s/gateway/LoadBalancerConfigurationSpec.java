package io.lbc.k8s.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/** LoadBalancerConfiguration fields (gateway-spec §3.1, §3.2); all optional. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LoadBalancerConfigurationSpec {
  /** Honoured only on the GatewayClass's configuration. */
  public MergingMode mergingMode;

  @Size(min = 1, max = 32)
  public String loadBalancerName;

  public Scheme scheme;
  public IpAddressType ipAddressType;
  public String enforceSecurityGroupInboundRulesOnPrivateLinkTraffic;
  public String customerOwnedIpv4Pool;

  @JsonProperty("ipv4IPAMPoolId")
  public String ipv4IpamPoolId;

  /** Wins over {@link #loadBalancerSubnetsSelector}. */
  public List<SubnetConfiguration> loadBalancerSubnets;

  public Map<String, List<String>> loadBalancerSubnetsSelector;
  public List<ListenerConfiguration> listenerConfigurations;
  public Boolean disableSecurityGroup;
  public List<String> securityGroups;
  public List<String> securityGroupPrefixes;
  public List<String> sourceRanges;
  public List<KeyValue> loadBalancerAttributes;
  public Map<String, String> tags;

  @JsonProperty("enableICMP")
  public Boolean enableIcmp;

  public Boolean manageBackendSecurityGroupRules;
  public MinimumLoadBalancerCapacity minimumLoadBalancerCapacity;

  @JsonProperty("wafV2")
  public WafV2 wafV2;

  public ShieldConfiguration shieldConfiguration;
  public NameReference defaultTargetGroupConfiguration;

  public enum MergingMode {
    @JsonProperty("prefer-gateway")
    PREFER_GATEWAY,
    @JsonProperty("prefer-gateway-class")
    PREFER_GATEWAY_CLASS
  }

  public enum Scheme {
    @JsonProperty("internal")
    INTERNAL,
    @JsonProperty("internet-facing")
    INTERNET_FACING
  }

  public enum IpAddressType {
    @JsonProperty("ipv4")
    IPV4,
    @JsonProperty("dualstack")
    DUALSTACK,
    @JsonProperty("dualstack-without-public-ipv4")
    DUALSTACK_WITHOUT_PUBLIC_IPV4
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class SubnetConfiguration {
    /** A subnet id or Name tag. */
    public String identifier;

    public String eipAllocation;

    @JsonProperty("privateIPv4Allocation")
    public String privateIpv4Allocation;

    public String ipv6Allocation;

    @JsonProperty("sourceNatIPv6Prefix")
    public String sourceNatIpv6Prefix;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ListenerConfiguration {
    /** {@code PROTOCOL:PORT}, matched against the AWS listener. */
    @Required
    @Pattern(
        "^(HTTP|HTTPS|TLS|TCP|UDP|TCP_UDP)?:(6553[0-5]|655[0-2]\\d|65[0-4]\\d{2}|6[0-4]\\d{3}|[1-5]\\d{4}|[1-9]\\d{0,3})?$")
    public String protocolPort;

    public String defaultCertificate;
    public List<String> certificates;
    public String sslPolicy;

    @Default("None")
    public AlpnPolicy alpnPolicy;

    public Boolean targetGroupStickiness;
    public MutualAuthentication mutualAuthentication;
    public List<KeyValue> listenerAttributes;
    public Boolean quicEnabled;
  }

  public enum AlpnPolicy {
    @JsonProperty("HTTP1Only")
    HTTP1_ONLY,
    @JsonProperty("HTTP2Only")
    HTTP2_ONLY,
    @JsonProperty("HTTP2Optional")
    HTTP2_OPTIONAL,
    @JsonProperty("HTTP2Preferred")
    HTTP2_PREFERRED,
    @JsonProperty("None")
    NONE
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  @ValidationRule(
      value = "!(self.mode == 'verify' && !has(self.trustStore))",
      message = "trustStore is required when mutualAuthentication mode is 'verify'")
  @ValidationRule(
      value = "!(self.mode != 'verify' && has(self.trustStore))",
      message = "Mutual Authentication mode 'off' or 'passthrough' does not support 'trustStore'")
  @ValidationRule(
      value = "!(self.mode != 'verify' && has(self.ignoreClientCertificateExpiry))",
      message =
          "Mutual Authentication mode 'off' or 'passthrough' does not support"
              + " 'ignoreClientCertificateExpiry'")
  @ValidationRule(
      value = "!(self.mode != 'verify' && has(self.advertiseTrustStoreCaNames))",
      message =
          "Mutual Authentication mode 'off' or 'passthrough' does not support"
              + " 'advertiseTrustStoreCaNames'")
  public static class MutualAuthentication {
    public OnOff advertiseTrustStoreCaNames;
    public Boolean ignoreClientCertificateExpiry;
    @Required public MutualAuthenticationMode mode;
    public String trustStore;
  }

  public enum OnOff {
    @JsonProperty("on")
    ON,
    @JsonProperty("off")
    OFF
  }

  public enum MutualAuthenticationMode {
    @JsonProperty("off")
    OFF,
    @JsonProperty("passthrough")
    PASSTHROUGH,
    @JsonProperty("verify")
    VERIFY
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class MinimumLoadBalancerCapacity {
    @Required public Integer capacityUnits;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class WafV2 {
    @Required public String webACL;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ShieldConfiguration {
    public Boolean enabled;
  }

  /** A TargetGroupConfiguration in the same namespace. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class NameReference {
    @Required public String name;
  }
}
