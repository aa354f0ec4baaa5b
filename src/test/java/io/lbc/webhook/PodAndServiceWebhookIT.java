package io.lbc.webhook;

import static io.lbc.webhook.ItObjects.binding;
import static io.lbc.webhook.ItObjects.pod;
import static io.lbc.webhook.ItObjects.refusal;
import static io.lbc.webhook.ItObjects.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.aws.AwsClients;
import io.lbc.aws.elbv2.SdkElbv2;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Crds;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * The pod and Service mutators through the real apiserver, and what happens when the controller is
 * down: pods and Services are still created, TargetGroupBindings are not.
 */
@RigTest
class PodAndServiceWebhookIT {
  static final String GATE_INJECT = "elbv2.k8s.aws/pod-readiness-gate-inject";

  @TempDir Path dir;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  static List<String> gates(Pod pod) {
    return pod.getSpec().getReadinessGates().stream()
        .map(PodReadinessGate::getConditionType)
        .toList();
  }

  @Test
  void podsGetReadinessGatesServicesOurClassAndBothStillGoInWhenTheControllerIsDown(
      KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    Crds.apply(kube);
    String vpcId = AwsFixtures.clusterVpc(aws.ec2(), "webhook-it").vpcId();
    AwsFixtures.targetGroup(aws.elbv2(), "web-ip", vpcId, TargetTypeEnum.IP);
    AwsFixtures.targetGroup(aws.elbv2(), "web-instance", vpcId, TargetTypeEnum.INSTANCE);
    String ns = namespace.name();
    kube.namespaces()
        .withName(ns)
        .edit(
            n -> {
              n.getMetadata().getLabels().put(GATE_INJECT, "enabled");
              return n;
            });
    kube.resource(service(ns, "web", "ClusterIP", Map.of("app", "web"))).create();
    var settings = new Webhooks.Settings("alb", "service.k8s.aws/nlb", vpcId, true, true);

    try (var clients =
            new AwsClients(aws.controllerSettings(vpcId), AwsTestClients.CREDENTIALS, registry);
        var webhooks =
            InProcessWebhooks.start(
                kube, new SdkElbv2(clients.elbv2()), registry, dir, ns, settings)) {
      var webBinding = binding(ns, "web-tgb", "web", s -> s.targetGroupName = "web-ip");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> ItObjects.dryRun(kube, webBinding).getSpec().targetGroupARN != null);
      ItObjects.create(kube, webBinding);
      ItObjects.create(
          kube, binding(ns, "web-nodes", "web", s -> s.targetGroupName = "web-instance"));

      // Once the binding is in the webhook's cache, a pod its Service selects gets the gate.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  !kube.resource(pod(ns, "probe", Map.of("app", "web")))
                      .dryRun()
                      .create()
                      .getSpec()
                      .getReadinessGates()
                      .isEmpty());
      Pod selected = kube.resource(pod(ns, "web-1", Map.of("app", "web"))).create();
      Pod other = kube.resource(pod(ns, "api-1", Map.of("app", "api"))).create();
      Pod controller =
          kube.resource(
                  pod(
                      ns,
                      "lbc-1",
                      Map.of(
                          "app", "web", "app.kubernetes.io/name", "aws-load-balancer-controller")))
              .create();

      assertThat(gates(selected)).containsExactly("target-health.elbv2.k8s.aws/web-tgb");
      assertThat(gates(other)).isEmpty();
      assertThat(gates(controller)).as("the controller's own pods are never sent").isEmpty();

      Service lb =
          kube.resource(service(ns, "public", "LoadBalancer", Map.of("app", "web"))).create();
      Service internal =
          kube.resource(service(ns, "internal", "ClusterIP", Map.of("app", "web"))).create();
      assertThat(lb.getSpec().getLoadBalancerClass()).isEqualTo("service.k8s.aws/nlb");
      assertThat(internal.getSpec().getLoadBalancerClass()).isNull();

      webhooks.stopServer();

      long start = System.nanoTime();
      Pod whileDown = kube.resource(pod(ns, "web-2", Map.of("app", "web"))).create();
      Service lbWhileDown =
          kube.resource(service(ns, "public-2", "LoadBalancer", Map.of("app", "web"))).create();
      long downMillis = (System.nanoTime() - start) / 1_000_000;
      String bindingWhileDown =
          refusal(
              () ->
                  ItObjects.create(
                      kube, binding(ns, "while-down", "web", s -> s.targetGroupName = "web-ip")));

      assertThat(gates(whileDown)).isEmpty();
      assertThat(lbWhileDown.getSpec().getLoadBalancerClass()).isNull();
      assertThat(bindingWhileDown)
          .contains("failed calling webhook \"mtargetgroupbinding.elbv2.k8s.aws\"");
      System.out.printf(
          "with the webhook server down, a pod and a Service were created in %d ms%n", downMillis);
    }
  }
}
