package io.lbc.webhook.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.lbc.webhook.Decision;
import io.lbc.webhook.PatchOperation;
import io.lbc.webhook.Requests;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceMutatorTest {
  final ServiceMutator mutator = new ServiceMutator("service.k8s.aws/nlb", true);

  static Service service(String type, String loadBalancerClass) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withNamespace("ns")
        .withName("svc")
        .endMetadata()
        .withNewSpec()
        .withType(type)
        .withLoadBalancerClass(loadBalancerClass)
        .endSpec()
        .build();
  }

  @Test
  void givesANewClasslessLoadBalancerServiceOurClass() {
    assertThat(mutator.admit(Requests.create(service("LoadBalancer", null))).patch())
        .containsExactly(PatchOperation.add("/spec/loadBalancerClass", "service.k8s.aws/nlb"));
    assertThat(mutator.admit(Requests.create(service("LoadBalancer", ""))).patch())
        .containsExactly(PatchOperation.add("/spec/loadBalancerClass", "service.k8s.aws/nlb"));
  }

  @Test
  void leavesOtherServicesAndOtherClassesAlone() {
    assertThat(mutator.admit(Requests.create(service("ClusterIP", null))))
        .isEqualTo(Decision.allow());
    assertThat(mutator.admit(Requests.create(service("LoadBalancer", "example.com/lb"))))
        .isEqualTo(Decision.allow());
  }

  @Test
  void anUpdateThatDropsTheClassKeepsTheOldOne() {
    assertThat(
            mutator
                .admit(
                    Requests.update(
                        service("LoadBalancer", null), service("LoadBalancer", "example.com/lb")))
                .patch())
        .isEqualTo(List.of(PatchOperation.add("/spec/loadBalancerClass", "example.com/lb")));
    assertThat(
            mutator.admit(
                Requests.update(service("LoadBalancer", null), service("LoadBalancer", null))))
        .isEqualTo(Decision.allow());
  }

  @Test
  void isOffUnlessEnabledAndFailsOpen() {
    var off = new ServiceMutator("service.k8s.aws/nlb", false);

    assertThat(off.admit(Requests.create(service("LoadBalancer", null))))
        .isEqualTo(Decision.allow());
    assertThat(mutator.failOpen()).isTrue();
  }
}
