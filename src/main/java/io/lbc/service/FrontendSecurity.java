package io.lbc.service;

import static io.lbc.service.ServiceAnnotationKeys.DISABLE_NLB_SECURITY_GROUP;
import static io.lbc.service.ServiceAnnotationKeys.MANAGE_BACKEND_RULES;
import static io.lbc.service.ServiceAnnotationKeys.SECURITY_GROUPS;

import io.lbc.aws.elbv2.LoadBalancer;
import io.lbc.config.FeatureGate;
import io.lbc.model.ResourceType;
import io.lbc.model.SharedRefs;
import io.lbc.model.Stack;
import io.lbc.model.Token;
import io.lbc.model.UserInputException;
import io.lbc.model.ec2.SecurityGroupSpec;
import io.lbc.networking.SecurityGroupResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides the NLB's security groups (compat-spec §6.2, §2.2 rows 39, 40, 43): a managed group plus
 * the shared backend group, or the user's groups (plus the backend group when the controller
 * manages node rules), or none at all. An NLB created without security groups can never get any,
 * and one created with them can never lose them.
 */
final class FrontendSecurity {
  private final BuildContext context;
  private final SecurityGroupResolver resolver;

  FrontendSecurity(BuildContext context, SecurityGroupResolver resolver) {
    this.context = context;
    this.resolver = resolver;
  }

  /** Adds the managed security group to the stack when there is one. */
  SecurityPlan plan(Stack stack, Optional<LoadBalancer> existing, String ipAddressType) {
    var annotations = context.annotations();
    boolean disabledForService = annotations.bool(DISABLE_NLB_SECURITY_GROUP).orElse(false);
    boolean existingHasGroups =
        existing
            .map(lb -> lb.securityGroups() != null && !lb.securityGroups().isEmpty())
            .orElse(false);
    if (existing.isPresent() && !existingHasGroups) {
      return SecurityPlan.withoutSecurityGroups();
    }
    if (!context.enabled(FeatureGate.NLB_SECURITY_GROUP) || disabledForService) {
      if (existingHasGroups) {
        throw new UserInputException(
            disabledForService ? context.key(DISABLE_NLB_SECURITY_GROUP) : "--feature-gates",
            "conflicting security groups configuration: the existing load balancer "
                + existing.get().name()
                + " has security groups, which an NLB cannot lose; keep NLB security groups on"
                + " (feature gate NLBSecurityGroup, annotation "
                + context.key(DISABLE_NLB_SECURITY_GROUP)
                + ") or recreate the Service");
      }
      return SecurityPlan.withoutSecurityGroups();
    }
    List<String> userGroups = annotations.stringList(SECURITY_GROUPS).orElse(List.of());
    Token backend = SharedRefs.BACKEND_SECURITY_GROUP;
    boolean backendEnabled = context.cluster().build().enableBackendSecurityGroup();
    if (userGroups.isEmpty()) {
      stack.add(SecurityGroupSpec.ID, ManagedSecurityGroup.build(context, ipAddressType));
      Token managed =
          ResourceType.SECURITY_GROUP.ref(SecurityGroupSpec.ID, SecurityGroupSpec.GROUP_ID);
      return backendEnabled
          ? new SecurityPlan(List.of(managed, backend), backend)
          : new SecurityPlan(List.of(managed), managed);
    }
    var groups = new ArrayList<Token>();
    resolver
        .resolve(context.key(SECURITY_GROUPS), userGroups)
        .forEach(id -> groups.add(Token.of(id)));
    boolean manageRules =
        annotations
            .bool(MANAGE_BACKEND_RULES)
            .orElse(context.cluster().build().manageBackendSecurityGroupRules());
    if (!manageRules) {
      return new SecurityPlan(List.copyOf(groups), null);
    }
    if (!backendEnabled) {
      throw annotations.invalid(
          MANAGE_BACKEND_RULES,
          "managing node rules for user-given security groups needs the shared backend security"
              + " group (--enable-backend-security-group=true)");
    }
    groups.add(backend);
    return new SecurityPlan(List.copyOf(groups), backend);
  }
}
