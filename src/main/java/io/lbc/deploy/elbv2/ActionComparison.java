package io.lbc.deploy.elbv2;

import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.Action.FixedResponseConfig;
import io.lbc.model.elbv2.Action.RedirectConfig;
import io.lbc.model.elbv2.RuleCondition;
import java.util.List;
import java.util.Objects;

/**
 * Compares desired actions and conditions with what AWS reports, after filling in what AWS fills in
 * by itself (a redirect's unset parts keep the request's, a fixed response's empty body), so that
 * an unchanged rule never looks changed and causes no write.
 */
final class ActionComparison {
  private ActionComparison() {}

  static boolean sameActions(List<Action> desired, List<Action> actual) {
    return normalize(desired).equals(normalize(actual));
  }

  static boolean sameConditions(List<RuleCondition> desired, List<RuleCondition> actual) {
    return Objects.equals(desired, actual);
  }

  static List<Action> normalize(List<Action> actions) {
    return actions.stream().map(ActionComparison::normalize).toList();
  }

  static Action normalize(Action action) {
    if (action.redirectConfig() != null) {
      RedirectConfig r = action.redirectConfig();
      return Action.redirect(
          new RedirectConfig(
              or(r.host(), "#{host}"),
              or(r.path(), "/#{path}"),
              or(r.port(), "#{port}"),
              or(r.protocol(), "#{protocol}"),
              or(r.query(), "#{query}"),
              r.statusCode()));
    }
    if (action.fixedResponseConfig() != null) {
      FixedResponseConfig f = action.fixedResponseConfig();
      return Action.fixedResponse(
          new FixedResponseConfig(
              blankToNull(f.contentType()), blankToNull(f.messageBody()), f.statusCode()));
    }
    if (action.forwardConfig() != null && action.forwardConfig().targetGroups().size() == 1) {
      var only = action.forwardConfig().targetGroups().get(0);
      var stickiness = action.forwardConfig().targetGroupStickinessConfig();
      boolean plain = stickiness == null || !Boolean.TRUE.equals(stickiness.enabled());
      if (plain) {
        return Action.forward(only.targetGroupARN());
      }
    }
    return action;
  }

  private static String or(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }

  private static String blankToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
