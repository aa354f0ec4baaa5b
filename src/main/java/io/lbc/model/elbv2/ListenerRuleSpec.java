package io.lbc.model.elbv2;

import io.lbc.model.ResourceSpec;
import io.lbc.model.ResourceType;
import io.lbc.model.Token;
import java.util.List;
import java.util.Map;

/** A listener rule; its resource id is {@code <port>:<priority>}. Status field: {@code ruleARN}. */
public record ListenerRuleSpec(
    Token listenerARN,
    int priority,
    List<Action> actions,
    List<RuleCondition> conditions,
    Map<String, String> tags)
    implements ResourceSpec {
  public static final String ARN = "ruleARN";

  @Override
  public ResourceType resourceType() {
    return ResourceType.LISTENER_RULE;
  }
}
