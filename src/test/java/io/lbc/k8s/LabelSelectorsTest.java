package io.lbc.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorsTest {
  @Test
  void matchesLabelsAndEveryOperator() {
    var selector =
        new LabelSelectorBuilder()
            .withMatchLabels(Map.of("pool", "a"))
            .addNewMatchExpression()
            .withKey("zone")
            .withOperator("In")
            .withValues("z1", "z2")
            .endMatchExpression()
            .addNewMatchExpression()
            .withKey("tier")
            .withOperator("NotIn")
            .withValues("spot")
            .endMatchExpression()
            .addNewMatchExpression()
            .withKey("gpu")
            .withOperator("DoesNotExist")
            .endMatchExpression()
            .addNewMatchExpression()
            .withKey("team")
            .withOperator("Exists")
            .endMatchExpression()
            .build();

    assertThat(LabelSelectors.matches(selector, Map.of("pool", "a", "zone", "z1", "team", "x")))
        .isTrue();
    assertThat(LabelSelectors.matches(selector, Map.of("pool", "b", "zone", "z1", "team", "x")))
        .isFalse();
    assertThat(LabelSelectors.matches(selector, Map.of("pool", "a", "zone", "z3", "team", "x")))
        .isFalse();
    assertThat(
            LabelSelectors.matches(
                selector, Map.of("pool", "a", "zone", "z1", "team", "x", "tier", "spot")))
        .isFalse();
    assertThat(
            LabelSelectors.matches(
                selector, Map.of("pool", "a", "zone", "z1", "team", "x", "gpu", "1")))
        .isFalse();
    assertThat(LabelSelectors.matches(selector, Map.of("pool", "a", "zone", "z1"))).isFalse();
    assertThat(LabelSelectors.matches(null, Map.of())).isTrue();
  }

  @Test
  void anUnknownOrMissingOperatorIsRefused() {
    var unknown =
        new LabelSelectorBuilder()
            .addNewMatchExpression()
            .withKey("zone")
            .withOperator("Near")
            .endMatchExpression()
            .build();
    var missing =
        new LabelSelectorBuilder()
            .addNewMatchExpression()
            .withKey("zone")
            .endMatchExpression()
            .build();

    assertThatThrownBy(() -> LabelSelectors.matches(unknown, Map.of("zone", "z1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Near");
    assertThatThrownBy(() -> LabelSelectors.matches(missing, Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
