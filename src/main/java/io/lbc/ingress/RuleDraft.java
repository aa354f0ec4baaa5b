package io.lbc.ingress;

import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.RuleCondition;
import java.util.List;
import java.util.Map;

/**
 * A listener rule one member asks for, before it gets a listener and a priority.
 *
 * @param targetGroupIds the target groups its actions forward to
 */
record RuleDraft(
    List<RuleCondition> conditions,
    List<Action> actions,
    Map<String, String> tags,
    List<String> targetGroupIds) {}
