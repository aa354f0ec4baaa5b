package io.lbc.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.gateway.ListenerRuleConfiguration;
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
 * One Gateway test's world, for ALB and NLB Gateways alike: the Gateway API standard CRDs and our
 * CRDs in the apiserver, the cluster's VPC in moto, a kwok node for pods, a GatewayClass of this
 * test (cluster-scoped, so named after the namespace) and the controller running in-process; the
 * waits for a programmed Gateway, the lookup of its load balancer and target groups by their stack
 * tag, and the check that deleting a Gateway leaves nothing behind. Objects are written as YAML
 * with {@code %1$s} standing for the namespace and {@code %2$s} for the class.
 */
public final class GatewayRig implements AutoCloseable {
  public static final Duration CONVERGED = Duration.ofSeconds(120);

  public final Rig rig;
  public final KubernetesClient kube;
  public final AwsTestClients aws;
  public final String ns;
  public static final String DRY_RUN_PLAN = "gateway.k8s.aws/dry-run-plan";
  public final String className;
  public final AwsFixtures.TestVpc vpc;
  private final GatewayFlavor flavor;
  private final KwokNodes kwok;
  private final List<String> classes = new java.util.ArrayList<>();
  private boolean node;
  private InProcessController controller;

  /** An ALB Gateway test's world. */
  public GatewayRig(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    this(GatewayFlavor.ALB, rig, kube, aws, namespace);
  }

  /** An NLB Gateway test's world. */
  public static GatewayRig nlb(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    return new GatewayRig(GatewayFlavor.NLB, rig, kube, aws, namespace);
  }

  private GatewayRig(
      GatewayFlavor flavor,
      Rig rig,
      KubernetesClient kube,
      AwsTestClients aws,
      TestNamespace namespace) {
    this.flavor = flavor;
    this.rig = rig;
    this.kube = kube;
    this.aws = aws;
    this.ns = namespace.name();
    this.className = flavor.name().toLowerCase(java.util.Locale.ROOT) + "-" + ns;
    Crds.apply(kube);
    GatewayApiCrds.apply(rig, kube);
    vpc = AwsFixtures.clusterVpc(aws.ec2(), InProcessController.CLUSTER_NAME);
    kwok = new KwokNodes(kube, aws.ec2());
  }

  /** Starts the controller (IP targets by default, as the conformance setup of the reference). */
  public GatewayRig start(String... flags) {
    return start(ns, flags);
  }

