package io.lbc.aws.elbv2;

import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.RuleCondition;
import java.util.List;

/**
 * A listener rule; the listener's default rule has {@code isDefault} and priority {@code
 * Integer.MAX_VALUE}.
 */
public record Rule(
    String arn,
    int priority,
    boolean isDefault,
    List<Action> actions,
    List<RuleCondition> conditions) {}
