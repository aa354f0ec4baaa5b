package io.lbc.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.List;

/** The desired binding (compat-spec §3.1). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TargetGroupBindingSpec {
  /** ARN of the target group; immutable. Either this or the name is required. */
  @JsonProperty("targetGroupARN")
  public String targetGroupARN;

  /** Name of the target group, resolved to its ARN. */
  public String targetGroupName;

  /** How targets are registered: instance (node + NodePort) or ip (pod IP + port). */
  public BindingTargetType targetType;

  /** The Service whose endpoints become the targets. */
  @Required public ServiceReference serviceRef;

  /** Inbound rules the controller keeps on the targets' security groups. */
  public Networking networking;

  /** Narrows the nodes of an instance binding. */
  public LabelSelector nodeSelector;

  public BindingIpAddressType ipAddressType;

  @JsonProperty("vpcID")
  @Pattern("^vpc-([0-9a-f]{8}|[0-9a-f]{17}|[0-9a-f]{32})$")
  public String vpcID;

  public TargetGroupProtocol targetGroupProtocol;

  /** When true, only targets this binding registered are ever deregistered. */
  public Boolean multiClusterTargetGroup;

  public String iamRoleArnToAssume;

  public String assumeRoleExternalId;

  /** A Service and one of its ports, by number or name. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class ServiceReference {
    @Required public String name;

    @Required public IntOrString port;

    public ServiceReference() {}

    public ServiceReference(String name, IntOrString port) {
      this.name = name;
      this.port = port;
    }
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class Networking {
    public List<NetworkingIngressRule> ingress;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class NetworkingIngressRule {
    @Required public List<NetworkingPeer> from;

    @Required public List<NetworkingPort> ports;
  }

  /** Exactly one of ipBlock and securityGroup. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class NetworkingPeer {
    public IpBlock ipBlock;

    public SecurityGroupPeer securityGroup;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class IpBlock {
    @Required public String cidr;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class SecurityGroupPeer {
    @JsonProperty("groupID")
    @Required
    public String groupID;
  }

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public static class NetworkingPort {
    /** TCP when absent. */
    public NetworkingProtocol protocol;

    /** Every port when absent; a name only for ip targets. */
    public IntOrString port;
  }

  public enum BindingTargetType {
    @JsonProperty("instance")
    INSTANCE,
    @JsonProperty("ip")
    IP
  }

  public enum BindingIpAddressType {
    @JsonProperty("ipv4")
    IPV4,
    @JsonProperty("ipv6")
    IPV6
  }

  public enum NetworkingProtocol {
    TCP,
    UDP
  }

  public enum TargetGroupProtocol {
    HTTP,
    HTTPS,
    TCP,
    TLS,
    UDP,
    TCP_UDP,
    QUIC,
    TCP_QUIC
  }
}
