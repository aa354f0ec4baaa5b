package io.lbc.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.k8s.gateway.LoadBalancerConfiguration;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.wafv2.model.WebACL;

/**
 * The add-ons of a LoadBalancerConfiguration on an ALB Gateway (gateway-spec §4.1) against moto and
 * the real apiserver: a web ACL named by {@code wafV2.webACL} is associated with the Gateway's ALB
 * and recorded in the Gateway's {@code gateway.k8s.aws.addon.wafv2} annotation; removing {@code
 * wafV2} from the configuration disassociates it and the annotation turns {@code false}. Deleting a
 * Gateway (gateway-spec §5): {@code deletion_protection.enabled=true} holds it (ALB, add-ons and
 * finalizer kept, Warning event); once off, the Shield protection and web ACL association are
 * removed before the ALB (the capacity reservation goes with it: no decrease is spent), and nothing
 * of the stack is left.
 */
@RigTest
class GatewayAddOnsIT {
  private static final String WAFV2 = "gateway.k8s.aws.addon.wafv2";
  private static final String SHIELD = "gateway.k8s.aws.addon.shield";
  private static final String PC = "gateway.k8s.aws.addon.provisionedcapacity";

  @Test
  void aWebAclIsAssociatedAndThenDisassociated(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    try (var world = new GatewayRig(rig, kube, aws, namespace).start()) {
      String ns = world.ns;
      String webAcl = AwsFixtures.wafv2WebAcl(aws.wafv2(), "gw-acl-" + ns);
      world.app("web", 1);
      world.gatewayClass("");
      world.create(
          """
          apiVersion: gateway.k8s.aws/v1
          kind: LoadBalancerConfiguration
          metadata: {namespace: '%1$s', name: lbc}
          spec:
            scheme: internet-facing
            wafV2: {webACL: 'WEB_ACL'}
          """
              .replace("WEB_ACL", webAcl),
          LoadBalancerConfiguration.class);
      world.createGateway(
          "gw",
          "infrastructure:\n"
              + "  parametersRef: {group: gateway.k8s.aws, kind: LoadBalancerConfiguration, name: lbc}\n",
          "{name: http, port: 80, protocol: HTTP}");
      world.create(
          """
          apiVersion: gateway.networking.k8s.io/v1
          kind: HTTPRoute
          metadata: {namespace: '%1$s', name: web}
          spec:
            parentRefs: [{name: gw}]
            rules: [{backendRefs: [{name: web, port: 80}]}]
          """,
          HTTPRoute.class);
      await().atMost(GatewayRig.CONVERGED).until(() -> world.programmed("gw"));
      String alb = world.loadBalancers("gw").get(0).loadBalancerArn();
      await()
          .atMost(GatewayRig.CONVERGED)
          .until(() -> webAclOf(aws, alb), Optional.of(webAcl)::equals);
      await()
          .atMost(GatewayRig.CONVERGED)
          .until(() -> annotation(world, WAFV2), Optional.of("true")::equals);

      // wafV2 removed from the configuration: the annotation says it was active, so it is removed
      kube.resources(LoadBalancerConfiguration.class)
          .inNamespace(ns)
          .withName("lbc")
          .edit(
              c -> {
                c.getSpec().wafV2 = null;
                return c;
              });
      await().atMost(GatewayRig.CONVERGED).until(() -> webAclOf(aws, alb).isEmpty());
      await()
          .atMost(GatewayRig.CONVERGED)
          .until(() -> annotation(world, WAFV2), Optional.of("false")::equals);
      assertThat(world.loadBalancers("gw"))
          .extracting(l -> l.loadBalancerArn())
          .as("the same ALB, changed in place")
          .containsExactly(alb);

      kube.resources(Gateway.class).inNamespace(ns).withName("gw").delete();
      await().atMost(GatewayRig.CONVERGED).until(() -> world.gateway("gw") == null);
      assertThat(world.loadBalancers("gw")).isEmpty();
    }
  }

