package io.lbc.deploy.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lbc.aws.elbv2.Elbv2;
import io.lbc.aws.elbv2.LoadBalancer;
import io.lbc.deploy.DeployContext;
import io.lbc.deploy.NonConvergingWrites;
import io.lbc.deploy.ResolvedTokens;
import io.lbc.deploy.RetryLaterException;
import io.lbc.model.ResourceType;
import io.lbc.model.Stack;
import io.lbc.model.StackId;
import io.lbc.model.elbv2.CapacityReservationSpec;
import io.lbc.model.elbv2.LoadBalancerSpec;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The reservation waits for a provisioning load balancer as long as the flag says, then applies.
 */
class CapacityReservationSynthesizerTest {
  private static final String LB = "arn:aws:elasticloadbalancing:us-west-2:1:loadbalancer/app/a/1";

  private final List<String> calls = new ArrayList<>();
  private String state = "provisioning";

  @Test
  void aProvisioningLoadBalancerIsLookedAtAgainAfterTheStabilizationInterval() {
    var synthesizer = new CapacityReservationSynthesizer(elbv2(), Duration.ofSeconds(45));

    assertThatThrownBy(() -> synthesizer.postSynthesize(context("provisioning")))
        .isInstanceOf(RetryLaterException.class)
        .satisfies(e -> assertThat(((RetryLaterException) e).after()).hasSeconds(45));
    assertThat(calls).containsExactly("describeLoadBalancer");

    state = "active";
    calls.clear();
    synthesizer.postSynthesize(context("provisioning"));
    assertThat(calls)
        .containsExactly(
            "describeLoadBalancer", "describeCapacityReservation", "modifyCapacityReservation 10");
  }

  @Test
  void theDefaultIsTheReferencesTwoMinutes() {
    assertThat(CapacityReservationSynthesizer.DEFAULT_STABILIZATION_INTERVAL)
        .isEqualTo(Duration.ofMinutes(2));
  }

  private DeployContext context(String lbState) {
    var stack = new Stack(StackId.explicitIngressGroup("g"));
    stack.add(
        LoadBalancerSpec.ID,
        new CapacityReservationSpec(
            ResourceType.LOAD_BALANCER.ref(LoadBalancerSpec.ID, LoadBalancerSpec.ARN), 10));
    var tokens = new ResolvedTokens();
    tokens.put(ResourceType.LOAD_BALANCER, LoadBalancerSpec.ID, LoadBalancerSpec.ARN, LB);
    tokens.put(ResourceType.LOAD_BALANCER, LoadBalancerSpec.ID, LoadBalancerSpec.STATE, lbState);
    return new DeployContext(
        stack, "c", "vpc-1", Set.of(), tokens, new NonConvergingWrites().session(stack.id()));
  }

  /** An ELBv2 port answering only the three calls the synthesizer makes, recording them. */
  private Elbv2 elbv2() {
    return (Elbv2)
        Proxy.newProxyInstance(
            Elbv2.class.getClassLoader(),
            new Class<?>[] {Elbv2.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "describeLoadBalancer" -> {
                    calls.add("describeLoadBalancer");
                    yield Optional.of(
                        new LoadBalancer(
                            LB,
                            "a",
                            "application",
                            "internal",
                            "ipv4",
                            "a.example",
                            "vpc-1",
                            state,
                            List.of(),
                            List.of()));
                  }
                  case "describeCapacityReservation" -> {
                    calls.add("describeCapacityReservation");
                    yield Optional.empty();
                  }
                  case "modifyCapacityReservation" -> {
                    calls.add("modifyCapacityReservation " + args[1]);
                    yield null;
                  }
                  case "toString" -> "fake elbv2";
                  default -> throw new AssertionError("not expected: " + method.getName());
                });
  }
}
