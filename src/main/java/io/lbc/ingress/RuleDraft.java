package io.lbc.ingress;

import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.RuleCondition;
import io.lbc.model.elbv2.RuleTransform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A listener rule one member asks for, before it gets a listener and a priority.
 *
 * @param transforms its URL and host header rewrites ({@code transforms.<name>})
 * @param targetGroupIds the target groups its actions forward to
 * @param httpsPrelude the actions that go before {@code actions} on an HTTPS listener only
 *     (authentication or JWT validation)
 */
record RuleDraft(
    List<RuleCondition> conditions,
    List<Action> actions,
    List<RuleTransform> transforms,
    Map<String, String> tags,
    List<String> targetGroupIds,
    List<Action> httpsPrelude) {

  RuleDraft(
      List<RuleCondition> conditions,
      List<Action> actions,
      Map<String, String> tags,
      List<String> targetGroupIds,
      List<Action> httpsPrelude) {
    this(conditions, actions, List.of(), tags, targetGroupIds, httpsPrelude);
  }

  RuleDraft(
      List<RuleCondition> conditions,
      List<Action> actions,
      Map<String, String> tags,
      List<String> targetGroupIds) {
    this(conditions, actions, tags, targetGroupIds, List.of());
  }

  /** The rule as it goes on a listener of this protocol. */
  RuleDraft on(String protocol) {
    if (httpsPrelude.isEmpty() || !"HTTPS".equals(protocol)) {
      return new RuleDraft(conditions, actions, transforms, tags, targetGroupIds, List.of());
    }
    var all = new ArrayList<Action>(httpsPrelude);
    all.addAll(actions);
    return new RuleDraft(conditions, List.copyOf(all), transforms, tags, targetGroupIds, List.of());
  }
}
