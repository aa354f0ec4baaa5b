package io.lbc.deploy.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import io.lbc.aws.elbv2.Rule;
import io.lbc.model.Token;
import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.RuleCondition;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RulePlanTest {
  private static Action forward(String tg) {
    return Action.forward(Token.of("arn:tg/" + tg));
  }

  private static RulePlan.Desired desired(int priority, String path, String tg) {
    return new RulePlan.Desired(
        "80:" + priority,
        priority,
        List.of(forward(tg)),
        List.of(RuleCondition.pathPattern(List.of(path))));
  }

  private static Rule actual(String arn, int priority, String path, String tg) {
    return new Rule(
        arn,
        priority,
        false,
        List.of(forward(tg)),
        List.of(RuleCondition.pathPattern(List.of(path))));
  }

  private static final Rule DEFAULT =
      new Rule("arn:default", Integer.MAX_VALUE, true, List.of(forward("x")), List.of());

  @Test
  void nothingChangedMeansNothingToDo() {
    var plan =
        RulePlan.between(
            List.of(desired(1, "/a", "a"), desired(2, "/b", "b")),
            List.of(actual("r1", 1, "/a", "a"), actual("r2", 2, "/b", "b"), DEFAULT));
    assertThat(plan.isEmpty()).isTrue();
  }

  @Test
  void aNewRuleOnTopIsCreatedAndTheOthersOnlyMove() {
    Rule a = actual("r1", 1, "/a", "a");
    Rule b = actual("r2", 2, "/b", "b");
    var top = desired(1, "/new", "n");
    var plan =
        RulePlan.between(List.of(top, desired(2, "/a", "a"), desired(3, "/b", "b")), List.of(a, b));

    assertThat(plan.creates()).containsExactly(top);
    assertThat(plan.moves()).containsExactly(Map.entry(a, 2), Map.entry(b, 3));
    assertThat(plan.modifies()).isEmpty();
    assertThat(plan.deletes()).isEmpty();
  }

  @Test
  void aChangedBackendIsModifiedInPlaceNeverDeletedAndCreated() {
    Rule a = actual("r1", 1, "/a", "a");
    var changed = desired(1, "/a", "a-v2");
    var plan = RulePlan.between(List.of(changed), List.of(a));

    assertThat(plan.modifies()).containsExactly(Map.entry(a, changed));
    assertThat(plan.creates()).isEmpty();
    assertThat(plan.deletes()).isEmpty();
  }

  @Test
  void aRemovedRuleIsDeletedAndTheRestMoveUp() {
    Rule a = actual("r1", 1, "/a", "a");
    Rule b = actual("r2", 2, "/b", "b");
    var plan = RulePlan.between(List.of(desired(1, "/b", "b")), List.of(a, b));

    assertThat(plan.deletes()).containsExactly(a);
    assertThat(plan.moves()).containsExactly(Map.entry(b, 1));
  }

  @Test
  void swappedRulesAreMovedNotRewritten() {
    Rule a = actual("r1", 1, "/a", "a");
    Rule b = actual("r2", 2, "/b", "b");
    var plan =
        RulePlan.between(List.of(desired(1, "/b", "b"), desired(2, "/a", "a")), List.of(a, b));

    assertThat(plan.moves()).containsExactly(Map.entry(b, 1), Map.entry(a, 2));
    assertThat(plan.modifies()).isEmpty();
    assertThat(plan.creates()).isEmpty();
    assertThat(plan.deletes()).isEmpty();
  }

  @Test
  void aRedirectWithAwsFilledDefaultsIsTheSameRedirect() {
    var redirect =
        Action.redirect(new Action.RedirectConfig(null, null, "443", "HTTPS", null, "HTTP_301"));
    var asAwsReturnsIt =
        Action.redirect(
            new Action.RedirectConfig(
                "#{host}", "/#{path}", "443", "HTTPS", "#{query}", "HTTP_301"));
    assertThat(ActionComparison.sameActions(List.of(redirect), List.of(asAwsReturnsIt))).isTrue();
    assertThat(
            ActionComparison.sameActions(
                List.of(redirect),
                List.of(
                    Action.redirect(
                        new Action.RedirectConfig(null, null, "8443", "HTTPS", null, "HTTP_301")))))
        .isFalse();
  }
}
