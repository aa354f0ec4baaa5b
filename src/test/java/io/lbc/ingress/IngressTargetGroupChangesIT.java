package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.TargetGroupBindingSpec.BindingTargetType;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * A target group is modified in place when AWS allows it (health check) and replaced when it does
 * not (target type, target control port), the old one deleted only once no rule forwards to it.
 */
@RigTest
class IngressTargetGroupChangesIT {
  private static final String HC_PATH = "alb.ingress.kubernetes.io/healthcheck-path";
  private static final String TARGET_TYPE = "alb.ingress.kubernetes.io/target-type";
  private static final String CONTROL_PORT =
      "alb.ingress.kubernetes.io/target-control-port.web.http";

  private IngressRig it;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    it = IngressRig.start(rig, kube, aws, namespace);
    it.nodePortService("web", Map.of());
  }

  @AfterEach
  void stop() {
    it.close();
  }

  @Test
  void aHealthCheckChangeModifiesTheTargetGroupInPlace() {
    it.simpleIngress("shop", "web", Map.of(HC_PATH, "/before"));
    it.awaitHostname("shop");
    TargetGroup before = onlyTargetGroup();
    assertThat(before.healthCheckPath()).isEqualTo("/before");

    it.annotate("shop", HC_PATH, "/after");

    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(() -> assertThat(onlyTargetGroup().healthCheckPath()).isEqualTo("/after"));
    assertThat(onlyTargetGroup().targetGroupArn()).isEqualTo(before.targetGroupArn());
    assertThat(it.controller().awsCalls("CreateTargetGroup")).isEqualTo(1);
    assertThat(it.controller().awsCalls("ModifyTargetGroup")).isEqualTo(1);
    assertThat(it.controller().awsCalls("DeleteTargetGroup")).isZero();
  }

  @Test
  void aTargetTypeChangeReplacesTheTargetGroupAfterTheRulesMovedToTheNewOne() {
    it.simpleIngress("shop", "web", Map.of(TARGET_TYPE, "instance"));
    it.awaitHostname("shop");
    TargetGroup before = onlyTargetGroup();
    assertThat(before.targetTypeAsString()).isEqualTo("instance");
    String listener = it.alb.onlyListener(80).listenerArn();
    String ruleArn = it.alb.rules(listener).get(0).ruleArn();

    it.annotate("shop", TARGET_TYPE, "ip");

    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(onlyTargetGroup().targetGroupArn())
                    .isNotEqualTo(before.targetGroupArn()));
    TargetGroup after = onlyTargetGroup();
    assertThat(after.targetTypeAsString()).isEqualTo("ip");
    assertThat(after.port()).isEqualTo(8080);
    assertThat(it.alb.rules(listener))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.ruleArn()).isEqualTo(ruleArn); // modified in place, never re-created
              assertThat(AlbReadback.targets(r.actions())).containsExactly(after.targetGroupArn());
            });
    // moto refuses to delete a target group a rule still forwards to (ResourceInUse), so one
    // successful delete proves the rule had moved first.
    assertThat(it.controller().awsCalls("DeleteTargetGroup")).isEqualTo(1);
    assertThat(it.failedAwsCalls("DeleteTargetGroup")).isZero();
    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(
            () -> {
              List<TargetGroupBinding> bindings =
                  it.kube.resources(TargetGroupBinding.class).inNamespace(it.ns).list().getItems();
              assertThat(bindings)
                  .singleElement()
                  .satisfies(
                      b -> {
                        assertThat(b.getMetadata().getName()).isEqualTo(after.targetGroupName());
                        assertThat(b.getSpec().targetGroupARN).isEqualTo(after.targetGroupArn());
                        assertThat(b.getSpec().targetType).isEqualTo(BindingTargetType.IP);
                      });
            });
  }

  @Test
  void aTargetControlPortIsSetAtCreationOpenedFromTheBackendGroupAndAChangeReplacesTheGroup() {
    it.simpleIngress("shop", "web", Map.of(TARGET_TYPE, "ip", CONTROL_PORT, "3000"));
    it.awaitHostname("shop");
    TargetGroup before = onlyTargetGroup();
    assertThat(before.targetControlPort()).isEqualTo(3000);
    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(() -> assertThat(bindingPorts()).contains(8080, 3000));

    it.annotate("shop", CONTROL_PORT, "3001");

    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(
            () -> {
              TargetGroup after = onlyTargetGroup();
              assertThat(after.targetGroupArn()).isNotEqualTo(before.targetGroupArn());
              assertThat(after.targetControlPort()).isEqualTo(3001);
              assertThat(after.targetGroupName()).isNotEqualTo(before.targetGroupName());
            });
    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(() -> assertThat(bindingPorts()).contains(8080, 3001).doesNotContain(3000));
    assertThat(it.controller().awsCalls("CreateTargetGroup")).isEqualTo(2);
    assertThat(it.controller().awsCalls("DeleteTargetGroup")).isEqualTo(1);
    assertThat(it.failedAwsCalls("DeleteTargetGroup")).isZero();
  }

  /** The ports the only TargetGroupBinding opens from the backend security group. */
  private List<Object> bindingPorts() {
    List<TargetGroupBinding> bindings =
        it.kube.resources(TargetGroupBinding.class).inNamespace(it.ns).list().getItems();
    assertThat(bindings).hasSize(1);
    return bindings.get(0).getSpec().networking.ingress.stream()
        .flatMap(rule -> rule.ports.stream())
        .map(port -> port.port == null ? null : port.port.getIntVal())
        .map(Object.class::cast)
        .toList();
  }

  private TargetGroup onlyTargetGroup() {
    List<TargetGroup> groups = it.alb.targetGroups();
    assertThat(groups).hasSize(1);
    return groups.get(0);
  }
}
