package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * Two Ingresses, two ALBs, one shared backend security group: deleting one Ingress removes its ALB
 * and leaves the other's, the shared group included, untouched; deleting the last removes it too.
 */
@RigTest
class IngressLifecycleIT {
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
  void theSharedBackendGroupOutlivesAllButTheLastLoadBalancer() {
    it.simpleIngress("first", "web", Map.of());
    it.simpleIngress("second", "web", Map.of());
    String first = it.awaitHostname("first");
    String second = it.awaitHostname("second");
    assertThat(first).isNotEqualTo(second);
    assertThat(it.alb.loadBalancers()).hasSize(2);
    List<SecurityGroup> backend = backendGroups();
    assertThat(backend).hasSize(1);
    assertThat(it.alb.loadBalancers())
        .allSatisfy(lb -> assertThat(lb.securityGroups()).contains(backend.get(0).groupId()));

    it.delete("first");
    it.awaitGone("first");

    assertThat(it.alb.loadBalancers())
        .singleElement()
        .satisfies(lb -> assertThat(lb.dnsName().toLowerCase()).isEqualTo(second));
    assertThat(backendGroups()).isEqualTo(backend);
    assertThat(it.alb.targetGroups()).hasSize(1);
    assertThat(it.alb.securityGroups()).hasSize(2); // the second's managed group + the shared one

    it.delete("second");
    it.awaitGone("second");
    it.awaitNothingLeftInAws();
  }

  @Test
  void aSchemeChangeReplacesTheLoadBalancerAndKeepsTheTargetGroups() {
    it.simpleIngress("shop", "web", Map.of("alb.ingress.kubernetes.io/scheme", "internal"));
    String internal = it.awaitHostname("shop");
    var before = it.alb.onlyLoadBalancer();
    assertThat(before.availabilityZones())
        .extracting(z -> z.subnetId())
        .containsExactlyInAnyOrderElementsOf(it.vpc.privateSubnetIds());
    String targetGroup = it.alb.targetGroups().get(0).targetGroupArn();

    it.annotate("shop", "alb.ingress.kubernetes.io/scheme", "internet-facing");

    await()
        .atMost(IngressRig.CONVERGED)
        .until(
            () ->
                it.get("shop")
                    .flatMap(IngressRig::hostname)
                    .filter(h -> !h.equals(internal))
                    .isPresent());
    var after = it.alb.onlyLoadBalancer();
    assertThat(after.loadBalancerArn()).isNotEqualTo(before.loadBalancerArn());
    assertThat(after.schemeAsString()).isEqualTo("internet-facing");
    assertThat(after.availabilityZones())
        .extracting(z -> z.subnetId())
        .containsExactlyInAnyOrderElementsOf(it.vpc.publicSubnetIds());
    assertThat(it.get("shop").flatMap(IngressRig::hostname))
        .contains(after.dnsName().toLowerCase(java.util.Locale.ROOT));
    assertThat(it.alb.targetGroups())
        .singleElement()
        .satisfies(tg -> assertThat(tg.targetGroupArn()).isEqualTo(targetGroup));
    String listener = it.alb.listener(after.loadBalancerArn(), 80).listenerArn();
    assertThat(it.alb.ruleViews(listener))
        .singleElement()
        .satisfies(r -> assertThat(r.targets()).containsExactly(targetGroup));
  }

  private List<SecurityGroup> backendGroups() {
    return it.alb.securityGroups().stream()
        .filter(g -> "backend-sg".equals(AlbReadback.tagsOf(g).get("elbv2.k8s.aws/resource")))
        .toList();
  }
}
