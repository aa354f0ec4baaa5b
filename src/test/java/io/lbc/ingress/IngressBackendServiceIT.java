package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Edits;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/** Changes to an Ingress's backend Services reach AWS without the Ingress itself changing. */
@RigTest
class IngressBackendServiceIT {
  private IngressRig it;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    it = IngressRig.start(rig, kube, aws, namespace);
  }

  @AfterEach
  void stop() {
    it.close();
  }

  private Rule onlyRule() {
    var rules = it.alb.rules(it.alb.onlyListener(80).listenerArn());
    assertThat(rules).hasSize(1);
    return rules.get(0);
  }

  @Test
  void aMissingServiceAnswers503UntilItAppears() {
    it.simpleIngress("shop", "web", Map.of());
    it.awaitHostname("shop");
    assertThat(onlyRule().actions())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.typeAsString()).isEqualTo("fixed-response");
              assertThat(a.fixedResponseConfig().statusCode()).isEqualTo("503");
            });
    assertThat(it.alb.targetGroups()).isEmpty();

    it.nodePortService("web", Map.of());

    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(() -> assertThat(it.alb.targetGroups()).hasSize(1));
    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(AlbReadback.targets(onlyRule().actions()))
                    .containsExactly(it.alb.targetGroups().get(0).targetGroupArn()));
  }

  @Test
  void aHealthCheckAnnotationOnTheServiceModifiesItsTargetGroup() {
    it.nodePortService("web", Map.of("alb.ingress.kubernetes.io/healthcheck-path", "/one"));
    it.simpleIngress("shop", "web", Map.of());
    it.awaitHostname("shop");
    String arn = it.alb.targetGroups().get(0).targetGroupArn();
    assertThat(it.alb.targetGroup(arn).healthCheckPath()).isEqualTo("/one");

    Edits.edit(
        it.kube.services().inNamespace(it.ns).withName("web"),
        s -> {
          var annotations = new HashMap<>(s.getMetadata().getAnnotations());
          annotations.put("alb.ingress.kubernetes.io/healthcheck-path", "/two");
          s.getMetadata().setAnnotations(annotations);
          return s;
        });

    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(
            () -> assertThat(it.alb.targetGroup(arn).healthCheckPath()).isEqualTo("/two"));
    assertThat(it.alb.targetGroups()).hasSize(1);
  }
}
