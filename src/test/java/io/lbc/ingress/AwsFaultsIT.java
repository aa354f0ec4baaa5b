package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.FaultProxy;
import io.lbc.rig.FaultProxy.Faults;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller against an AWS that fails: every call goes through {@link FaultProxy} to moto. It
 * must converge, create nothing twice, clean up everything, and never call AWS faster than its
 * configured budget, however AWS answers.
 */
@RigTest
class AwsFaultsIT {
  private static final Logger log = LoggerFactory.getLogger(AwsFaultsIT.class);

  /** The process-wide budget of these tests: 4 calls/s, bursts of 4, per service. */
  private static final double RATE_PER_SERVICE = 4;

  private static final int BURST_PER_SERVICE = 4;
  private static final List<String> SERVICES =
      List.of("Elastic Load Balancing v2", "EC2", "ACM", "STS", "Resource Groups Tagging API");
  private static final String THROTTLE_FLAG =
      "--aws-api-throttle="
          + String.join(
              ",",
              SERVICES.stream()
                  .map(s -> s + ":.*=" + (int) RATE_PER_SERVICE + ":" + BURST_PER_SERVICE)
                  .toList());

  private FaultProxy proxy;
  private IngressRig it;

  @AfterEach
  void stop() {
    if (it != null) {
      it.close();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  private void start(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace ns, String... flags) {
    proxy = FaultProxy.start(rig.motoUrl());
    String[] all = new String[flags.length + 1];
    all[0] = proxy.endpointsFlag();
    System.arraycopy(flags, 0, all, 1, flags.length);
    it = IngressRig.start(rig, kube, aws, ns, all);
  }

  @Test
  void underASustainedAccountWideThrottleCallsStayWithinTheBudgetAndConvergeWhenItLifts(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace ns) throws Exception {
    start(rig, kube, aws, ns, THROTTLE_FLAG);
    it.nodePortService("web", Map.of());
    it.nodePortService("api", Map.of());
    proxy.forgetCalls();
    proxy.setDefault(Faults.none().throttling(1.0));
    long throttleStarted = System.nanoTime();
    it.simpleIngress("shop", "web", Map.of());
    it.simpleIngress("admin", "api", Map.of("alb.ingress.kubernetes.io/group.name", "admin"));
    Duration throttledFor = Duration.ofSeconds(60);
    Thread.sleep(throttledFor.toMillis());
    List<FaultProxy.Call> throttled = proxy.calls();
    proxy.clearFaults();
    long lifted = System.nanoTime();
    await().atMost(Duration.ofSeconds(30)).until(() -> bothHaveHostnames());
    long convergedMillis = (System.nanoTime() - lifted) / 1_000_000;
    it.awaitSettled();
    List<FaultProxy.Call> all = proxy.calls();

    double throttledRate = throttled.size() / (double) throttledFor.toSeconds();
    log.info(
        "measured account-wide throttle: {} calls in {} s ({} calls/s, budget {}/s over {}"
            + " services); converged {} ms after it lifted; {} calls in all, max {} in 1 s,"
            + " max {} in 10 s",
        throttled.size(),
        throttledFor.toSeconds(),
        String.format("%.2f", throttledRate),
        RATE_PER_SERVICE,
        SERVICES.size(),
        convergedMillis,
        all.size(),
        FaultProxy.maxCallsInWindow(all, Duration.ofSeconds(1)),
        FaultProxy.maxCallsInWindow(all, Duration.ofSeconds(10)));
    log.info("measured calls by operation: {}", it.controller().awsCallsByOperation());

    assertThat(throttled).as("calls were made while throttled").isNotEmpty();
    assertThat(throttled)
        .allSatisfy(c -> assertThat(c.outcome()).isEqualTo(FaultProxy.Outcome.THROTTLED));
    // only ELBv2 and EC2 are called here: the token-bucket bound of two services
    int services = 2;
    for (int seconds : new int[] {1, 5, 10, 30}) {
      int bound = (int) Math.ceil(services * (BURST_PER_SERVICE + RATE_PER_SERVICE * seconds));
      assertThat(FaultProxy.maxCallsInWindow(all, Duration.ofSeconds(seconds)))
          .as("calls in any %d s window", seconds)
          .isLessThanOrEqualTo(bound);
    }
    assertThat(throttledRate)
        .as("no hot loop: mean calls/s while throttled under the budget")
        .isLessThan(services * RATE_PER_SERVICE);
    assertThat(convergedMillis).isLessThanOrEqualTo(30_000);
    assertThat(it.alb.loadBalancers()).hasSize(2);
  }

  private boolean bothHaveHostnames() {
    return it.get("shop").flatMap(IngressRig::hostname).isPresent()
        && it.get("admin").flatMap(IngressRig::hostname).isPresent();
  }
}
