package io.lbc.config;

import java.util.EnumMap;
import java.util.Map;

/**
 * The effective value of every feature gate: the defaults overridden by {@code --feature-gates}.
 */
public final class FeatureGates {
  private final Map<FeatureGate, Boolean> values;

  private FeatureGates(Map<FeatureGate, Boolean> values) {
    this.values = values;
  }

  public static FeatureGates defaults() {
    return withOverrides(Map.of());
  }

  public static FeatureGates withOverrides(Map<FeatureGate, Boolean> overrides) {
    var values = new EnumMap<FeatureGate, Boolean>(FeatureGate.class);
    for (FeatureGate gate : FeatureGate.values()) {
      values.put(gate, overrides.getOrDefault(gate, gate.enabledByDefault()));
    }
    return new FeatureGates(values);
  }

  public boolean enabled(FeatureGate gate) {
    return values.get(gate);
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
