package io.lbc.config;

import java.util.List;

/** What every stack builder knows about the cluster it builds for. */
public record ClusterContext(
    String clusterName, String vpcId, List<String> vpcIpv4Cidrs, ControllerConfig config) {

  public boolean enabled(FeatureGate gate) {
    return config.featureGates().enabled(gate);
  }

  public ControllerConfig.Defaults defaults() {
    return config.defaults();
  }

  public ControllerConfig.BuildSettings build() {
    return config.build();
  }
}
