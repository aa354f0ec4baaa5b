package io.lbc.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.fake.K8sObjects;
import io.lbc.fake.K8sObjects.Ep;
import io.lbc.k8s.TargetGroupBindingSpec.BindingTargetType;
import io.lbc.k8s.TargetGroupBindingSpec.TargetGroupProtocol;
import io.lbc.k8s.cache.SlimPod;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Crds;
import io.lbc.rig.InProcessController;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * A QUIC TargetGroupBinding registers each pod with the server ID its environment carries (as the
 * quicid webhook injects it, base64), in ELB's 0x-hex form, read back from moto's
 * DescribeTargetHealth; a pod without one is not registered (moto, like AWS, would refuse it).
 */
@RigTest
class QuicServerIdIT {
  private KubernetesClient kube;
  private AwsTestClients aws;
  private String ns;
  private BindingFixtures fixtures;
  private InProcessController controller;
  private String vpcId;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    this.kube = kube;
    this.aws = aws;
    this.ns = namespace.name();
    this.fixtures = new BindingFixtures(kube, aws, ns);
    Crds.apply(kube);
    vpcId = AwsFixtures.clusterVpc(aws.ec2(), InProcessController.CLUSTER_NAME).vpcId();
    controller = InProcessController.start(rig, aws, vpcId, ns);
  }

  @AfterEach
  void stop() {
    try {
      fixtures.releaseBindings();
    } finally {
      controller.close();
      fixtures.close();
    }
  }

  private void pod(String name, String ip, String serverId) {
    Pod pod = K8sObjects.pod(ns, name, ip, 8080, true, true);
    pod.getMetadata().setUid(null);
    pod.getMetadata().setAnnotations(Map.of(SlimPod.QUIC_CONTAINERS, "web"));
    if (serverId != null) {
      pod.getSpec()
          .getContainers()
          .get(0)
          .setEnv(List.of(new EnvVar("AWS_LBC_QUIC_SERVER_ID", serverId, null)));
    }
    pod.setStatus(null);
    kube.resource(pod).create();
  }

  @Test
  void podsRegisterWithTheirServerIdAndOnesWithoutAreLeftOut() {
    String arn =
        aws.elbv2()
            .createTargetGroup(
                r ->
                    r.name("quic-" + Math.floorMod(ns.hashCode(), 100000))
                        .protocol("QUIC")
                        .port(443)
                        .vpcId(vpcId)
                        .targetType("ip"))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    pod("a", "10.0.11.1", "ASNFZ4mrze8="); // 0x0123456789abcdef
    pod("b", "10.0.11.2", null);
    fixtures.service(K8sObjects.service(ns, "web", 80));
    fixtures.slice(
        "web-1",
        "web",
        8080,
        List.of(Ep.ready("10.0.11.1").pod("a"), Ep.ready("10.0.11.2").pod("b")));
    var binding = fixtures.binding("web", arn, BindingTargetType.IP, "web", 80);
    binding.getSpec().targetGroupProtocol = TargetGroupProtocol.QUIC;
    fixtures.create(binding);

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        aws.elbv2()
                            .describeTargetHealth(r -> r.targetGroupArn(arn))
                            .targetHealthDescriptions())
                    .extracting(TargetHealthDescription::target)
                    .singleElement()
                    .satisfies(
                        t -> {
                          assertThat(t.id()).isEqualTo("10.0.11.1");
                          assertThat(t.port()).isEqualTo(8080);
                          assertThat(t.quicServerId()).isEqualTo("0x0123456789abcdef");
                        }));
  }
}
