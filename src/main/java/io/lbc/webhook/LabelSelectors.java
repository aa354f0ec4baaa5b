package io.lbc.webhook;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Kubernetes label-selector matching; an empty selector matches everything. */
public final class LabelSelectors {
  private LabelSelectors() {}

  /** Throws IllegalArgumentException for an operator Kubernetes does not know. */
  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    Map<String, String> actual = labels == null ? Map.of() : labels;
    Map<String, String> wanted = Optional.ofNullable(selector.getMatchLabels()).orElse(Map.of());
    for (Map.Entry<String, String> label : wanted.entrySet()) {
      if (!label.getValue().equals(actual.get(label.getKey()))) {
        return false;
      }
    }
    List<LabelSelectorRequirement> expressions =
        Optional.ofNullable(selector.getMatchExpressions()).orElse(List.of());
    for (LabelSelectorRequirement expression : expressions) {
      if (!matches(expression, actual)) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
    String value = labels.get(requirement.getKey());
    List<String> values = Optional.ofNullable(requirement.getValues()).orElse(List.of());
    switch (String.valueOf(requirement.getOperator())) {
      case "In":
        return value != null && values.contains(value);
      case "NotIn":
        return value == null || !values.contains(value);
      case "Exists":
        return value != null;
      case "DoesNotExist":
        return value == null;
      default:
        throw new IllegalArgumentException(
            "unknown label selector operator " + requirement.getOperator());
    }
  }
}
