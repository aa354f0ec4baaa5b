package io.lbc.deploy.elbv2;

import io.lbc.config.FeatureGate;
import io.lbc.config.FeatureGates;
import io.lbc.model.elbv2.Action;
import java.util.ArrayList;
import java.util.List;

/**
 * The feature gates that change how listeners and rules are written, as in the reference's listener
 * and rule managers.
 *
 * @param tagging {@code ListenerRulesTagging}: when off, listeners and rules are created without
 *     tags and their tags are neither read nor reconciled
 * @param weightedTargetGroups {@code WeightedTargetGroups}: when off, a forward is written to its
 *     one target group (no weight, no stickiness), and a forward to several fails the deploy
 */
public record ListenerFeatures(boolean tagging, boolean weightedTargetGroups) {
  public static ListenerFeatures from(FeatureGates gates) {
    return new ListenerFeatures(
        gates.enabled(FeatureGate.LISTENER_RULES_TAGGING),
        gates.enabled(FeatureGate.WEIGHTED_TARGET_GROUPS));
  }

  public static ListenerFeatures defaults() {
    return from(FeatureGates.defaults());
  }

  /** The actions as this controller may write them. */
  List<Action> gated(String resourceId, List<Action> actions) {
    if (weightedTargetGroups) {
      return actions;
    }
    var result = new ArrayList<Action>(actions.size());
    for (Action action : actions) {
      if (action.forwardConfig() == null) {
        result.add(action);
        continue;
      }
      var groups = action.forwardConfig().targetGroups();
      if (groups.size() != 1) {
        throw new IllegalStateException(
            resourceId
                + " forwards to "
                + groups.size()
                + " target groups, but the weighted target groups feature is disabled"
                + " (--feature-gates WeightedTargetGroups=false)");
      }
      result.add(Action.forward(groups.get(0).targetGroupARN()));
    }
    return List.copyOf(result);
  }
}