  /**
   * The controller watching every namespace: a backend in another namespace gets its
   * TargetGroupBinding there, which a controller watching only the test's namespace never sees.
   */
  public GatewayRig startClusterWide(String... flags) {
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

  public InProcessController controller() {
    return controller;
  }

  /** Creates the object from YAML ({@code %1$s} namespace, {@code %2$s} class). */
  public <T extends HasMetadata> T create(String yaml, Class<T> type) {
    return kube.resource(Serialization.unmarshal(yaml.formatted(ns, className), type)).create();
  }

  /**
   * The test's GatewayClass of this flavor, with the YAML {@code parametersRef} line, if any
   * ({@code %1$s} the namespace, {@code %2$s} the class).
   */
  public void gatewayClass(String parametersRef) {
    gatewayClass(flavor, className, parametersRef);
  }

  /**
   * A GatewayClass of the other flavor for this test, named like the test's own: its name. It is
   * released and deleted on close, like the test's own.
   */
  public String gatewayClass(GatewayFlavor other) {
    String name = other.name().toLowerCase(java.util.Locale.ROOT) + "-" + ns;
    gatewayClass(other, name, "");
    return name;
  }

  private void gatewayClass(GatewayFlavor of, String name, String parametersRef) {
    kube.resource(
            Serialization.unmarshal(
                """
                apiVersion: gateway.networking.k8s.io/v1
                kind: GatewayClass
                metadata: {name: '%s'}
                spec:
                  controllerName: %s
                """
                        .formatted(name, of.controllerName())
                    + parametersRef.formatted(ns, name),
                GatewayClass.class))
        .create();
    classes.add(name);
  }

  /**
   * Creates Gateway {@code name} of the test's class with these listeners (YAML flow maps, e.g.
   * {@code {name: http, port: 80, protocol: HTTP}}).
   *
   * @param spec more YAML lines of its spec (each ending in a newline, indented as top-level keys
   *     of the spec; {@code %1$s} is the namespace), or ""
   */
  public Gateway createGateway(String name, String spec, String... listeners) {
    var yaml = new StringBuilder();
    yaml.append("apiVersion: gateway.networking.k8s.io/v1\n")
        .append("kind: Gateway\n")
        .append("metadata: {namespace: '%1$s', name: ")
        .append(name)
        .append("}\n")
        .append("spec:\n")
        .append("  gatewayClassName: '%2$s'\n");
    spec.lines().forEach(line -> yaml.append("  ").append(line).append('\n'));
    yaml.append("  listeners:\n");
    for (String listener : listeners) {
      yaml.append("    - ").append(listener).append('\n');
    }
    return create(yaml.toString(), Gateway.class);
  }

  /** The ListenerRuleConfiguration {@code maintenance}: a fixed 503 response, "down". */
  public ListenerRuleConfiguration maintenanceRuleConfiguration() {
    return create(
        """
        apiVersion: gateway.k8s.aws/v1
        kind: ListenerRuleConfiguration
        metadata: {namespace: '%1$s', name: maintenance}
        spec:
          actions:
            - type: fixed-response
              fixedResponseConfig: {statusCode: 503, messageBody: down}
        """,
        ListenerRuleConfiguration.class);
  }

  /** A Gateway with one listener, marked {@code gateway.k8s.aws/dry-run: "true"}. */
  public Gateway createDryRunGateway(String name, String listener) {
    return create(
        """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          namespace: '%1$s'
          name: NAME
          annotations: {gateway.k8s.aws/dry-run: "true"}
        spec:
          gatewayClassName: '%2$s'
          listeners: [LISTENER]
        """
            .replace("NAME", name)
            .replace("LISTENER", listener),
        Gateway.class);
  }

  /** The resources of the dry-run plan on the Gateway, null while there is none. */
  public com.fasterxml.jackson.databind.JsonNode dryRunPlan(String gateway) {
    String plan = gateway(gateway).getMetadata().getAnnotations().get(DRY_RUN_PLAN);
    try {
      return plan == null
          ? null
          : new com.fasterxml.jackson.databind.ObjectMapper().readTree(plan).get("resources");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Takes the dry-run annotation off the Gateway. */
  public void endDryRun(String gateway) {
    kube.resources(Gateway.class)
        .inNamespace(ns)
        .withName(gateway)
        .edit(
            g -> {
              g.getMetadata().getAnnotations().remove("gateway.k8s.aws/dry-run");
              return g;
            });
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
    kube.resource(service(ns, name)).create();
    return pods(name, replicas, 8080);
  }

  /**
   * A Deployment of {@code replicas} pods listening on {@code port} on the kwok node (added with
   * the first), rolled out: the pods' {@code ip:port}, sorted.
   */
  public List<String> pods(String name, int replicas, int port) {
    if (!node) {
      String pods =
          AwsFixtures.clusterSecurityGroup(
              aws.ec2(), vpc.vpcId(), "pods", InProcessController.CLUSTER_NAME);
      kwok.add(ns + "-kwok", vpc.privateSubnetIds().get(0), pods);
      node = true;
    }
    kube.resource(Workloads.deployment(ns, name, replicas, port, 1)).create();
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
        .map(p -> p.getStatus().getPodIP() + ":" + port)
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

  public Gateway gateway(String name) {
    return kube.resources(Gateway.class).inNamespace(ns).withName(name).get();
  }

  Optional<Condition> condition(List<Condition> conditions, String type) {
    return conditions == null
        ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  public boolean programmed(String gateway) {
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

  /** Waits until the Gateway is Programmed: its one load balancer. */
  public LoadBalancer awaitProgrammed(String gateway) {
    await().atMost(CONVERGED).until(() -> programmed(gateway));
    return awaitLoadBalancer(gateway);
  }

  /** Waits until the Gateway has its load balancer: the one tagged with its stack. */
  public LoadBalancer awaitLoadBalancer(String gateway) {
    List<LoadBalancer> found =
        await().atMost(CONVERGED).until(() -> loadBalancers(gateway), lbs -> !lbs.isEmpty());
    assertThat(found).as("load balancers of " + ns + "/" + gateway).hasSize(1);
    return found.get(0);
  }

  /** The load balancer tagged with the Gateway's stack, null while there is none. */
  public LoadBalancer loadBalancer(String gateway) {
    List<LoadBalancer> found = loadBalancers(gateway);
    return found.isEmpty() ? null : found.get(0);
  }

  /** The load balancers tagged with the Gateway's stack. */
  public List<LoadBalancer> loadBalancers(String gateway) {
    return aws.elbv2().describeLoadBalancers().loadBalancers().stream()
        .filter(lb -> ofStack(lb.loadBalancerArn(), gateway))
        .toList();
  }

  /** The target groups tagged with the Gateway's stack. */
  public List<TargetGroup> targetGroups(String gateway) {
    return aws.elbv2().describeTargetGroups().targetGroups().stream()
        .filter(tg -> ofStack(tg.targetGroupArn(), gateway))
        .toList();
  }

  private boolean ofStack(String arn, String gateway) {
    return (ns + "/" + gateway).equals(tags(arn).get(TrackingTags.stackKey(flavor.stackKind())));
  }

  /**
   * Deletes the Gateway and waits until nothing of it is left: the Gateway itself (its finalizer
   * released), the load balancer and the target groups tagged with its stack, and the
   * TargetGroupBindings of the test's namespace.
   */
  public void deleteAndAwaitNothingLeft(String gateway) {
    kube.resources(Gateway.class).inNamespace(ns).withName(gateway).delete();
    await()
        .atMost(CONVERGED)
        .untilAsserted(
            () -> {
              assertThat(gateway(gateway)).as("the Gateway").isNull();
              assertThat(loadBalancers(gateway)).as("its load balancer").isEmpty();
              assertThat(targetGroups(gateway)).as("its target groups").isEmpty();
              assertThat(kube.resources(TargetGroupBinding.class).inNamespace(ns).list().getItems())
                  .as("the TargetGroupBindings of " + ns)
                  .isEmpty();
            });
  }

  public Map<String, String> tags(String arn) {
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
    // a class keeps our finalizer once no controller runs: release it, then delete
    for (String name : classes) {
      var gatewayClass = kube.resources(GatewayClass.class).withName(name);
      if (gatewayClass.get() != null) {
        gatewayClass.edit(
            c -> {
              c.getMetadata().setFinalizers(List.of());
              return c;
            });
        gatewayClass.delete();
      }
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
