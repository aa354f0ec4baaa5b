package io.lbc.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;
import java.util.Map;

/** IngressClassParams fields (compat-spec §1.4); all optional. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!(has(self.prefixListsIDs) && has(self.PrefixListsIDs))",
    message = "set prefixListsIDs or the legacy PrefixListsIDs, not both")
public class IngressClassParamsSpec {
  /** One load balancer per class with this name. */
  @Size(max = 32)
  public String loadBalancerName;

  public List<String> certificateArn;

  /** Only Ingresses in matching namespaces may use the class. */
  public LabelSelector namespaceSelector;

  public IngressGroup group;

  public Scheme scheme;

  public List<String> inboundCIDRs;

  public String sslPolicy;

  public String sslRedirectPort;

  public SubnetSelector subnets;

  public IpAddressType ipAddressType;

  public List<Attribute> tags;

  public TargetType targetType;

  public List<Attribute> loadBalancerAttributes;

  public List<Listener> listeners;

  public MinimumLoadBalancerCapacity minimumLoadBalancerCapacity;

  public IpamConfiguration ipamConfiguration;

  @JsonProperty("prefixListsIDs")
  public List<String> prefixListsIDs;

  /** The legacy spelling of {@link #prefixListsIDs}. */
  @JsonProperty("PrefixListsIDs")
  public List<String> legacyPrefixListsIDs;

  public String wafv2AclArn;

  public String wafv2AclName;

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class IngressGroup {
    @Required
    @Pattern("^([a-z0-9][-a-z0-9.]*)?[a-z0-9]$")
    @Size(max = 63)
    public String name;
  }

  /** Exactly one of ids and tags. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class SubnetSelector {
    @Size(min = 1)
    public List<@Pattern("^subnet-[0-9a-f]+$") String> ids;

    public Map<String, List<String>> tags;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Attribute {
    @Required public String key;

    @Required public String value;

    public Attribute() {}

    public Attribute(String key, String value) {
      this.key = key;
      this.value = value;
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Listener {
    public ListenerProtocol protocol;

    @Min(1)
    @Max(65535)
    public Integer port;

    public List<Attribute> listenerAttributes;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class MinimumLoadBalancerCapacity {
    @Required public Integer capacityUnits;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class IpamConfiguration {
    @JsonProperty("ipv4IPAMPoolId")
    public String ipv4IPAMPoolId;
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

  public enum TargetType {
    @JsonProperty("instance")
    INSTANCE,
    @JsonProperty("ip")
    IP
  }

  public enum ListenerProtocol {
    HTTP,
    HTTPS
  }
}
