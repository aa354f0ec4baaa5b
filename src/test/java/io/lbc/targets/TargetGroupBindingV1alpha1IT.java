package io.lbc.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.fake.K8sObjects;
import io.lbc.fake.K8sObjects.Ep;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.TargetGroupBindingV1alpha1;
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
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * A binding written as {@code elbv2.k8s.aws/v1alpha1}, as older manifests of the reference do: the
 * apiserver accepts it (the CRD serves v1alpha1 with conversion {@code None}), the controller reads
 * it as v1beta1 and registers its targets in moto, and it reads back under both versions.
 */
@RigTest
class TargetGroupBindingV1alpha1IT {
  private KubernetesClient kube;
  private String ns;
  private BindingFixtures fixtures;
  private InProcessController controller;
  private String vpcId;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    this.kube = kube;
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

  /**
   * Hand-made slice: the Service selects no pod, so its own slice stays empty and the two endpoints
   * here are the only targets.
   */
  @Test
  void aV1alpha1BindingRegistersTargetsAndReadsBackAsV1beta1() {
    String arn = fixtures.targetGroup("old", TargetTypeEnum.IP, vpcId);
    fixtures.service(K8sObjects.service(ns, "web", 80));
    fixtures.slice("web-1", "web", 8080, List.of(Ep.ready("10.0.11.1"), Ep.ready("10.0.11.2")));

    var old = new GenericKubernetesResource();
    old.setApiVersion("elbv2.k8s.aws/v1alpha1");
    old.setKind("TargetGroupBinding");
    old.setMetadata(new ObjectMetaBuilder().withName("old").withNamespace(ns).build());
    old.setAdditionalProperty(
        "spec",
        Map.of(
            "targetGroupARN",
            arn,
            "targetType",
            "ip",
            "serviceRef",
            Map.of("name", "web", "port", 80)));
    kube.resource(old).create();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(fixtures.targets(arn))
                    .containsExactly("10.0.11.1:8080", "10.0.11.2:8080"));

    TargetGroupBinding asBeta = fixtures.get("old");
    assertThat(asBeta.getApiVersion()).isEqualTo("elbv2.k8s.aws/v1beta1");
    assertThat(asBeta.getSpec().targetGroupARN).isEqualTo(arn);
    assertThat(asBeta.getSpec().serviceRef.name).isEqualTo("web");
    assertThat(asBeta.getMetadata().getFinalizers()).contains(TargetGroupBinding.FINALIZER);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                fixtures.get("old").getStatus() != null
                    && Long.valueOf(1).equals(fixtures.get("old").getStatus().observedGeneration));

    TargetGroupBindingV1alpha1 asAlpha =
        kube.resources(TargetGroupBindingV1alpha1.class).inNamespace(ns).withName("old").get();
    assertThat(asAlpha.getApiVersion()).isEqualTo("elbv2.k8s.aws/v1alpha1");
    assertThat(asAlpha.getSpec().targetGroupARN).isEqualTo(arn);
    assertThat(asAlpha.getStatus().observedGeneration).isEqualTo(1L);
    assertThat(asAlpha.getStatus().conditions)
        .singleElement()
        .satisfies(c -> assertThat(c.getStatus()).isEqualTo("True"));
  }

  @Test
  void theV1alpha1SchemaHasNoneOfTheFieldsAddedInV1beta1() {
    var old = new GenericKubernetesResource();
    old.setApiVersion("elbv2.k8s.aws/v1alpha1");
    old.setKind("TargetGroupBinding");
    old.setMetadata(new ObjectMetaBuilder().withName("pruned").withNamespace(ns).build());
    old.setAdditionalProperty(
        "spec",
        Map.of(
            "targetGroupARN",
            "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/x/0123456789abcdef",
            "vpcID",
            "vpc-0123456789abcdef0",
            "serviceRef",
            Map.of("name", "web", "port", 80)));
    kube.resource(old).create();
    // Unknown fields of a structural schema are pruned on write, as by the reference's CRD.
    assertThat(fixtures.get("pruned").getSpec().vpcID).isNull();
  }
}
