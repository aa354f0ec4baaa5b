package io.lbc.gateway;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lbc.model.TrackingTags;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Crds;
import io.lbc.rig.GatewayApiCrds;
import io.lbc.rig.InProcessController;
import io.lbc.rig.KwokNodes;
import io.lbc.rig.Rig;
import io.lbc.rig.TestNamespace;
import io.lbc.rig.Workloads;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * One Gateway test's world: the Gateway API standard CRDs and our CRDs in the apiserver, the
 * cluster's VPC in moto, a kwok node for pods, a GatewayClass of this test (cluster-scoped, so
 * named after the namespace) and the controller running in-process. Objects are written as YAML
 * with {@code %1$s} standing for the namespace and {@code %2$s} for the class.
 */
final class GatewayRig implements AutoCloseable {
  static final Duration CONVERGED = Duration.ofSeconds(120);

  final Rig rig;
  final KubernetesClient kube;
  final AwsTestClients aws;
  final String ns;
  final String className;
  final AwsFixtures.TestVpc vpc;
  private final KwokNodes kwok;
  private boolean node;
  private InProcessController controller;

  GatewayRig(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    this.rig = rig;
    this.kube = kube;
    this.aws = aws;
    this.ns = namespace.name();
    this.className = "alb-" + ns;
    Crds.apply(kube);
    GatewayApiCrds.apply(rig, kube);
    vpc = AwsFixtures.clusterVpc(aws.ec2(), InProcessController.CLUSTER_NAME);
    kwok = new KwokNodes(kube, aws.ec2());
  }

  /** Starts the controller (IP targets by default, as the conformance setup of the reference). */
  GatewayRig start(String... flags) {
    return start(ns, flags);
  }

  /**
   * The controller watching every namespace: a backend in another namespace gets its
   * TargetGroupBinding there, which a controller watching only the test's namespace never sees.
   */
  GatewayRig startClusterWide(String... flags) {
    return start(null, flags);
  }

  private GatewayRig start(String watchNamespace, String... flags) {
    var all = new java.util.ArrayList<String>(List.of("--default-target-type=ip"));
    all.addAll(List.of(flags));
    controller =
        InProcessController.start(
            rig, aws, vpc.vpcId(), watchNamespace, all.toArray(String[]::new));
    return this;
  }

  InProcessController controller() {
    return controller;
  }

  /** Creates the object from YAML ({@code %1$s} namespace, {@code %2$s} class). */
  <T extends HasMetadata> T create(String yaml, Class<T> type) {
    return kube.resource(Serialization.unmarshal(yaml.formatted(ns, className), type)).create();
  }

