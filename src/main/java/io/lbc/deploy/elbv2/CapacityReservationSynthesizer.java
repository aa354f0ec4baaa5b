package io.lbc.deploy.elbv2;

import io.lbc.aws.elbv2.Elbv2;
import io.lbc.aws.elbv2.LoadBalancer;
import io.lbc.deploy.DeployContext;
import io.lbc.deploy.RetryLaterException;
import io.lbc.deploy.Synthesizer;
import io.lbc.model.Resource;
import io.lbc.model.ResourceType;
import io.lbc.model.elbv2.CapacityReservationSpec;
import io.lbc.model.elbv2.LoadBalancerSpec;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a load balancer's minimum capacity reservation what the stack says (compat-spec §1.3 #12,
 * §2.2 #18), after everything else is deployed, as the reference does: reads the reservation, and
 * only when it differs sets it (ModifyCapacityReservation) or, for 0, resets it. A load balancer
 * still provisioning is waited for ({@code --lb-stabilization-monitor-interval}, 2 minutes by
 * default in the reference). A stack without the resource leaves any reservation alone.
 */
public final class CapacityReservationSynthesizer implements Synthesizer {
  private static final Logger log = LoggerFactory.getLogger(CapacityReservationSynthesizer.class);
  private static final String TYPE = "capacityReservation";

  /** {@code --lb-stabilization-monitor-interval}'s default, as in the reference. */
  public static final Duration DEFAULT_STABILIZATION_INTERVAL = Duration.ofMinutes(2);

  private final Elbv2 elbv2;
  private final Duration stabilizationInterval;

  /**
   * @param stabilizationInterval {@code --lb-stabilization-monitor-interval}: how long to wait
   *     before looking again at a load balancer still provisioning
   */
  public CapacityReservationSynthesizer(Elbv2 elbv2, Duration stabilizationInterval) {
    this.elbv2 = elbv2;
    this.stabilizationInterval = stabilizationInterval;
  }

  @Override
  public String stageName() {
    // the reference reserves capacity inside its load balancer synthesizer; ours is separate
    return "*elbv2.capacityReservationSynthesizer";
  }

  @Override
  public void synthesize(DeployContext context) {
    // applied in postSynthesize, once the load balancer and its listeners exist
  }

  @Override
  public void postSynthesize(DeployContext context) {
    for (Resource<CapacityReservationSpec> resource :
        context
            .stack()
            .resources(ResourceType.CAPACITY_RESERVATION, CapacityReservationSpec.class)) {
      String arn = context.tokens().resolve(resource.spec().loadBalancerARN());
      String state =
          context
              .tokens()
              .get(ResourceType.LOAD_BALANCER, LoadBalancerSpec.ID, LoadBalancerSpec.STATE)
              .orElse("active");
      if ("provisioning".equals(state) && provisioning(arn)) {
        throw new RetryLaterException(
            "monitor provisioning state for load balancer " + arn, stabilizationInterval);
      }
      int desired = resource.spec().capacityUnits();
      Optional<Integer> current = elbv2.describeCapacityReservation(arn);
      if (desired == 0 ? current.isEmpty() : current.equals(Optional.of(desired))) {
        continue;
      }
      context.logWrite(
          log, desired == 0 ? "resetting" : "modifying", TYPE, resource.id() + ":" + desired, arn);
      elbv2.modifyCapacityReservation(arn, desired);
    }
  }

  private boolean provisioning(String arn) {
    return elbv2.describeLoadBalancer(arn).map(LoadBalancer::state).stream()
        .anyMatch("provisioning"::equals);
  }
}
