package io.lbc.webhook;

import static io.lbc.webhook.ItObjects.binding;
import static io.lbc.webhook.ItObjects.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.aws.AwsClients;
import io.lbc.aws.elbv2.SdkElbv2;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.TargetGroupBindingSpec.BindingIpAddressType;
import io.lbc.k8s.TargetGroupBindingSpec.BindingTargetType;
import io.lbc.k8s.TargetGroupBindingSpec.TargetGroupProtocol;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Crds;
import io.lbc.rig.Edits;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/** The TargetGroupBinding webhooks registered in the real apiserver, target groups in moto. */
@RigTest
class TargetGroupBindingWebhookIT {
  @TempDir Path dir;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void aNameOnlyBindingGetsItsArnAndDefaultsAndABadOneIsRefused(
      KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    Crds.apply(kube);
    String vpcId = AwsFixtures.clusterVpc(aws.ec2(), "webhook-it").vpcId();
    String arn = AwsFixtures.targetGroup(aws.elbv2(), "web-ip", vpcId, TargetTypeEnum.IP);
    String ns = namespace.name();
    var settings = new Webhooks.Settings("alb", "service.k8s.aws/nlb", vpcId, true, false);

    try (var clients =
            new AwsClients(aws.controllerSettings(vpcId), AwsTestClients.CREDENTIALS, registry);
        var webhooks =
            InProcessWebhooks.start(
                kube, new SdkElbv2(clients.elbv2()), registry, dir, ns, settings)) {
      TargetGroupBinding nameOnly = binding(ns, "web", "web", s -> s.targetGroupName = "web-ip");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> ItObjects.dryRun(kube, nameOnly).getSpec().targetGroupARN != null);

      TargetGroupBinding created = ItObjects.create(kube, nameOnly);

      assertThat(created.getSpec().targetGroupARN).isEqualTo(arn);
      assertThat(created.getSpec().targetType).isEqualTo(BindingTargetType.IP);
      assertThat(created.getSpec().ipAddressType).isEqualTo(BindingIpAddressType.IPV4);
      assertThat(created.getSpec().vpcID).isEqualTo(vpcId);
      assertThat(created.getSpec().targetGroupProtocol).isEqualTo(TargetGroupProtocol.HTTP);

      String nodeSelectorRefusal =
          refusal(
              () ->
                  ItObjects.create(
                      kube,
                      binding(
                          ns,
                          "with-selector",
                          "web",
                          s -> {
                            s.targetGroupName = "web-ip";
                            s.nodeSelector = new LabelSelector();
                          })));
      assertThat(nodeSelectorRefusal)
          .contains(
              "admission webhook \"vtargetgroupbinding.elbv2.k8s.aws\" denied the request:"
                  + " spec.nodeSelector: TargetGroupBinding cannot set NodeSelector when"
                  + " TargetType is ip");

      // The second binding of the same target group, once the cache has seen the first.
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          refusal(
                              () ->
                                  ItObjects.dryRun(
                                      kube,
                                      binding(ns, "second", "web", s -> s.targetGroupARN = arn))))
                      .contains(
                          "is already bound to following TargetGroupBindings [" + ns + "/web]"));

      String immutableRefusal =
          refusal(
              () ->
                  Edits.edit(
                      kube.resources(TargetGroupBinding.class).inNamespace(ns).withName("web"),
                      b -> {
                        b.getSpec().targetType = BindingTargetType.INSTANCE;
                        return b;
                      }));
      assertThat(immutableRefusal)
          .contains(
              "TargetGroupBinding update may not change these immutable fields: spec.targetType");

      assertThat(
              refusal(
                  () ->
                      ItObjects.create(
                          kube,
                          binding(ns, "nothing", "web", s -> s.targetGroupName = "no-such-tg"))))
          .contains(
              "admission webhook \"mtargetgroupbinding.elbv2.k8s.aws\" denied the request:"
                  + " spec.targetGroupName: no target group named no-such-tg");

      measureLatency(kube, ns);
    }
  }

  /** Dry-run creates through the apiserver: both TargetGroupBinding webhooks, one describe. */
  private void measureLatency(KubernetesClient kube, String ns) {
    var millis = new ArrayList<Long>();
    for (int i = 0; i < 20; i++) {
      TargetGroupBinding probe =
          binding(ns, "probe-" + i, "web", s -> s.targetGroupName = "web-ip");
      long start = System.nanoTime();
      String refused = refusal(() -> ItObjects.dryRun(kube, probe));
      millis.add((System.nanoTime() - start) / 1_000_000);
      // The first binding holds the target group, so each probe is refused by the validator.
      assertThat(refused).contains("is already bound");
    }
    Collections.sort(millis);
    var server = registry.get("controller.runtime.webhook.latency").timers();
    System.out.printf(
        "webhook latency through the apiserver (dry-run create, mutate + validate): p50=%d ms"
            + " p90=%d ms max=%d ms; server-side per call: %s%n",
        millis.get(9),
        millis.get(17),
        millis.get(19),
        server.stream()
            .map(
                t ->
                    t.getId().getTag("webhook")
                        + " n="
                        + t.count()
                        + " mean="
                        + String.format("%.1f", t.mean(java.util.concurrent.TimeUnit.MILLISECONDS))
                        + "ms max="
                        + String.format("%.1f", t.max(java.util.concurrent.TimeUnit.MILLISECONDS))
                        + "ms")
            .toList());
    assertThat(millis.get(9)).as("median admission through the apiserver, ms").isLessThan(2000);
  }
}
