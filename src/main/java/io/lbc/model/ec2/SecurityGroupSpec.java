package io.lbc.model.ec2;

import io.lbc.model.ResourceSpec;
import io.lbc.model.ResourceType;
import java.util.List;
import java.util.Map;

/**
 * A managed security group and its complete set of inbound rules. Status field: {@code groupID}.
 */
public record SecurityGroupSpec(
    String groupName, String description, List<IpPermission> ingress, Map<String, String> tags)
    implements ResourceSpec {
  public static final String ID = "ManagedLBSecurityGroup";
  public static final String GROUP_ID = "groupID";

  @Override
  public ResourceType resourceType() {
    return ResourceType.SECURITY_GROUP;
  }
}
