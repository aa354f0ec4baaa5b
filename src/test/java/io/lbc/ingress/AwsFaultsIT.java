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

  private static final String TWO_HOSTS =
      """
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        namespace: '%1$s'
        name: NAME
        annotations:
          alb.ingress.kubernetes.io/scheme: internet-facing
          alb.ingress.kubernetes.io/healthcheck-path: /ping
      spec:
        ingressClassName: alb
        rules:
          - host: NAME.example.com
            http:
              paths:
                - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {name: http}}}}
                - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
          - host: admin.NAME.example.com
            http:
              paths:
                - {path: /, pathType: Prefix, backend: {service: {name: api, port: {name: http}}}}
      """;

  @Test
  void underThirtyPercentThrottlingAndFivePercent5xxItConvergesWithoutDuplicatesAndCleansUp(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace ns) {
    start(rig, kube, aws, ns, "--aws-max-retries=10");
    it.nodePortService("web", Map.of());
    it.nodePortService("api", Map.of());
    it.awaitSettled();

    Run clean = converge("clean");
    it.delete("clean");
    it.awaitGone("clean");
    it.awaitNothingLeftInAws();

    proxy.setDefault(Faults.none().throttling(0.3).serverErrors(0.05));
    Run faulty = converge("faulty");
    assertThat(it.alb.loadBalancers()).as("one load balancer, no duplicate").hasSize(1);
    assertThat(it.alb.targetGroups()).as("one target group per backend").hasSize(2);
    assertThat(it.alb.securityGroups()).as("managed + backend security group").hasSize(2);
    String lb = it.alb.onlyLoadBalancer().loadBalancerArn();
    assertThat(it.alb.listeners(lb)).hasSize(1);
    assertThat(it.alb.rules(it.alb.onlyListener(80).listenerArn())).hasSize(3);

    long deleteStarted = System.nanoTime();
    long callsBeforeDelete = it.controller().awsCallsTotal();
    it.delete("faulty");
    it.awaitGone("faulty");
    it.awaitNothingLeftInAws();
    long deleteMillis = (System.nanoTime() - deleteStarted) / 1_000_000;
    var injected = proxy.calls().stream().filter(c -> c.outcome() != FaultProxy.Outcome.FORWARDED);

    log.info(
        "measured fault-free: {} calls, {} attempts, converged in {} ms; under 30 % throttling"
            + " + 5 % 5xx: {} calls ({}x), {} attempts, converged in {} ms; deletion under"
            + " faults: {} calls, {} ms; faults injected in all: {}",
        clean.calls(),
        clean.attempts(),
        clean.millis(),
        faulty.calls(),
        String.format("%.2f", faulty.calls() / (double) clean.calls()),
        faulty.attempts(),
        faulty.millis(),
        it.controller().awsCallsTotal() - callsBeforeDelete,
        deleteMillis,
        injected.count());
    assertThat(faulty.calls()).isLessThanOrEqualTo(Math.round(1.5 * clean.calls()));
  }

  /** What converging one Ingress cost: API calls (controller), attempts (proxy), time. */
  private record Run(long calls, long attempts, long millis) {}

  private Run converge(String name) {
    long calls = it.controller().awsCallsTotal();
    int attempts = proxy.calls().size();
    long started = System.nanoTime();
    it.ingress(TWO_HOSTS.replace("NAME", name));
    await()
        .atMost(Duration.ofSeconds(120))
        .until(() -> it.get(name).flatMap(IngressRig::hostname).isPresent());
    long millis = (System.nanoTime() - started) / 1_000_000;
    it.awaitSettled(Duration.ofSeconds(3));
    return new Run(
        it.controller().awsCallsTotal() - calls, proxy.calls().size() - attempts, millis);
  }

  private boolean bothHaveHostnames() {
    return it.get("shop").flatMap(IngressRig::hostname).isPresent()
        && it.get("admin").flatMap(IngressRig::hostname).isPresent();
  }
}
