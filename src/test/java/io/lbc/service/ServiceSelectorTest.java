package io.lbc.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceSelectorTest {
  private static final String TYPE = "service.beta.kubernetes.io/aws-load-balancer-type";
  private static final String TARGET_TYPE =
      "service.beta.kubernetes.io/aws-load-balancer-nlb-target-type";

  private final ServiceSelector selector = new ServiceSelector(TestConfigs.fromFlags());

  private static Service service(String type, String loadBalancerClass, Map<String, String> ann) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withNamespace("default")
        .withName("svc")
        .withAnnotations(ann)
        .endMetadata()
        .withNewSpec()
        .withType(type)
        .withLoadBalancerClass(loadBalancerClass)
        .endSpec()
        .build();
  }

  @Test
  void selectsItsOwnLoadBalancerClassWhateverTheAnnotationsSay() {
    assertThat(selector.selects(service("LoadBalancer", "service.k8s.aws/nlb", Map.of()))).isTrue();
    assertThat(
            selector.selects(
                service("LoadBalancer", "service.k8s.aws/nlb", Map.of(TYPE, "something-else"))))
        .isTrue();
  }

  @Test
  void anotherClassIsNeverSelectedEvenWithLegacyAnnotations() {
    assertThat(
            selector.selects(
                service("LoadBalancer", "example.com/other-lb", Map.of(TYPE, "nlb-ip"))))
        .isFalse();
  }

  @Test
  void theLoadBalancerClassFlagDecidesWhichClassIsOurs() {
    var custom = new ServiceSelector(TestConfigs.fromFlags("--load-balancer-class=corp/nlb"));
    assertThat(custom.selects(service("LoadBalancer", "corp/nlb", Map.of()))).isTrue();
    assertThat(custom.selects(service("LoadBalancer", "service.k8s.aws/nlb", Map.of()))).isFalse();
  }

  @Test
  void nlbIpAnnotationSelectsWithoutAClass() {
    assertThat(selector.selects(service("LoadBalancer", null, Map.of(TYPE, "nlb-ip")))).isTrue();
  }

  @Test
  void externalNeedsAnIpOrInstanceTargetType() {
    assertThat(selector.selects(service("LoadBalancer", null, Map.of(TYPE, "external")))).isFalse();
    assertThat(
            selector.selects(
                service("LoadBalancer", null, Map.of(TYPE, "external", TARGET_TYPE, "ip"))))
        .isTrue();
    assertThat(
            selector.selects(
                service("LoadBalancer", null, Map.of(TYPE, "external", TARGET_TYPE, "instance"))))
        .isTrue();
    assertThat(
            selector.selects(
                service("LoadBalancer", null, Map.of(TYPE, "external", TARGET_TYPE, "alb"))))
        .isFalse();
  }

  @Test
  void aPlainLoadBalancerServiceWithoutClassOrAnnotationIsLeftToOthers() {
    assertThat(selector.selects(service("LoadBalancer", null, Map.of()))).isFalse();
    assertThat(selector.selects(service("LoadBalancer", null, Map.of(TYPE, "nlb")))).isFalse();
  }

  @Test
  void aClusterIpServiceIsSelectedByAnnotationUnlessTheLoadBalancerOnlyGateIsOn() {
    Service clusterIp = service("ClusterIP", null, Map.of(TYPE, "nlb-ip"));
    assertThat(selector.selects(clusterIp)).isTrue();
    var loadBalancerOnly =
        new ServiceSelector(
            TestConfigs.fromFlags("--feature-gates=ServiceTypeLoadBalancerOnly=true"));
    assertThat(loadBalancerOnly.selects(clusterIp)).isFalse();
    assertThat(loadBalancerOnly.selects(service("LoadBalancer", null, Map.of(TYPE, "nlb-ip"))))
        .isTrue();
    assertThat(loadBalancerOnly.selects(service("ClusterIP", null, Map.of()))).isFalse();
  }

  @Test
  void aServiceBeingDeletedIsNoLongerSelectedSoItsStackIsCleanedUp() {
    Service deleted = service("LoadBalancer", "service.k8s.aws/nlb", Map.of());
    deleted.getMetadata().setDeletionTimestamp("2026-11-22T00:00:00Z");
    assertThat(selector.selects(deleted)).isFalse();
  }

  @Test
  void aServiceWithoutSpecOrAnnotationsIsNotSelected() {
    var bare = new ServiceBuilder().withNewMetadata().withName("bare").endMetadata().build();
    assertThat(selector.selects(bare)).isFalse();
  }

  @Test
  void aCopyForSelectionKeepsWhatSelectionReadsAndDropsPortsSelectorAndStatus() {
    Service full =
        new ServiceBuilder(service("ClusterIP", null, Map.of(TYPE, "external")))
            .editMetadata()
            .withUid("uid-1")
            .withResourceVersion("42")
            .withFinalizers("someone.else/finalizer")
            .endMetadata()
            .editSpec()
            .withSelector(Map.of("app", "web"))
            .withClusterIP("10.0.0.1")
            .addNewPort()
            .withPort(80)
            .endPort()
            .endSpec()
            .withNewStatus()
            .withNewLoadBalancer()
            .endLoadBalancer()
            .endStatus()
            .build();

    Service copy = ServiceSelector.selectionOnly(full);

    assertThat(copy.getMetadata().getName()).isEqualTo("svc");
    assertThat(copy.getMetadata().getUid()).isEqualTo("uid-1");
    assertThat(copy.getMetadata().getResourceVersion()).isEqualTo("42");
    assertThat(copy.getMetadata().getFinalizers()).containsExactly("someone.else/finalizer");
    assertThat(copy.getMetadata().getAnnotations()).containsEntry(TYPE, "external");
    assertThat(copy.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(copy.getSpec().getSelector()).isNullOrEmpty();
    assertThat(copy.getSpec().getPorts()).isNullOrEmpty();
    assertThat(copy.getSpec().getClusterIP()).isNull();
    assertThat(copy.getStatus()).isNull();
    // no empty list or map of its own per cached Service: the shared immutable empties
    assertThat(copy.getSpec().getExternalIPs()).isSameAs(List.of());
    assertThat(copy.getSpec().getPorts()).isSameAs(List.of());
    assertThat(copy.getMetadata().getOwnerReferences()).isSameAs(List.of());
    assertThat(copy.getMetadata().getLabels()).isSameAs(Map.of());
    assertThat(copy.getAdditionalProperties()).isSameAs(Map.of());
    assertThat(selector.selects(copy)).isEqualTo(selector.selects(full)).isFalse();
    var nlb = service("LoadBalancer", "service.k8s.aws/nlb", Map.of());
    assertThat(selector.selects(ServiceSelector.selectionOnly(nlb))).isTrue();
  }
}
