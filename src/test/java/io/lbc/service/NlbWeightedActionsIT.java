package io.lbc.service;

import static io.lbc.service.ServiceObjects.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * {@code service.beta.kubernetes.io/actions.TCP-80} against moto and the real API server: the
 * listener's default action read back from AWS is a weighted forward to the Service's own target
 * group and a target group named by ARN; a restarted controller writes nothing; new weights are
 * written; removing the annotation makes the listener forward to the Service's target group alone.
 * A target group named by {@code serviceName} is created with that Service's pods registered, and
 * deleted when the annotation goes.
 */
@RigTest
class NlbWeightedActionsIT {
  private static final String ACTIONS = "actions.TCP-80";

  private ServiceRig world;
  private AwsTestClients aws;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    this.aws = aws;
    world = new ServiceRig(rig, kube, aws, namespace);
    world.kwokPodGroup();
    world.start();
  }

  @AfterEach
  void stop() {
    world.close();
  }

  private static String weighted(String canaryArn, int base, int canary) {
    return "{\"type\":\"forward\",\"forwardConfig\":{\"baseServiceWeight\":"
        + base
        + ",\"targetGroups\":[{\"targetGroupARN\":\""
        + canaryArn
        + "\",\"weight\":"
        + canary
        + "}],\"targetGroupStickinessConfig\":{\"enabled\":true}}}";
  }

  private Action defaultAction() {
    String lbArn = world.state().requireLoadBalancer(world.ns, "split").loadBalancerArn();
    var listeners = world.state().listeners(lbArn);
    assertThat(listeners).containsOnlyKeys(80);
    assertThat(listeners.get(80).defaultActions()).hasSize(1);
    return listeners.get(80).defaultActions().get(0);
  }

  /** The forward's target groups as ARN to weight (moto-gaps #13: a forward comes back as sent). */
  private Map<String, Integer> weights(Action action) {
    assertThat(action.typeAsString()).isEqualTo("forward");
    var weights = new HashMap<String, Integer>();
    for (TargetGroupTuple tuple : action.forwardConfig().targetGroups()) {
      weights.put(tuple.targetGroupArn(), tuple.weight());
    }
    return weights;
  }

  @Test
  void theListenerForwardsByWeightToItsTargetGroupAndOneNamedByArn() {
    String canary =
        aws.elbv2()
            .createTargetGroup(
                r ->
                    r.name("canary-split")
                        .protocol("TCP")
                        .port(8080)
                        .vpcId(world.vpc.vpcId())
                        .targetType("ip"))
            .targetGroups()
            .get(0)
            .targetGroupArn();

    List<String> pods = world.runPods("split", 1);
    world.create(
        ServiceObjects.nlbIp(
            world.ns,
            "split",
            Map.of(ServiceObjects.PREFIX + ACTIONS, weighted(canary, 80, 20)),
            port("http", 80, "TCP", 8080)));
    world.awaitReady("split");

    Action action = defaultAction();
    String own =
        weights(action).keySet().stream()
            .filter(arn -> !arn.equals(canary))
            .findFirst()
            .orElseThrow();
    world.awaitTargets(own, pods.stream().map(ip -> ip + ":8080").toList());
    assertThat(world.state().tags(own))
        .as("the other target group is the Service's own")
        .containsEntry("service.k8s.aws/stack", world.ns + "/split");
    assertThat(weights(action)).containsExactlyInAnyOrderEntriesOf(Map.of(own, 80, canary, 20));
    assertThat(action.forwardConfig().targetGroupStickinessConfig().enabled()).isTrue();

    world.restartWritesNothing();

    world.annotate("split", ACTIONS, weighted(canary, 10, 90));
    await()
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(weights(defaultAction()))
                    .containsExactlyInAnyOrderEntriesOf(Map.of(own, 10, canary, 90)));

    world.annotate("split", ACTIONS, null);
    await()
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(
            () -> {
              Action single = defaultAction();
              String forwarded =
                  single.targetGroupArn() != null
                      ? single.targetGroupArn()
                      : single.forwardConfig().targetGroups().get(0).targetGroupArn();
              assertThat(forwarded).isEqualTo(own);
              if (single.forwardConfig() != null) {
                assertThat(single.forwardConfig().targetGroups()).hasSize(1);
              }
            });
  }

  @Test
  void aServiceNamedByTheAnnotationGetsATargetGroupWithItsPodsAndLosesItWithTheAnnotation() {
    List<String> stablePods = world.runPods("stable", 1);
    List<String> canaryPods = world.runPods("canary", 1);
    world.create(
        new ServiceBuilder()
            .withNewMetadata()
            .withNamespace(world.ns)
            .withName("canary")
            .endMetadata()
            .withNewSpec()
            .withType("ClusterIP")
            .withSelector(Map.of("app", "canary"))
            .withPorts(port("web", 8000, "TCP", 8080))
            .endSpec()
            .build());
    world.create(
        ServiceObjects.nlbIp(
            world.ns,
            "stable",
            Map.of(
                ServiceObjects.PREFIX + ACTIONS,
                "{\"type\":\"forward\",\"forwardConfig\":{\"baseServiceWeight\":70,"
                    + "\"targetGroups\":[{\"serviceName\":\"canary\",\"servicePort\":\"web\","
                    + "\"weight\":30}]}}"),
            port("http", 80, "TCP", 8080)));
    world.awaitReady("stable");

    String lbArn = world.state().requireLoadBalancer(world.ns, "stable").loadBalancerArn();
    Action action = world.state().listeners(lbArn).get(80).defaultActions().get(0);
    Map<String, Integer> weights = weights(action);
    assertThat(weights).hasSize(2).containsValues(70, 30);
    String canary =
        weights.entrySet().stream()
            .filter(e -> e.getValue() == 30)
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseThrow();
    String own =
        weights.entrySet().stream()
            .filter(e -> e.getValue() == 70)
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseThrow();
    assertThat(world.state().targetGroup(canary).targetGroupName())
        .as("named after the Service it targets")
        .matches("k8s-[a-z0-9]{1,8}-canary-[0-9a-f]{10}");
    assertThat(world.state().tags(canary))
        .containsEntry("service.k8s.aws/stack", world.ns + "/stable");
    world.awaitTargets(own, stablePods.stream().map(ip -> ip + ":8080").toList());
    world.awaitTargets(canary, canaryPods.stream().map(ip -> ip + ":8080").toList());

    world.restartWritesNothing();

    world.annotate("stable", ACTIONS, null);
    await()
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(
                        world.state().targetGroups().stream()
                            .map(tg -> tg.targetGroupArn())
                            .toList())
                    .doesNotContain(canary)
                    .contains(own));
  }
}
