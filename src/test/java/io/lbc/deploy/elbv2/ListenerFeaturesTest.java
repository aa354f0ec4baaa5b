package io.lbc.deploy.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lbc.config.FeatureGate;
import io.lbc.config.FeatureGates;
import io.lbc.model.Token;
import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.Action.ForwardConfig;
import io.lbc.model.elbv2.Action.TargetGroupStickinessConfig;
import io.lbc.model.elbv2.Action.TargetGroupTuple;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListenerFeaturesTest {
  static final Token TG_A = Token.of("arn:tg/a");
  static final Token TG_B = Token.of("arn:tg/b");

  static Action weighted(TargetGroupTuple... groups) {
    return Action.forward(
        new ForwardConfig(List.of(groups), new TargetGroupStickinessConfig(true, 60)));
  }

  @Test
  void theGatesAreReadFromTheirKeys() {
    var off =
        ListenerFeatures.from(
            FeatureGates.withOverrides(
                Map.of(
                    FeatureGate.LISTENER_RULES_TAGGING, false,
                    FeatureGate.WEIGHTED_TARGET_GROUPS, false)));
    assertThat(off).isEqualTo(new ListenerFeatures(false, false));
    assertThat(ListenerFeatures.defaults()).isEqualTo(new ListenerFeatures(true, true));
  }

  @Test
  void withWeightedTargetGroupsEveryForwardIsWrittenAsBuilt() {
    var actions = List.of(weighted(new TargetGroupTuple(TG_A, 1), new TargetGroupTuple(TG_B, 3)));
    assertThat(new ListenerFeatures(true, true).gated("rule-1", actions)).isSameAs(actions);
  }

  @Test
  void withoutThemAForwardGoesToItsOneTargetGroupWithoutWeightOrStickiness() {
    var fixed = Action.fixedResponse(new Action.FixedResponseConfig("text/plain", "no", "503"));
    var gated =
        new ListenerFeatures(true, false)
            .gated("rule-1", List.of(weighted(new TargetGroupTuple(TG_A, 5)), fixed));
    assertThat(gated).containsExactly(Action.forward(TG_A), fixed);
  }

  @Test
  void withoutThemAForwardToSeveralTargetGroupsFailsNamingTheGate() {
    var actions = List.of(weighted(new TargetGroupTuple(TG_A, 1), new TargetGroupTuple(TG_B, 3)));
    assertThatThrownBy(() -> new ListenerFeatures(true, false).gated("rule-1", actions))
        .hasMessageContaining("rule-1")
        .hasMessageContaining("2 target groups")
        .hasMessageContaining("WeightedTargetGroups=false");
  }
}
