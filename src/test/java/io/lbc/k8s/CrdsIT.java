package io.lbc.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lbc.rig.Crds;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@RigTest
class CrdsIT {
  private KubernetesClient kube;
  private TestNamespace namespace;

  @BeforeEach
  void applyCrds(KubernetesClient kube, TestNamespace namespace) {
    this.kube = kube;
    this.namespace = namespace;
    assertThat(Crds.apply(kube))
        .extracting(crd -> crd.getMetadata().getName())
        .containsExactlyInAnyOrder(
            "targetgroupbindings.elbv2.k8s.aws",
            "ingressclassparams.elbv2.k8s.aws",
            "loadbalancerconfigurations.gateway.k8s.aws",
            "targetgroupconfigurations.gateway.k8s.aws",
            "listenerruleconfigurations.gateway.k8s.aws",
            "albtargetcontrolconfigs.elbv2.k8s.aws");
  }

  @Test
  void aValidBindingIsAcceptedAndReachesAnInformer() throws Exception {
    var seen = new CopyOnWriteArrayList<TargetGroupBinding>();
    var informer =
        kube.resources(TargetGroupBinding.class)
            .inNamespace(namespace.name())
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(TargetGroupBinding binding) {
                    seen.add(binding);
                  }

                  @Override
                  public void onUpdate(TargetGroupBinding before, TargetGroupBinding after) {}

                  @Override
                  public void onDelete(TargetGroupBinding binding, boolean unknown) {}
                });
    try {
      var binding = new TargetGroupBinding();
      binding.setMetadata(
          new ObjectMetaBuilder().withName("web").withNamespace(namespace.name()).build());
      var spec = new TargetGroupBindingSpec();
      spec.targetGroupARN =
          "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/web/0123456789abcdef";
      spec.targetType = TargetGroupBindingSpec.BindingTargetType.IP;
      spec.serviceRef = new TargetGroupBindingSpec.ServiceReference("web", new IntOrString(80));
      spec.vpcID = "vpc-0123456789abcdef0";
      binding.setSpec(spec);

      TargetGroupBinding created = kube.resource(binding).create();
      assertThat(created.getMetadata().getUid()).isNotBlank();

      informer.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
      org.awaitility.Awaitility.await()
          .atMost(30, TimeUnit.SECONDS)
          .untilAsserted(
              () ->
                  assertThat(seen)
                      .singleElement()
                      .satisfies(
                          b -> {
                            assertThat(b.getMetadata().getName()).isEqualTo("web");
                            assertThat(b.getSpec().targetType)
                                .isEqualTo(TargetGroupBindingSpec.BindingTargetType.IP);
                            assertThat(b.getSpec().serviceRef.port.getIntVal()).isEqualTo(80);
                          }));
    } finally {
      informer.stop();
    }
  }

  @Test
  void aBindingThatBreaksTheSchemaIsRejected() {
    assertRejected(
        Map.of(
            "targetGroupARN", "arn:aws:elasticloadbalancing:us-west-2:1:targetgroup/x/1",
            "targetType", "pod",
            "serviceRef", Map.of("name", "web", "port", 80)),
        "targetType");
    assertRejected(
        Map.of("targetGroupARN", "arn:aws:elasticloadbalancing:us-west-2:1:targetgroup/x/1"),
        "serviceRef");
    assertRejected(
        Map.of(
            "targetGroupARN", "arn:aws:elasticloadbalancing:us-west-2:1:targetgroup/x/1",
            "vpcID", "vpc-XYZ",
            "serviceRef", Map.of("name", "web", "port", 80)),
        "vpcID");
    assertThat(
            kube.resources(TargetGroupBinding.class)
                .inNamespace(namespace.name())
                .list()
                .getItems())
        .isEmpty();
  }

  @Test
  void ingressClassParamsIsClusterScopedAndValidatesItsFields() {
    var params =
        Serialization.unmarshal(
            """
            apiVersion: elbv2.k8s.aws/v1beta1
            kind: IngressClassParams
            metadata:
              name: %s
            spec:
              scheme: internet-facing
              group:
                name: shared
              subnets:
                ids: [subnet-0abc]
            """
                .formatted(namespace.name() + "-params"),
            IngressClassParams.class);
    IngressClassParams created = kube.resource(params).create();
    assertThat(created.getMetadata().getNamespace()).isNull();
    assertThat(created.getSpec().scheme).isEqualTo(IngressClassParamsSpec.Scheme.INTERNET_FACING);

    var both =
        Serialization.unmarshal(
            """
            apiVersion: elbv2.k8s.aws/v1beta1
            kind: IngressClassParams
            metadata:
              name: %s
            spec:
              prefixListsIDs: [pl-1]
              PrefixListsIDs: [pl-2]
            """
                .formatted(namespace.name() + "-both"),
            GenericKubernetesResource.class);
    assertThatThrownBy(() -> kube.resource(both).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("not both");
    kube.resource(created).delete();
  }

  private void assertRejected(Map<String, Object> spec, String field) {
    var resource = new GenericKubernetesResource();
    resource.setApiVersion("elbv2.k8s.aws/v1beta1");
    resource.setKind("TargetGroupBinding");
    resource.setMetadata(
        new ObjectMetaBuilder()
            .withName("bad-" + field.toLowerCase())
            .withNamespace(namespace.name())
            .build());
    resource.setAdditionalProperty("spec", spec);
    assertThatThrownBy(() -> kube.resource(resource).create())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422))
        .hasMessageContaining(field);
  }
}
