package io.lbc.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.k8s.gateway.LoadBalancerConfiguration;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.wafv2.model.WebACL;

/**
 * The add-ons of a LoadBalancerConfiguration on an ALB Gateway (gateway-spec §4.1) against moto and
 * the real apiserver: a web ACL named by {@code wafV2.webACL} is associated with the Gateway's ALB
 * and recorded in the Gateway's {@code gateway.k8s.aws.addon.wafv2} annotation; removing {@code
 * wafV2} from the configuration disassociates it and the annotation turns {@code false}.
 */
@RigTest
class GatewayAddOnsIT {
  private static final String WAFV2 = "gateway.k8s.aws.addon.wafv2";

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
      world.create(
          """
          apiVersion: gateway.networking.k8s.io/v1
          kind: Gateway
          metadata: {namespace: '%1$s', name: gw}
          spec:
            gatewayClassName: '%2$s'
            infrastructure:
              parametersRef: {group: gateway.k8s.aws, kind: LoadBalancerConfiguration, name: lbc}
            listeners:
              - {name: http, port: 80, protocol: HTTP}
          """,
          Gateway.class);
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