  @Test
  void deletionProtectionHoldsTheGatewayThenTheAddOnsGoBeforeTheAlb(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    aws.shield().createSubscription(r -> {});
    try (var world = new GatewayRig(rig, kube, aws, namespace).start()) {
      String ns = world.ns;
      String webAcl = AwsFixtures.wafv2WebAcl(aws.wafv2(), "gw-del-acl-" + ns);
      world.app("web", 1);
      world.gatewayClass("");
      world.create(
          """
          apiVersion: gateway.k8s.aws/v1
          kind: LoadBalancerConfiguration
          metadata: {namespace: '%1$s', name: lbc}
          spec:
            scheme: internet-facing
            wafV2: {webACL: 'WEB_ACL'}
            shieldConfiguration: {enabled: true}
            minimumLoadBalancerCapacity: {capacityUnits: 200}
            loadBalancerAttributes:
              - {key: deletion_protection.enabled, value: 'true'}
          """
              .replace("WEB_ACL", webAcl),
          LoadBalancerConfiguration.class);
      world.createGateway(
          "gw",
          "infrastructure:\n"
              + "  parametersRef: {group: gateway.k8s.aws, kind: LoadBalancerConfiguration, name: lbc}\n",
          "{name: http, port: 80, protocol: HTTP}");
      world.create(
          """
          apiVersion: gateway.networking.k8s.io/v1
          kind: HTTPRoute
          metadata: {namespace: '%1$s', name: web}
          spec:
            parentRefs: [{name: gw}]
            rules: [{backendRefs: [{name: web, port: 80}]}]
          """,
          HTTPRoute.class);
      await().atMost(GatewayRig.CONVERGED).until(() -> world.programmed("gw"));
      String alb = world.loadBalancers("gw").get(0).loadBalancerArn();
      await()
          .atMost(GatewayRig.CONVERGED)
          .until(
              () ->
                  webAclOf(aws, alb).equals(Optional.of(webAcl))
                      && protectionOf(aws, alb).isPresent()
                      && capacityOf(aws, alb).equals(Optional.of(200)));
      assertThat(protectionOf(aws, alb).orElseThrow().name())
          .isEqualTo("managed by aws-load-balancer-controller");
      assertThat(attribute(aws, alb, "deletion_protection.enabled")).isEqualTo("true");
      await()
          .atMost(GatewayRig.CONVERGED)
          .until(
              () ->
                  List.of(
                          annotation(world, WAFV2),
                          annotation(world, SHIELD),
                          annotation(world, PC))
                      .equals(
                          List.of(Optional.of("true"), Optional.of("true"), Optional.of("true"))));

      // deletion protection: the Gateway is deleted, but nothing goes and the finalizer stays
      kube.resources(Gateway.class).inNamespace(ns).withName("gw").delete();
      String refusal =
          "Unable to delete gateway " + ns + "/gw because deletion protection is enabled.";
      await().atMost(GatewayRig.CONVERGED).until(() -> warnings(kube, ns, "gw").contains(refusal));
      Gateway held = world.gateway("gw");
      assertThat(held).isNotNull();
      assertThat(held.getMetadata().getDeletionTimestamp()).isNotNull();
      assertThat(held.getMetadata().getFinalizers()).contains("gateway.k8s.aws/alb");
      await()
          .atMost(GatewayRig.CONVERGED)
          .untilAsserted(
              () ->
                  assertThat(
                          world.condition(
                              world.gateway("gw").getStatus().getConditions(), "Accepted"))
                      .as("the held Gateway says why")
                      .hasValueSatisfying(
                          c -> {
                            assertThat(c.getStatus()).isEqualTo("False");
                            assertThat(c.getReason()).isEqualTo("Invalid");
                            assertThat(c.getMessage()).isEqualTo(refusal);
                          }));
      assertThat(world.loadBalancers("gw"))
          .extracting(l -> l.loadBalancerArn())
          .containsExactly(alb);
      assertThat(protectionOf(aws, alb)).as("no add-on is touched while held").isPresent();
      assertThat(webAclOf(aws, alb)).contains(webAcl);
      assertThat(capacityOf(aws, alb)).contains(200);
      long capacityCalls = calls(world, "ModifyCapacityReservation");

      // protection switched off: the add-ons go first, then the ALB and everything of the stack
      kube.resources(LoadBalancerConfiguration.class)
          .inNamespace(ns)
          .withName("lbc")
          .edit(
              c -> {
                c.getSpec().loadBalancerAttributes = null;
                return c;
              });
      await().atMost(GatewayRig.CONVERGED).until(() -> world.gateway("gw") == null);
      assertThat(world.loadBalancers("gw")).isEmpty();
      assertThat(aws.shield().listProtections(r -> {}).protections())
          .as("no Shield protection outlives the ALB")
          .isEmpty();
      assertThat(webAclOf(aws, alb))
          .as("the web ACL association (moto keeps it when the ALB is deleted)")
          .isEmpty();
      assertThat(calls(world, "ModifyCapacityReservation") - capacityCalls)
          .as("no capacity decrease (AWS allows a few a day) spent on an ALB being deleted")
          .isZero();
      await().atMost(GatewayRig.CONVERGED).until(() -> world.ourTargetGroups().isEmpty());
      assertThat(stackSecurityGroups(aws, ns + "/gw")).as("the managed security group").isEmpty();
      assertThat(
              kube.resources(io.lbc.k8s.TargetGroupBinding.class).inNamespace(ns).list().getItems())
          .isEmpty();
    }
  }

