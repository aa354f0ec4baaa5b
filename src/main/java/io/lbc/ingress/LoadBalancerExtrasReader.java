package io.lbc.ingress;

import io.lbc.annotations.KeyInventory;
import io.lbc.annotations.Surface;
import io.lbc.config.ClusterContext;
import io.lbc.config.FeatureGate;
import io.lbc.model.UserInputException;
import io.lbc.model.elbv2.CapacityReservationSpec;
import java.util.Map;
import java.util.Optional;

/**
 * A member's capacity reservation and IPAM pool (compat-spec §1.3 #10, #12; §1.4): the
 * IngressClassParams fields {@code minimumLoadBalancerCapacity.capacityUnits} and {@code
 * ipamConfiguration.ipv4IPAMPoolId} win over the annotations. Both are group-exclusive. The
 * capacity is read only while the {@code LBCapacityReservation} gate is on, as the reference does.
 */
final class LoadBalancerExtrasReader {
  static final String MINIMUM_CAPACITY =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "minimum-load-balancer-capacity");
  static final String IPAM_POOL =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "ipam-ipv4-pool-id");
  static final String PARAMS_CAPACITY = "minimumLoadBalancerCapacity.capacityUnits";
  static final String PARAMS_IPAM = "ipamConfiguration.ipv4IPAMPoolId";

  private LoadBalancerExtrasReader() {}

  static Optional<Setting<Integer>> minimumCapacity(MemberSource source, ClusterContext cluster) {
    if (!cluster.enabled(FeatureGate.LB_CAPACITY_RESERVATION)) {
      return Optional.empty();
    }
    var params =
        source
            .params()
            .map(p -> p.minimumLoadBalancerCapacity)
            .filter(c -> c.capacityUnits != null);
    if (params.isPresent()) {
      try {
        int units = CapacityReservationSpec.checked(params.get().capacityUnits);
        return Optional.of(source.fromParams(PARAMS_CAPACITY, units));
      } catch (IllegalArgumentException e) {
        throw new UserInputException(source.paramsField(PARAMS_CAPACITY), e.getMessage());
      }
    }
    Optional<Map<String, String>> annotation = source.annotations().stringMap(MINIMUM_CAPACITY);
    if (annotation.isEmpty()) {
      return Optional.empty();
    }
    try {
      return CapacityReservationSpec.parse(annotation.get())
          .map(units -> source.fromAnnotation(MINIMUM_CAPACITY, units));
    } catch (IllegalArgumentException e) {
      throw source.annotations().invalid(MINIMUM_CAPACITY, e.getMessage());
    }
  }

  static Optional<Setting<String>> ipamPool(MemberSource source) {
    var params =
        source
            .params()
            .map(p -> p.ipamConfiguration)
            .map(c -> c.ipv4IPAMPoolId)
            .filter(id -> !id.isEmpty());
    if (params.isPresent()) {
      return Optional.of(source.fromParams(PARAMS_IPAM, params.get()));
    }
    return source
        .annotations()
        .string(IPAM_POOL)
        .filter(id -> !id.isBlank())
        .map(id -> source.fromAnnotation(IPAM_POOL, id.trim()));
  }
}
