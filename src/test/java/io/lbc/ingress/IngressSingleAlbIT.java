package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.ingress.AlbReadback.RuleView;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.TargetGroupBindingSpec;
import io.lbc.model.Names;
import io.lbc.rig.AwsTestClients;
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
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * One Ingress with two hosts becomes one ALB, end to end: the controller in-process against the
 * real apiserver and moto, the result read back from moto.
 */
@RigTest
class IngressSingleAlbIT {
  private static final Logger log = LoggerFactory.getLogger(IngressSingleAlbIT.class);

  private IngressRig it;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    it = IngressRig.start(rig, kube, aws, namespace);
  }

  @AfterEach
  void stop() {
    it.close();
  }

  private static final String SHOP =
      """
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        namespace: '%1$s'
        name: shop
        annotations:
          alb.ingress.kubernetes.io/scheme: internet-facing
          alb.ingress.kubernetes.io/tags: team=shop
          alb.ingress.kubernetes.io/healthcheck-path: /ping
          alb.ingress.kubernetes.io/healthcheck-interval-seconds: '20'
          alb.ingress.kubernetes.io/healthcheck-timeout-seconds: '7'
          alb.ingress.kubernetes.io/healthy-threshold-count: '3'
          alb.ingress.kubernetes.io/unhealthy-threshold-count: '4'
          alb.ingress.kubernetes.io/success-codes: 200-299
      spec:
        ingressClassName: alb
        rules:
          - host: shop.example.com
            http:
              paths:
                - {path: /assets/*, pathType: ImplementationSpecific,
                   backend: {service: {name: web, port: {name: http}}}}
                - {path: /api, pathType: Prefix,
                   backend: {service: {name: api, port: {name: http}}}}
                - {path: /healthz, pathType: Exact,
                   backend: {service: {name: api, port: {name: http}}}}
          - host: admin.example.com
            http:
              paths:
                - {path: /, pathType: Prefix,
                   backend: {service: {name: web, port: {name: http}}}}
                - {path: /admin/api, pathType: Prefix,
                   backend: {service: {name: api, port: {name: http}}}}
                - {path: /status, pathType: Exact,
                   backend: {service: {name: web, port: {name: http}}}}
      """;

  @Test
  void oneIngressWithTwoHostsBecomesOneAlbWithOrderedRulesNamedAndTaggedAsTheReference() {
    Service web = it.nodePortService("web", Map.of());
    Service api =
        it.nodePortService(
            "api", Map.of("alb.ingress.kubernetes.io/healthcheck-path", "/api/health"));
    long started = System.nanoTime();
    it.ingress(SHOP);

    String hostname = it.awaitHostname("shop");
    log.info(
        "measured Ingress created → status hostname: {} ms",
        (System.nanoTime() - started) / 1_000_000);
    it.awaitSettled();
    log.info(
        "measured first reconcile: {} AWS calls, {} writes",
        it.controller().awsCallsTotal(),
        it.controller().awsWrites());

    String stack = it.ns + "/shop";
    LoadBalancer lb = it.alb.onlyLoadBalancer();
    assertThat(lb.loadBalancerName())
        .isEqualTo(
            Names.namespacedName(
                it.ns, "shop", Names.hash(IngressRig.CLUSTER, stack, "internet-facing")));
    assertThat(lb.schemeAsString()).isEqualTo("internet-facing");
    assertThat(lb.typeAsString()).isEqualTo("application");
    assertThat(lb.availabilityZones())
        .extracting(z -> z.subnetId())
        .containsExactlyInAnyOrderElementsOf(it.vpc.publicSubnetIds());
    assertThat(hostname).isEqualTo(lb.dnsName().toLowerCase(Locale.ROOT));
    assertThat(it.get("shop").orElseThrow().getStatus().getLoadBalancer().getIngress())
        .singleElement()
        .satisfies(s -> assertThat(s.getPorts()).extracting(p -> p.getPort()).containsExactly(80));
    assertThat(it.alb.tags(lb.loadBalancerArn()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "elbv2.k8s.aws/cluster",
                IngressRig.CLUSTER,
                "ingress.k8s.aws/stack",
                stack,
                "ingress.k8s.aws/resource",
                "LoadBalancer",
                "team",
                "shop"));

    var managedSg =
        it.alb.securityGroups().stream()
            .filter(g -> AlbReadback.tagsOf(g).containsKey("ingress.k8s.aws/stack"))
            .toList();
    assertThat(managedSg)
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.groupName())
                  .isEqualTo(
                      Names.namespacedName(it.ns, "shop", Names.hash(IngressRig.CLUSTER, stack)));
              assertThat(AlbReadback.tagsOf(g))
                  .containsEntry("ingress.k8s.aws/resource", "ManagedLBSecurityGroup");
              assertThat(lb.securityGroups()).contains(g.groupId());
            });
    assertThat(lb.securityGroups()).hasSize(2); // managed + the shared backend group

    String webTg = targetGroupName(stack, web);
    String apiTg = targetGroupName(stack, api);
    Map<String, TargetGroup> groups = new java.util.HashMap<>();
    it.alb.targetGroups().forEach(tg -> groups.put(tg.targetGroupName(), tg));
    assertThat(groups).containsOnlyKeys(webTg, apiTg);
    assertHealthCheck(groups.get(webTg), "/ping");
    assertHealthCheck(groups.get(apiTg), "/api/health"); // the Service's annotation wins
    assertThat(groups.get(webTg).port()).isEqualTo(web.getSpec().getPorts().get(0).getNodePort());
    assertThat(groups.get(webTg).targetTypeAsString()).isEqualTo("instance");
    assertThat(it.alb.tags(groups.get(webTg).targetGroupArn()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "elbv2.k8s.aws/cluster",
                IngressRig.CLUSTER,
                "ingress.k8s.aws/stack",
                stack,
                "ingress.k8s.aws/resource",
                stack + "-web:http",
                "team",
                "shop"));

    List<Listener> listeners = it.alb.listeners(lb.loadBalancerArn());
    assertThat(listeners)
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.port()).isEqualTo(80);
              assertThat(l.protocolAsString()).isEqualTo("HTTP");
              assertThat(l.defaultActions())
                  .singleElement()
                  .satisfies(
                      a -> {
                        assertThat(a.typeAsString()).isEqualTo("fixed-response");
                        assertThat(a.fixedResponseConfig().statusCode()).isEqualTo("404");
                      });
            });
    assertThat(it.alb.tags(listeners.get(0).listenerArn()))
        .containsEntry("ingress.k8s.aws/resource", "80");

    String webArn = groups.get(webTg).targetGroupArn();
    String apiArn = groups.get(apiTg).targetGroupArn();
    assertThat(it.alb.ruleViews(listeners.get(0).listenerArn()))
        .containsExactly(
            new RuleView(1, List.of("shop.example.com"), List.of("/healthz"), List.of(apiArn)),
            new RuleView(
                2, List.of("shop.example.com"), List.of("/api", "/api/*"), List.of(apiArn)),
            new RuleView(3, List.of("shop.example.com"), List.of("/assets/*"), List.of(webArn)),
            new RuleView(4, List.of("admin.example.com"), List.of("/status"), List.of(webArn)),
            new RuleView(
                5,
                List.of("admin.example.com"),
                List.of("/admin/api", "/admin/api/*"),
                List.of(apiArn)),
            new RuleView(6, List.of("admin.example.com"), List.of("/*"), List.of(webArn)));

    assertBinding(webTg, webArn, "web");
    assertBinding(apiTg, apiArn, "api");
  }

  /** The reference's hash inputs (compat-spec §5.1): the port as written in the Ingress. */
  private String targetGroupName(String stack, Service service) {
    int nodePort = service.getSpec().getPorts().get(0).getNodePort();
    return Names.namespacedName(
        it.ns,
        service.getMetadata().getName(),
        Names.hash(
            IngressRig.CLUSTER,
            stack,
            it.ns,
            "shop",
            service.getMetadata().getUid(),
            "http",
            String.valueOf(nodePort),
            "instance",
            "HTTP",
            "HTTP1"));
  }

  private static void assertHealthCheck(TargetGroup group, String path) {
    assertThat(group.healthCheckPath()).isEqualTo(path);
    assertThat(group.healthCheckIntervalSeconds()).isEqualTo(20);
    assertThat(group.healthCheckTimeoutSeconds()).isEqualTo(7);
    assertThat(group.healthyThresholdCount()).isEqualTo(3);
    assertThat(group.unhealthyThresholdCount()).isEqualTo(4);
    assertThat(group.matcher().httpCode()).isEqualTo("200-299");
    assertThat(group.healthCheckPort()).isEqualTo("traffic-port");
    assertThat(group.healthCheckProtocolAsString()).isEqualTo("HTTP");
  }

  private void assertBinding(String name, String targetGroupArn, String service) {
    TargetGroupBinding binding =
        await()
            .atMost(IngressRig.CONVERGED)
            .until(
                () ->
                    it.kube
                        .resources(TargetGroupBinding.class)
                        .inNamespace(it.ns)
                        .withName(name)
                        .get(),
                b -> b != null);
    assertThat(binding.getMetadata().getLabels())
        .containsEntry("ingress.k8s.aws/stack-namespace", it.ns)
        .containsEntry("ingress.k8s.aws/stack-name", "shop");
    assertThat(binding.getSpec().targetGroupARN).isEqualTo(targetGroupArn);
    assertThat(binding.getSpec().serviceRef.name).isEqualTo(service);
    assertThat(binding.getSpec().serviceRef.port.getStrVal()).isEqualTo("http");
    assertThat(binding.getSpec().targetType)
        .isEqualTo(TargetGroupBindingSpec.BindingTargetType.INSTANCE);
  }
}
