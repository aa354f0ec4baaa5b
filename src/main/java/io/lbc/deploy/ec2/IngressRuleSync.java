package io.lbc.deploy.ec2;

import io.lbc.deploy.ResolvedTokens;
import io.lbc.model.ec2.IpPermission;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The inbound rules to authorize and to revoke to turn the actual rules into the desired ones. */
record IngressRuleSync(List<IpPermission> toAuthorize, List<IpPermission> toRevoke) {

  static IngressRuleSync between(
      List<IpPermission> desired, List<IpPermission> actual, ResolvedTokens tokens) {
    Set<PermissionUnit> wanted = PermissionUnit.flatten(desired, tokens);
    Set<PermissionUnit> present = PermissionUnit.flatten(actual, tokens);
    Set<PermissionUnit.Key> presentKeys =
        present.stream().map(PermissionUnit::key).collect(Collectors.toSet());
    Set<PermissionUnit.Key> wantedKeys =
        wanted.stream().map(PermissionUnit::key).collect(Collectors.toSet());
    return new IngressRuleSync(
        PermissionUnit.toPermissions(
            wanted.stream().filter(u -> !presentKeys.contains(u.key())).toList()),
        PermissionUnit.toPermissions(
            present.stream().filter(u -> !wantedKeys.contains(u.key())).toList()));
  }

  boolean isEmpty() {
    return toAuthorize.isEmpty() && toRevoke.isEmpty();
  }
}
