package io.lbc.model.elbv2;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.lbc.model.ResourceSpec;
import io.lbc.model.ResourceType;
import io.lbc.model.Token;
import java.util.List;
import java.util.Map;

/**
 * A listener rule; its resource id is {@code <port>:<priority>}. Status field: {@code ruleARN}.
 *
 * @param transforms the rule's URL and host header rewrites, in order; none for most rules (left
 *     out of the canonical JSON then)
 */
public record ListenerRuleSpec(
    Token listenerARN,
    int priority,
    List<Action> actions,
    List<RuleCondition> conditions,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RuleTransform> transforms,
    Map<String, String> tags)
    implements ResourceSpec {
  public static final String ARN = "ruleARN";

  public ListenerRuleSpec {
    transforms = transforms == null ? List.of() : List.copyOf(transforms);
  }

  /** A rule without transforms. */
  public ListenerRuleSpec(
      Token listenerARN,
      int priority,
      List<Action> actions,
      List<RuleCondition> conditions,
      Map<String, String> tags) {
    this(listenerARN, priority, actions, conditions, List.of(), tags);
  }

  @Override
  public ResourceType resourceType() {
    return ResourceType.LISTENER_RULE;
  }
}
