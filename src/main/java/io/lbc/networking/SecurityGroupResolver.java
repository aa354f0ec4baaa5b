package io.lbc.networking;

import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.ec2.SecurityGroup;
import io.lbc.model.UserInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Turns user-given security groups (IDs or names) into IDs of groups in the cluster's VPC. */
public final class SecurityGroupResolver {
  private final Ec2 ec2;
  private final String vpcId;

  public SecurityGroupResolver(Ec2 ec2, String vpcId) {
    this.ec2 = ec2;
    this.vpcId = vpcId;
  }

  /**
   * @param field the annotation to name when a group is missing
   * @return the group IDs, in the order given, without duplicates
   */
  public List<String> resolve(String field, List<String> idsOrNames) {
    List<String> ids = idsOrNames.stream().filter(s -> s.startsWith("sg-")).toList();
    List<String> names = idsOrNames.stream().filter(s -> !s.startsWith("sg-")).toList();
    var found = new ArrayList<SecurityGroup>();
    if (!ids.isEmpty()) {
      found.addAll(ec2.describeSecurityGroups(ids));
    }
    if (!names.isEmpty()) {
      found.addAll(ec2.findSecurityGroupsByName(vpcId, names));
    }
    var result = new LinkedHashSet<String>();
    var missing = new ArrayList<String>();
    for (String wanted : idsOrNames) {
      var matches =
          found.stream()
              .filter(
                  g ->
                      wanted.equals(g.groupId())
                          || wanted.equals(g.groupName())
                          || wanted.equals(g.tags().get("Name")))
              .map(SecurityGroup::groupId)
              .toList();
      if (matches.isEmpty()) {
        missing.add(wanted);
      }
      result.addAll(matches);
    }
    if (!missing.isEmpty()) {
      throw new UserInputException(field, "security groups not found in " + vpcId + ": " + missing);
    }
    return List.copyOf(result);
  }
}
