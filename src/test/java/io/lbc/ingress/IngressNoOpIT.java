package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.InProcessController;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciling an Ingress whose AWS state already matches writes nothing, and a restarted controller
 * adopts what it finds instead of creating it again.
 */
@RigTest
class IngressNoOpIT {
  private static final Logger log = LoggerFactory.getLogger(IngressNoOpIT.class);

  private IngressRig it;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    it = IngressRig.start(rig, kube, aws, namespace);
    it.nodePortService("web", Map.of());
    it.nodePortService("api", Map.of());
    it.ingress(
        """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          namespace: '%1$s'
          name: shop
          annotations:
            alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTP": 8080}]'
            alb.ingress.kubernetes.io/tags: team=shop
            alb.ingress.kubernetes.io/target-group-attributes: deregistration_delay.timeout_seconds=30
            alb.ingress.kubernetes.io/load-balancer-attributes: idle_timeout.timeout_seconds=120
        spec:
          ingressClassName: alb
          rules:
            - host: shop.example.com
              http:
                paths:
                  - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {name: http}}}}
                  - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
        """);
    it.awaitHostname("shop");
    it.awaitSettled();
  }

  @AfterEach
  void stop() {
    it.close();
  }

  @Test
  void anUnrelatedAnnotationChangeReconcilesWithoutWriting() {
    long writes = it.controller().awsWrites();
    long calls = it.controller().awsCallsTotal();
    var byOperation = it.controller().awsCallsByOperation();
    log.info("measured first reconciles: {} AWS calls, {} writes: {}", calls, writes, byOperation);

    it.annotate("shop", "example.com/owner", "team-a");
    it.awaitReconcileAfter(calls);

    log.info(
        "measured no-op reconcile: {} AWS calls, {} writes: {}",
        it.controller().awsCallsTotal() - calls,
        it.controller().awsWrites() - writes,
        it.callsSince(byOperation));
    assertThat(it.controller().awsWrites()).isEqualTo(writes);
  }

  @Test
  void aRestartedControllerAdoptsEverythingAndWritesNothing() {
    AwsCounts before = AwsCounts.of(it.alb);

    InProcessController restarted = it.restartController();
    it.awaitReconcileAfter(0);

    log.info(
        "measured restart reconcile: {} AWS calls, {} writes: {}",
        restarted.awsCallsTotal(),
        restarted.awsWrites(),
        restarted.awsCallsByOperation());
    assertThat(restarted.awsCallsTotal()).isPositive(); // it did look
    assertThat(restarted.awsWrites()).isZero();
    // Tags are read in batches: load balancers, target groups, listeners, rules: one call each.
    assertThat(restarted.awsCalls("DescribeTags")).isLessThanOrEqualTo(4);
    assertThat(AwsCounts.of(it.alb)).isEqualTo(before);
  }

  /** How many of each resource the cluster has in AWS. */
  record AwsCounts(
      int loadBalancers, int listeners, int rules, int targetGroups, int securityGroups) {
    static AwsCounts of(AlbReadback alb) {
      String lb = alb.onlyLoadBalancer().loadBalancerArn();
      List<String> listeners = alb.listeners(lb).stream().map(l -> l.listenerArn()).toList();
      return new AwsCounts(
          alb.loadBalancers().size(),
          listeners.size(),
          listeners.stream().mapToInt(l -> alb.rules(l).size()).sum(),
          alb.targetGroups().size(),
          alb.securityGroups().size());
    }
  }
}
