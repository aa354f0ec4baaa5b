package io.lbc.ingress;

import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.RuleCondition;
import java.util.List;

/**
 * A backend of a path or the default backend, resolved: the extra conditions of its {@code
 * conditions.<name>} annotation and the action to take.
 *
 * @param targetGroupIds the target groups the action forwards to
 */
record ResolvedBackend(
    List<RuleCondition> conditions, Action action, List<String> targetGroupIds) {}
