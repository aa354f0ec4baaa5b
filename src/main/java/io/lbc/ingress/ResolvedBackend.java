package io.lbc.ingress;

import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.RuleCondition;
import java.util.List;

/**
 * A backend of a path or the default backend, resolved: the extra conditions of its {@code
 * conditions.<name>} annotation and the action to take.
 *
 * @param targetGroupIds the target groups the action forwards to
 * @param singleService the Service when the action forwards to that one Service alone (its
 *     annotations then win for authentication); null otherwise
 */
record ResolvedBackend(
    List<RuleCondition> conditions,
    Action action,
    List<String> targetGroupIds,
    BackendService singleService) {

  ResolvedBackend(List<RuleCondition> conditions, Action action, List<String> targetGroupIds) {
    this(conditions, action, targetGroupIds, null);
  }
}
