package io.lbc.config;

import java.util.ArrayList;
import java.util.List;

/**
 * What the flags ask for that this controller cannot do, said once at start (never silently
 * ignored): the reference's controllers that have no counterpart here, behind their gates.
 */
public final class StartupWarnings {
  private StartupWarnings() {}

  public static List<String> of(ControllerConfig config) {
    var warnings = new ArrayList<String>();
    FeatureGates gates = config.featureGates();
    if (gates.enabled(FeatureGate.GLOBAL_ACCELERATOR_CONTROLLER)) {
      warnings.add(
          "GlobalAcceleratorController=true: this controller has no GlobalAccelerator controller;"
              + " GlobalAccelerator resources are not reconciled");
    }
    return List.copyOf(warnings);
  }
}