  private static Optional<software.amazon.awssdk.services.shield.model.Protection> protectionOf(
      AwsTestClients aws, String loadBalancerArn) {
    return aws.shield().listProtections(r -> {}).protections().stream()
        .filter(p -> loadBalancerArn.equals(p.resourceArn()))
        .findFirst();
  }

  private static Optional<Integer> capacityOf(AwsTestClients aws, String loadBalancerArn) {
    var reservation =
        aws.elbv2().describeCapacityReservation(r -> r.loadBalancerArn(loadBalancerArn));
    return Optional.ofNullable(reservation.minimumLoadBalancerCapacity())
        .map(c -> c.capacityUnits());
  }

  private static String attribute(AwsTestClients aws, String loadBalancerArn, String key) {
    return aws
        .elbv2()
        .describeLoadBalancerAttributes(r -> r.loadBalancerArn(loadBalancerArn))
        .attributes()
        .stream()
        .filter(a -> key.equals(a.key()))
        .map(a -> a.value())
        .findFirst()
        .orElse(null);
  }

  private static List<String> warnings(KubernetesClient kube, String ns, String name) {
    return kube.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .filter(e -> "Gateway".equals(e.getInvolvedObject().getKind()))
        .filter(e -> "Warning".equals(e.getType()))
        .map(Event::getMessage)
        .toList();
  }

  private static long calls(GatewayRig world, String operation) {
    return world.controller().awsCallsByOperation().getOrDefault(operation, 0L);
  }

  private static List<String> stackSecurityGroups(AwsTestClients aws, String stack) {
    return aws.ec2().describeSecurityGroups().securityGroups().stream()
        .filter(
            g ->
                g.tags().stream()
                    .anyMatch(
                        t ->
                            t.key().equals("gateway.k8s.aws.alb/stack") && t.value().equals(stack)))
        .map(g -> g.groupId())
        .toList();
  }

  private static Optional<String> webAclOf(AwsTestClients aws, String loadBalancerArn) {
    return Optional.ofNullable(
            aws.wafv2().getWebACLForResource(r -> r.resourceArn(loadBalancerArn)).webACL())
        .map(WebACL::arn);
  }

  private static Optional<String> annotation(GatewayRig world, String key) {
    Gateway gateway = world.gateway("gw");
    return Optional.ofNullable(gateway)
        .map(g -> g.getMetadata().getAnnotations())
        .map(a -> a.get(key));
  }
}
