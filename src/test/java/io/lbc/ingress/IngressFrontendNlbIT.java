package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.LoadBalancerDeletions;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * Issue 13 item 1 against moto and the real apiserver: an Ingress with {@code enable-frontend-nlb}
 * gets an NLB whose TCP listeners forward to {@code alb} target groups that hold the ALB (ARN and
 * listener port), with the health checks, attributes and tags asked for; the Ingress status has
 * both hostnames; a no-op reconcile writes nothing; turning the feature off removes the NLB and its
 * target groups and keeps the ALB; deleting the Ingress removes everything, the NLB first.
 */
@RigTest
class IngressFrontendNlbIT {
  private static final Logger log = LoggerFactory.getLogger(IngressFrontendNlbIT.class);
  private static final String ALB = "alb.ingress.kubernetes.io/";

  private IngressRig it;
  private Rig rig;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    this.rig = rig;
    it = IngressRig.start(rig, kube, aws, namespace);
    it.nodePortService("web", Map.of());
  }

  @AfterEach
  void stop() {
    it.close();
  }

  @Test
  void theNlbFrontsTheAlbUntilTurnedOffAndDeletionRemovesTheNlbFirst() {
    it.simpleIngress(
        "shop",
        "web",
        Map.of(
            ALB + "listen-ports", "[{\"HTTP\": 80}, {\"HTTP\": 8080}]",
            ALB + "enable-frontend-nlb", "true",
            ALB + "frontend-nlb-listener-port-mapping", "80=80, 9000=8080",
            ALB + "frontend-nlb-healthcheck-path", "/healthz",
            ALB + "frontend-nlb-healthcheck-interval-seconds", "10",
            ALB + "frontend-nlb-attributes", "load_balancing.cross_zone.enabled=true",
            ALB + "frontend-nlb-tags", "team=edge"));

    await().atMost(IngressRig.CONVERGED).until(() -> hostnames("shop").size() == 2);
    it.awaitSettled();

    LoadBalancer alb = only("application");
    LoadBalancer nlb = only("network");
    assertThat(nlb.loadBalancerName()).isEqualTo(alb.loadBalancerName() + "-nlb");
    assertThat(nlb.schemeAsString()).isEqualTo("internal");
    assertThat(hostnames("shop"))
        .containsExactly(
            alb.dnsName().toLowerCase(Locale.ROOT), nlb.dnsName().toLowerCase(Locale.ROOT));
    assertThat(it.get("shop").orElseThrow().getStatus().getLoadBalancer().getIngress())
        .as("the ALB's ports on its entry, none on the NLB's")
        .extracting(e -> e.getPorts().stream().map(p -> p.getPort()).toList())
        .containsExactly(List.of(80, 8080), List.of());
    assertThat(it.alb.tags(nlb.loadBalancerArn()))
        .containsEntry("team", "edge")
        .containsEntry("elbv2.k8s.aws/cluster", IngressRig.CLUSTER)
        .containsEntry("ingress.k8s.aws/resource", "FrontendNlb");
    assertThat(attributes(nlb.loadBalancerArn()))
        .containsEntry("load_balancing.cross_zone.enabled", "true");

    List<Listener> listeners = it.alb.listeners(nlb.loadBalancerArn());
    assertThat(listeners)
        .extracting(Listener::port, Listener::protocolAsString)
        .containsExactlyInAnyOrder(tuple(80, "TCP"), tuple(9000, "TCP"));
    for (Listener listener : listeners) {
      List<String> forwardedTo = AlbReadback.targets(listener.defaultActions());
      assertThat(forwardedTo).hasSize(1);
      String groupArn = forwardedTo.get(0);
      TargetGroup group = it.alb.targetGroup(groupArn);
      int albPort = listener.port() == 80 ? 80 : 8080;
      assertThat(group.targetTypeAsString()).isEqualTo("alb");
      assertThat(group.port()).isEqualTo(listener.port());
      assertThat(group.healthCheckPath()).isEqualTo("/healthz");
      assertThat(group.healthCheckIntervalSeconds()).isEqualTo(10);
      assertThat(group.healthCheckProtocolAsString()).isEqualTo("HTTP");
      assertThat(group.healthCheckTimeoutSeconds()).isEqualTo(5);
      assertThat(group.healthyThresholdCount()).isEqualTo(2);
      assertThat(group.unhealthyThresholdCount()).isEqualTo(2);
      assertThat(group.matcher().httpCode()).isEqualTo("200");
      assertThat(it.alb.tags(groupArn)).containsEntry("team", "edge");
      assertThat(targets(groupArn))
          .as("the ALB on its listener port")
          .extracting(TargetDescription::id, TargetDescription::port)
          .containsExactly(tuple(alb.loadBalancerArn(), albPort));
    }

    // a no-op reconcile writes nothing
    long writes = it.controller().awsWrites();
    long calls = it.controller().awsCallsTotal();
    var before = it.controller().awsCallsByOperation();
    it.annotate("shop", "example.com/owner", "team-a");
    it.awaitReconcileAfter(calls);
    log.info(
        "measured no-op reconcile with a frontend NLB: {} AWS calls, {} writes: {}",
        it.controller().awsCallsTotal() - calls,
        it.controller().awsWrites() - writes,
        it.callsSince(before));
    assertThat(it.controller().awsWrites())
        .as("writes in the no-op reconcile: %s", it.callsSince(before))
        .isEqualTo(writes);

    // turned off: the NLB and its target groups go, the ALB stays
    it.annotate("shop", ALB + "enable-frontend-nlb", "false");
    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(
            () -> {
              assertThat(it.alb.loadBalancers())
                  .extracting(LoadBalancer::loadBalancerArn)
                  .containsExactly(alb.loadBalancerArn());
              assertThat(it.alb.targetGroups())
                  .extracting(TargetGroup::targetTypeAsString)
                  .doesNotContain("alb")
                  .isNotEmpty();
              assertThat(hostnames("shop")).containsExactly(alb.dnsName().toLowerCase(Locale.ROOT));
            });
    it.awaitSettled();

    // on again, then the Ingress deleted: everything goes, the NLB before the ALB
    it.annotate("shop", ALB + "enable-frontend-nlb", "true");
    await().atMost(IngressRig.CONVERGED).until(() -> hostnames("shop").size() == 2);
    String secondNlb = only("network").loadBalancerArn();
    await()
        .atMost(IngressRig.CONVERGED)
        .until(
            () ->
                it.alb.targetGroups().stream()
                    .filter(g -> g.targetTypeAsString().equals("alb"))
                    .allMatch(g -> targets(g.targetGroupArn()).size() == 1));
    it.delete("shop");
    it.awaitGone("shop");
    it.awaitNothingLeftInAws();
    List<LoadBalancerDeletions.Deletion> deletions =
        LoadBalancerDeletions.read(rig.motoUrl()).stream()
            .filter(d -> d.arn().equals(secondNlb) || d.arn().equals(alb.loadBalancerArn()))
            .toList();
    assertThat(deletions)
        .extracting(LoadBalancerDeletions.Deletion::arn)
        .containsExactly(secondNlb, alb.loadBalancerArn());
  }

  private LoadBalancer only(String type) {
    List<LoadBalancer> found =
        it.alb.loadBalancers().stream().filter(lb -> lb.typeAsString().equals(type)).toList();
    assertThat(found).as("load balancers of type %s", type).hasSize(1);
    return found.get(0);
  }

  private List<String> hostnames(String ingress) {
    return it.get(ingress)
        .map(i -> i.getStatus())
        .map(s -> s.getLoadBalancer())
        .map(lb -> lb.getIngress())
        .map(l -> l.stream().map(IngressLoadBalancerIngress::getHostname).toList())
        .orElse(List.of());
  }

  private Map<String, String> attributes(String loadBalancerArn) {
    var result = new java.util.HashMap<String, String>();
    it.aws
        .elbv2()
        .describeLoadBalancerAttributes(r -> r.loadBalancerArn(loadBalancerArn))
        .attributes()
        .forEach(a -> result.put(a.key(), a.value()));
    return result;
  }

  private List<TargetDescription> targets(String groupArn) {
    return it
        .aws
        .elbv2()
        .describeTargetHealth(r -> r.targetGroupArn(groupArn))
        .targetHealthDescriptions()
        .stream()
        .map(TargetHealthDescription::target)
        .toList();
  }
}