  void gatewayClass(String parametersRef) {
    create(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata: {name: '%2$s'}
        spec:
          controllerName: gateway.k8s.aws/alb
        """
            + parametersRef,
        io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass.class);
  }

  /**
   * A ListenerRuleConfiguration whose {@code authenticate-oidc} action (issuer and endpoints under
   * {@code https://idp.example.com}) takes its client from the Secret {@code secret}.
   */
  void oidcRuleConfiguration(String name, String secret) {
    create(
        """
        apiVersion: gateway.k8s.aws/v1
        kind: ListenerRuleConfiguration
        metadata: {namespace: '%1$s', name: NAME}
        spec:
          actions:
            - type: authenticate-oidc
              authenticateOIDCConfig:
                issuer: https://idp.example.com
                authorizationEndpoint: https://idp.example.com/auth
                tokenEndpoint: https://idp.example.com/token
                userInfoEndpoint: https://idp.example.com/userinfo
                secret: {name: SECRET}
        """
            .replace("NAME", name)
            .replace("SECRET", secret),
        io.lbc.k8s.gateway.ListenerRuleConfiguration.class);
  }

  /** A Deployment of {@code replicas} pods on the kwok node and a Service: port 80 → 8080. */
  List<String> app(String name, int replicas) {
    if (!node) {
      String pods =
          AwsFixtures.clusterSecurityGroup(
              aws.ec2(), vpc.vpcId(), "pods", InProcessController.CLUSTER_NAME);
      kwok.add(ns + "-kwok", vpc.privateSubnetIds().get(0), pods);
      node = true;
    }
    kube.resource(Workloads.deployment(ns, name, replicas, 8080, 1)).create();
    kube.resource(service(ns, name)).create();
    try {
      // a freshly started rig on a loaded machine can take minutes to run its first Deployment
      await().atMost(Duration.ofMinutes(5)).until(() -> Workloads.rolledOut(kube, ns, name));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      kube.pods()
          .inNamespace(ns)
          .list()
          .getItems()
          .forEach(
              p ->
                  System.out.println(
                      "[pod] "
                          + p.getMetadata().getName()
                          + " node="
                          + p.getSpec().getNodeName()
                          + " "
                          + Serialization.asJson(p.getStatus())));
      kube.nodes()
          .list()
          .getItems()
          .forEach(
              n ->
                  System.out.println(
                      "[node] "
                          + n.getMetadata().getName()
                          + " "
                          + Serialization.asJson(n.getStatus().getConditions())));
      System.out.println(
          "[deployment] "
              + Serialization.asJson(
                  kube.apps().deployments().inNamespace(ns).withName(name).get().getStatus()));
      throw e;
    }
    return Workloads.livePods(kube, ns, name).stream()
        .map(p -> p.getStatus().getPodIP() + ":8080")
        .sorted()
        .toList();
  }

  static Service service(String namespace, String name) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withSelector(Map.of("app", name))
        .addNewPort()
        .withName("http")
        .withPort(80)
        .withTargetPort(new IntOrString(8080))
        .endPort()
        .endSpec()
        .build();
  }

  Gateway gateway(String name) {
    return kube.resources(Gateway.class).inNamespace(ns).withName(name).get();
  }

  Optional<Condition> condition(List<Condition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  boolean programmed(String gateway) {
    Gateway g = gateway(gateway);
    return g != null
        && g.getStatus() != null
        && condition(g.getStatus().getConditions(), "Programmed")
            .map(c -> "True".equals(c.getStatus()))
            .orElse(false);
  }

  /** The route's status entry for the Gateway. */
  <T extends HasMetadata> Optional<RouteParentStatus> parentStatus(
      Class<T> kind, String namespace, String route, String gateway) {
    T object = kube.resources(kind).inNamespace(namespace).withName(route).get();
    if (object == null) {
      return Optional.empty();
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> json = Serialization.unmarshal(Serialization.asJson(object), Map.class);
    Object status = json.get("status");
    if (!(status instanceof Map<?, ?> map) || !(map.get("parents") instanceof List<?> list)) {
      return Optional.empty();
    }
    return list.stream()
        .map(p -> Serialization.unmarshal(Serialization.asJson(p), RouteParentStatus.class))
        .filter(p -> gateway.equals(p.getParentRef().getName()))
        .findFirst();
  }

  /** The reason of a route's condition for the Gateway, or "" while there is none. */
  <T extends HasMetadata> String routeReason(
      Class<T> kind, String namespace, String route, String gateway, String type) {
    return parentStatus(kind, namespace, route, gateway)
        .flatMap(p -> condition(p.getConditions(), type))
        .map(c -> c.getStatus() + "/" + c.getReason())
        .orElse("");
  }

  /** The ALBs tagged with the Gateway's stack. */
  List<LoadBalancer> loadBalancers(String gateway) {
    String stack = ns + "/" + gateway;
    return aws.elbv2().describeLoadBalancers().loadBalancers().stream()
        .filter(lb -> stack.equals(tags(lb.loadBalancerArn()).get("gateway.k8s.aws.alb/stack")))
        .toList();
  }

  Map<String, String> tags(String arn) {
    var descriptions = aws.elbv2().describeTags(r -> r.resourceArns(arn)).tagDescriptions();
    var result = new java.util.HashMap<String, String>();
    descriptions.forEach(d -> d.tags().forEach(t -> result.put(t.key(), t.value())));
    return result;
  }

  List<Rule> rules(String listenerArn) {
    return aws.elbv2().describeRules(r -> r.listenerArn(listenerArn)).rules().stream()
        .filter(r -> !Boolean.TRUE.equals(r.isDefault()))
        .sorted(java.util.Comparator.comparingInt(r -> Integer.parseInt(r.priority())))
        .toList();
  }

  /** The rule with a path-pattern condition on {@code path}. */
  static Optional<Rule> withPath(List<Rule> rules, String path) {
    return rules.stream()
        .filter(
            r ->
                r.conditions().stream()
                    .anyMatch(
                        c ->
                            c.field().equals("path-pattern")
                                && c.pathPatternConfig().values().contains(path)))
        .findFirst();
  }

  /** Target groups carrying the cluster tag of this test's controller. */
  List<TargetGroup> ourTargetGroups() {
    return aws.elbv2().describeTargetGroups().targetGroups().stream()
        .filter(
            tg ->
                InProcessController.CLUSTER_NAME.equals(
                    tags(tg.targetGroupArn()).get(TrackingTags.CLUSTER)))
        .toList();
  }

  List<String> registeredTargets(String targetGroupArn) {
    return aws
        .elbv2()
        .describeTargetHealth(r -> r.targetGroupArn(targetGroupArn))
        .targetHealthDescriptions()
        .stream()
        .map(d -> d.target().id() + ":" + d.target().port())
        .sorted()
        .toList();
  }

  @Override
  public void close() {
    if (controller != null) {
      controller.close();
    }
    // the class keeps our finalizer once no controller runs: release it, then delete
    var gatewayClass =
        kube.resources(io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass.class)
            .withName(className);
    if (gatewayClass.get() != null) {
      gatewayClass.edit(
          c -> {
            c.getMetadata().setFinalizers(List.of());
            return c;
          });
      gatewayClass.delete();
    }
    // so do the configurations still in use when the controller stopped
    for (var kind :
        List.of(
            io.lbc.k8s.gateway.LoadBalancerConfiguration.class,
            io.lbc.k8s.gateway.TargetGroupConfiguration.class,
            io.lbc.k8s.gateway.ListenerRuleConfiguration.class)) {
      releaseFinalizers(kind);
    }
    kwok.close();
  }

  private <T extends HasMetadata> void releaseFinalizers(Class<T> kind) {
    for (T object : kube.resources(kind).inNamespace(ns).list().getItems()) {
      if (object.getMetadata().getFinalizers() != null
          && !object.getMetadata().getFinalizers().isEmpty()) {
        try {
          kube.resources(kind)
              .inNamespace(ns)
              .withName(object.getMetadata().getName())
              .edit(
                  o -> {
                    o.getMetadata().setFinalizers(List.of());
                    return o;
                  });
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
          // gone meanwhile
        }
      }
    }
  }
}
