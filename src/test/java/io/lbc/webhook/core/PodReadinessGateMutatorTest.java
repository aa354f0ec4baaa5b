package io.lbc.webhook.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.TargetGroupBindingSpec;
import io.lbc.k8s.TargetGroupBindingSpec.BindingTargetType;
import io.lbc.webhook.Decision;
import io.lbc.webhook.FakeLookups;
import io.lbc.webhook.PatchOperation;
import io.lbc.webhook.Requests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PodReadinessGateMutatorTest {
  final FakeLookups cluster = new FakeLookups();
  final PodReadinessGateMutator mutator = new PodReadinessGateMutator(cluster, true);

  @BeforeEach
  void cluster() {
    service("web", Map.of("app", "web"));
    service("all", Map.of());
    binding("web-ip", "web", BindingTargetType.IP);
    binding("web-instance", "web", BindingTargetType.INSTANCE);
    binding("selectorless", "all", BindingTargetType.IP);
    binding("dangling", "missing", BindingTargetType.IP);
  }

  void service(String name, Map<String, String> selector) {
    cluster.services.add(
        new ServiceBuilder()
            .withNewMetadata()
            .withNamespace("ns")
            .withName(name)
            .endMetadata()
            .withNewSpec()
            .withSelector(selector)
            .endSpec()
            .build());
  }

  void binding(String name, String service, BindingTargetType type) {
    var binding = new TargetGroupBinding();
    binding.setMetadata(new ObjectMetaBuilder().withNamespace("ns").withName(name).build());
    binding.setSpec(new TargetGroupBindingSpec());
    binding.getSpec().targetType = type;
    binding.getSpec().serviceRef =
        new TargetGroupBindingSpec.ServiceReference(service, new IntOrString(80));
    cluster.bindings.add(binding);
  }

  static Pod pod(Map<String, String> labels, String... gates) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace("ns")
        .withGenerateName("web-")
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withReadinessGates(java.util.Arrays.stream(gates).map(PodReadinessGate::new).toList())
        .addNewContainer()
        .withName("c")
        .withImage("nginx")
        .endContainer()
        .endSpec()
        .build();
  }

  @Test
  void addsTheGateOfEachIpBindingWhoseServiceSelectsThePod() {
    Decision decision = mutator.admit(Requests.create(pod(Map.of("app", "web", "tier", "x"))));

    assertThat(decision.patch())
        .containsExactly(
            PatchOperation.add(
                "/spec/readinessGates",
                List.of(new PodReadinessGate("target-health.elbv2.k8s.aws/web-ip"))));
  }

  @Test
  void keepsOtherGatesDropsLegacyOnesAndAddsNothingTwice() {
    Decision decision =
        mutator.admit(
            Requests.create(
                pod(
                    Map.of("app", "web"),
                    "example.com/ready",
                    "target-health.alb.ingress.k8s.aws/old",
                    "target-health.elbv2.k8s.aws/web-ip")));

    assertThat(decision.patch())
        .containsExactly(
            PatchOperation.add(
                "/spec/readinessGates",
                List.of(
                    new PodReadinessGate("example.com/ready"),
                    new PodReadinessGate("target-health.elbv2.k8s.aws/web-ip"))));
  }

  @Test
  void leavesOtherPodsAlone() {
    assertThat(mutator.admit(Requests.create(pod(Map.of("app", "api")))))
        .isEqualTo(Decision.allow());
    assertThat(
            mutator.admit(
                Requests.create(pod(Map.of("app", "web"), "target-health.elbv2.k8s.aws/web-ip"))))
        .isEqualTo(Decision.allow());
    assertThat(
            new PodReadinessGateMutator(cluster, false)
                .admit(Requests.create(pod(Map.of("app", "web")))))
        .isEqualTo(Decision.allow());
  }

  @Test
  void failsOpen() {
    assertThat(mutator.failOpen()).isTrue();
  }
}
