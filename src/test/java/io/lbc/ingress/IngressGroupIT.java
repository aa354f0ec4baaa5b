package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.ingress.AlbReadback.RuleView;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.model.Names;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * An explicit IngressGroup of three members: one ALB with the members' rules merged in {@code
 * group.order}, members leaving one by one, and nothing left in AWS once the last one is gone.
 */
@RigTest
class IngressGroupIT {
  private IngressRig it;

  /** Unique per test: TargetGroupBindings of an explicit group are found cluster-wide by label. */
  private final String group =
      "shared-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    it = IngressRig.start(rig, kube, aws, namespace);
  }

  @AfterEach
  void stop() {
    it.close();
  }

  private void member(String name, int order, String host) {
    it.nodePortService(name, Map.of());
    it.ingress(
        """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          namespace: '%1$s'
          name: NAME
          annotations:
            alb.ingress.kubernetes.io/group.name: GROUP
            alb.ingress.kubernetes.io/group.order: 'ORDER'
        spec:
          ingressClassName: alb
          rules:
            - host: HOST
              http:
                paths:
                  - {path: /, pathType: Prefix, backend: {service: {name: NAME, port: {name: http}}}}
        """
            .replace("NAME", name)
            .replace("GROUP", group)
            .replace("ORDER", String.valueOf(order))
            .replace("HOST", host));
  }

  @Test
  void membersShareOneAlbInGroupOrderAndLeaveNothingBehind() {
    member("alpha", 10, "alpha.example.com");
    member("bravo", -5, "bravo.example.com");
    member("charlie", 3, "charlie.example.com");

    String hostname = it.awaitHostname("alpha");
    it.awaitHostnames("alpha", "bravo", "charlie");
    LoadBalancer lb = it.alb.onlyLoadBalancer();
    assertThat(lb.loadBalancerName())
        .isEqualTo(Names.groupName(group, Names.hash(IngressRig.CLUSTER, group, "internal")));
    assertThat(lb.availabilityZones())
        .extracting(z -> z.subnetId())
        .containsExactlyInAnyOrderElementsOf(it.vpc.privateSubnetIds());
    assertThat(hostname).isEqualTo(lb.dnsName().toLowerCase(Locale.ROOT));
    for (String member : List.of("bravo", "charlie")) {
      assertThat(it.get(member).flatMap(IngressRig::hostname)).contains(hostname);
      assertThat(it.get(member).orElseThrow().getMetadata().getFinalizers())
          .containsExactly("group.ingress.k8s.aws/" + group);
    }
    assertThat(it.alb.tags(lb.loadBalancerArn())).containsEntry("ingress.k8s.aws/stack", group);

    String listener = it.alb.listener(lb.loadBalancerArn(), 80).listenerArn();
    Map<String, String> tgs = targetGroupsByResourceId();
    assertThat(tgs.keySet())
        .containsExactlyInAnyOrder(
            it.ns + "/alpha-alpha:http",
            it.ns + "/bravo-bravo:http",
            it.ns + "/charlie-charlie:http");
    it.awaitSettled();
    assertThat(it.alb.ruleViews(listener))
        .containsExactly(
            rule(1, "bravo", tgs.get(it.ns + "/bravo-bravo:http")),
            rule(2, "charlie", tgs.get(it.ns + "/charlie-charlie:http")),
            rule(3, "alpha", tgs.get(it.ns + "/alpha-alpha:http")));

    it.delete("charlie");
    it.awaitGone("charlie");
    assertThat(it.alb.ruleViews(listener))
        .containsExactly(
            rule(1, "bravo", tgs.get(it.ns + "/bravo-bravo:http")),
            rule(2, "alpha", tgs.get(it.ns + "/alpha-alpha:http")));
    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(targetGroupsByResourceId().keySet())
                    .containsExactlyInAnyOrder(
                        it.ns + "/alpha-alpha:http", it.ns + "/bravo-bravo:http"));
    assertThat(it.alb.onlyLoadBalancer().loadBalancerArn()).isEqualTo(lb.loadBalancerArn());
    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(
            () -> assertThat(bindingServices()).containsExactlyInAnyOrder("alpha", "bravo"));

    it.delete("alpha");
    it.delete("bravo");
    it.awaitGone("alpha");
    it.awaitGone("bravo");
    it.awaitNothingLeftInAws();
    assertThat(it.kube.network().v1().ingresses().inNamespace(it.ns).list().getItems()).isEmpty();
    await().atMost(IngressRig.CONVERGED).until(() -> bindingServices().isEmpty());
  }

  @Test
  void reorderingMembersMovesTheirRulesWithoutRecreatingThem() {
    member("alpha", 1, "alpha.example.com");
    member("bravo", 2, "bravo.example.com");
    it.awaitHostnames("alpha", "bravo");
    it.awaitSettled();
    String listener = it.alb.onlyListener(80).listenerArn();
    var before = it.alb.rules(listener);
    assertThat(before)
        .extracting(r -> AlbReadback.view(r).hosts().get(0))
        .containsExactly("alpha.example.com", "bravo.example.com");
    long creates = it.controller().awsCalls("CreateRule");

    it.annotate("alpha", "alb.ingress.kubernetes.io/group.order", "3");

    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(it.alb.rules(listener))
                    .extracting(r -> AlbReadback.view(r).hosts().get(0))
                    .containsExactly("bravo.example.com", "alpha.example.com"));
    assertThat(it.alb.rules(listener))
        .extracting(r -> r.ruleArn())
        .containsExactly(before.get(1).ruleArn(), before.get(0).ruleArn());
    assertThat(it.controller().awsCalls("CreateRule")).isEqualTo(creates);
    assertThat(it.controller().awsCalls("DeleteRule")).isZero();
    assertThat(it.controller().awsCalls("ModifyRule")).isZero();
  }

  @Test
  void aMemberMovingToAnotherGroupMovesItsRulesToThatGroupsAlb() {
    member("alpha", 0, "alpha.example.com");
    member("bravo", 0, "bravo.example.com");
    it.awaitHostnames("alpha", "bravo");
    String shared = it.get("alpha").flatMap(IngressRig::hostname).orElseThrow();
    String other = group + "-other";

    it.annotate("bravo", "alb.ingress.kubernetes.io/group.name", other);

    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(
            () -> {
              assertThat(it.alb.loadBalancers()).hasSize(2);
              assertThat(it.get("bravo").flatMap(IngressRig::hostname))
                  .isPresent()
                  .isNotEqualTo(java.util.Optional.of(shared));
              assertThat(it.get("bravo").orElseThrow().getMetadata().getFinalizers())
                  .containsExactly("group.ingress.k8s.aws/" + other);
            });
    it.awaitSettled();
    for (var lb : it.alb.loadBalancers()) {
      String listener = it.alb.listener(lb.loadBalancerArn(), 80).listenerArn();
      String expected =
          lb.dnsName().toLowerCase(Locale.ROOT).equals(shared)
              ? "alpha.example.com"
              : "bravo.example.com";
      assertThat(it.alb.ruleViews(listener))
          .singleElement()
          .satisfies(r -> assertThat(r.hosts()).containsExactly(expected));
    }
    assertThat(it.failedAwsCalls("DeleteTargetGroup")).isZero();
  }

  private RuleView rule(int priority, String member, String targetGroupArn) {
    return new RuleView(
        priority, List.of(member + ".example.com"), List.of("/*"), List.of(targetGroupArn));
  }

  /** Services of the TargetGroupBindings left in the namespace (being deleted or not). */
  private List<String> bindingServices() {
    return it.kube.resources(TargetGroupBinding.class).inNamespace(it.ns).list().getItems().stream()
        .filter(b -> b.getMetadata().getDeletionTimestamp() == null)
        .map(b -> b.getSpec().serviceRef.name)
        .toList();
  }

  private Map<String, String> targetGroupsByResourceId() {
    var result = new java.util.HashMap<String, String>();
    for (TargetGroup tg : it.alb.targetGroups()) {
      result.put(
          it.alb.tags(tg.targetGroupArn()).get("ingress.k8s.aws/resource"), tg.targetGroupArn());
    }
    return result;
  }
}
