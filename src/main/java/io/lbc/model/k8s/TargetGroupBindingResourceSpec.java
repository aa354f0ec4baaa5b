package io.lbc.model.k8s;

import io.lbc.model.ResourceSpec;
import io.lbc.model.ResourceType;
import io.lbc.model.Token;
import java.util.List;
import java.util.Map;

/**
 * A TargetGroupBinding object the stack owns, one per target group; its resource id is the target
 * group's.
 */
public record TargetGroupBindingResourceSpec(Template template) implements ResourceSpec {

  @Override
  public ResourceType resourceType() {
    return ResourceType.TARGET_GROUP_BINDING;
  }

  public record Template(Metadata metadata, BindingSpec spec) {}

  public record Metadata(
      String name, String namespace, Map<String, String> labels, Map<String, String> annotations) {}

  /**
   * @param servicePort a port number or name, as the Service reference gives it
   */
  public record BindingSpec(
      Token targetGroupARN,
      String targetType,
      ServiceRef serviceRef,
      Networking networking,
      Map<String, String> nodeSelector,
      String ipAddressType,
      String vpcID,
      String targetGroupProtocol,
      Boolean multiClusterTargetGroup) {}

  /** {@code port} is an Integer or a String. */
  public record ServiceRef(String name, Object port) {}

  public record Networking(List<NetworkingIngressRule> ingress) {}

  public record NetworkingIngressRule(List<NetworkingPeer> from, List<NetworkingPort> ports) {}

  /** Exactly one of the two is set. */
  public record NetworkingPeer(IpBlock ipBlock, SecurityGroupPeer securityGroup) {
    public static NetworkingPeer cidr(String cidr) {
      return new NetworkingPeer(new IpBlock(cidr), null);
    }

    public static NetworkingPeer securityGroup(Token groupId) {
      return new NetworkingPeer(null, new SecurityGroupPeer(groupId));
    }
  }

  public record IpBlock(String cidr) {}

  public record SecurityGroupPeer(Token groupID) {}

  /** {@code port} null means every port. */
  public record NetworkingPort(String protocol, Object port) {}
}
