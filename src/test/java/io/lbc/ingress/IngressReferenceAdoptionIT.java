package io.lbc.ingress;

import static io.lbc.rig.ReferenceLayout.elbTags;
import static io.lbc.rig.ReferenceLayout.trackingTags;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerStatusBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.fake.K8sObjects;
import io.lbc.model.Names;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.InProcessController;
import io.lbc.rig.Kubelet;
import io.lbc.rig.ReferenceLayout;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import io.lbc.service.ServiceObjects;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * Taking over an ALB that the reference controller (v3.5) built, with no controller of ours ever
 * involved before: the whole stack is laid out here with the raw SDK and fabric8, with the names,
 * tags, listener certificate layout, rule priorities, security groups, node and pod ENI rules and
 * TargetGroupBindings the reference computes (compat-spec §5, §6.2, §3.1). Our controller started
 * on it replaces nothing and writes nothing to AWS.
 */
@RigTest
class IngressReferenceAdoptionIT {
  private static final String CLUSTER = IngressRig.CLUSTER;
  private static final String POD_IP = "10.0.11.71";

  private static final String BACKEND_SG_NAME = ReferenceLayout.RIG_BACKEND_SG_NAME;

  private IngressRig it;
  private String node;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    it = IngressRig.withoutController(rig, kube, aws, namespace);
  }

  @AfterEach
  void stop() {
    it.close();
    if (node != null) {
      it.kube.nodes().withName(node).delete();
    }
  }

  /**
   * How the reference names and labels one IngressGroup's stack: its ID (the stack tag), the load
   * balancer and managed group names, the TGB labels, the Ingress finalizer and annotations.
   */
  private record Shape(
      String stack,
      String lbName,
      String sgName,
      Map<String, String> labels,
      String finalizer,
      String annotations) {}

  @Test
  void anAlbBuiltByTheReferenceIsTakenOverWithoutAWriteOrAReplacement() {
    String ns = it.ns;
    String stack = ns + "/shop";
    takeOver(
        new Shape(
            stack,
            Names.namespacedName(ns, "shop", Names.hash(CLUSTER, stack, "internal")),
            Names.namespacedName(ns, "shop", Names.hash(CLUSTER, stack)),
            Map.of("ingress.k8s.aws/stack-namespace", ns, "ingress.k8s.aws/stack-name", "shop"),
            "ingress.k8s.aws/resources",
            ""));
  }

  /**
   * An explicit IngressGroup: names {@code k8s-<group17>-<hash>}, the group name as the stack tag
   * and the {@code ingress.k8s.aws/stack} label, the finalizer {@code
   * group.ingress.k8s.aws/<group>} (compat-spec §5.1, §5.3).
   */
  @Test
  void anAlbOfAnExplicitGroupBuiltByTheReferenceIsTakenOverWithoutAWrite() {
    String group = "shop-group";
    takeOver(
        new Shape(
            group,
            Names.groupName(group, Names.hash(CLUSTER, group, "internal")),
            Names.groupName(group, Names.hash(CLUSTER, group)),
            Map.of("ingress.k8s.aws/stack", group),
            "group.ingress.k8s.aws/" + group,
            "\n    alb.ingress.kubernetes.io/group.name: " + group));
  }

  private void takeOver(Shape shape) {
    var ec2 = it.aws.ec2();
    var elbv2 = it.aws.elbv2();
    String ns = it.ns;
    String stack = shape.stack();
    String wildcard = AwsFixtures.importCertificate(it.aws.acm(), "*.example.com");
    String pay = AwsFixtures.importCertificate(it.aws.acm(), "pay.example.com");

    // The cluster: Services, a node running an instance, a pod with its ENI, the Ingress.
    // Node and EndpointSlice are hand-made: the reference's layout has node rules on the group
    // "nodes" (the instance's) and pod ENI rules on a separate group "pods", but a kwok node
    // (KwokNodes.add) puts its instance and its pods' ENIs in the same groups. No endpoint or node
    // lifecycle is under test: the state is laid out once, before any controller of ours runs.
    Service web = it.nodePortService("web", Map.of());
    Service payService =
        it.nodePortService("pay", Map.of("alb.ingress.kubernetes.io/target-type", "ip"));
    int webNodePort = web.getSpec().getPorts().get(0).getNodePort();
    String nodes = AwsFixtures.clusterSecurityGroup(ec2, it.vpc.vpcId(), "nodes", CLUSTER);
    String pods = AwsFixtures.clusterSecurityGroup(ec2, it.vpc.vpcId(), "pods", CLUSTER);
    String instance =
        AwsFixtures.runInstances(ec2, it.vpc.privateSubnetIds().get(0), 1, nodes).get(0);
    node = ns + "-node";
    Kubelet.create(it.kube, K8sObjects.node(node, instance, true, Map.of()));
    AwsFixtures.podInterface(ec2, it.vpc.privateSubnetIds().get(0), POD_IP, pods);
    it.kube
        .resource(ServiceObjects.slice(payService, List.of(ServiceObjects.Endpoint.at(POD_IP))))
        .create();
    Ingress ingress =
        it.ingress(
            """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata:
              namespace: '%1$s'
              name: shop
              annotations:
                alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS": 443}]'GROUP
            spec:
              ingressClassName: alb
              tls:
                - hosts: [pay.example.com, www.example.com]
              rules:
                - host: pay.example.com
                  http:
                    paths:
                      - {path: /, pathType: Prefix, backend: {service: {name: pay, port: {name: http}}}}
                - host: www.example.com
                  http:
                    paths:
                      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
            """
                .replace("GROUP", shape.annotations()));

    // What the reference computes (compat-spec §5.1): names from hashes of these inputs.
    String lbName = shape.lbName();
    String sgName = shape.sgName();
    String webTgName = targetGroupName(stack, web, webNodePort, "instance");
    String payTgName = targetGroupName(stack, payService, 8080, "ip");
    assertThat(Names.namespacedName("x", "y", Names.hash(CLUSTER)))
        .as("the backend group's hash, checked against an independently computed literal")
        .isEqualTo("k8s-x-y-" + BACKEND_SG_NAME.substring("k8s-traffic-rig-".length()));

    // Security groups: the shared backend group, the managed frontend group, node and pod rules.
    String backend =
        ReferenceLayout.backendSecurityGroup(ec2, it.vpc.vpcId(), CLUSTER, BACKEND_SG_NAME);
    String frontend =
        ReferenceLayout.managedSecurityGroup(
            ec2,
            it.vpc.vpcId(),
            sgName,
            trackingTags(CLUSTER, "ingress.k8s.aws", stack, "ManagedLBSecurityGroup"),
            "tcp",
            80,
            443);
    ReferenceLayout.allowFromGroup(ec2, nodes, backend, webNodePort, webNodePort);
    ReferenceLayout.allowFromGroup(ec2, pods, backend, 8080, 8080);

    // The load balancer, internal (the default scheme) in the private subnets.
    LoadBalancer lb =
        elbv2
            .createLoadBalancer(
                r ->
                    r.name(lbName)
                        .type("application")
                        .scheme("internal")
                        .ipAddressType("ipv4")
                        .subnets(it.vpc.privateSubnetIds())
                        .securityGroups(frontend, backend)
                        .tags(elbTags(tags(stack, "LoadBalancer"))))
            .loadBalancers()
            .get(0);

    // Target groups with the reference's health check defaults, their targets registered.
    String webTg = targetGroup(stack, webTgName, webNodePort, "instance", ns + "/shop-web:http");
    String payTg = targetGroup(stack, payTgName, 8080, "ip", ns + "/shop-pay:http");
    elbv2.registerTargets(r -> r.targetGroupArn(webTg).targets(target(instance, webNodePort)));
    elbv2.registerTargets(r -> r.targetGroupArn(payTg).targets(target(POD_IP, 8080)));

    // Listeners: 404 by default; HTTPS with the smallest discovered ARN as the default
    // certificate and every discovered certificate, the default one included, in the list.
    List<String> certificates = Stream.of(wildcard, pay).sorted().toList();
    Map<Integer, String> listeners = new TreeMap<>();
    for (int port : List.of(80, 443)) {
      String protocol = port == 443 ? "HTTPS" : "HTTP";
      String listener =
          elbv2
              .createListener(
                  r -> {
                    r.loadBalancerArn(lb.loadBalancerArn())
                        .port(port)
                        .protocol(protocol)
                        .defaultActions(notFound())
                        .tags(elbTags(tags(stack, String.valueOf(port))));
                    if (port == 443) {
                      r.sslPolicy("ELBSecurityPolicy-2016-08")
                          .certificates(certificate(certificates.get(0)));
                    }
                  })
              .listeners()
              .get(0)
              .listenerArn();
      listeners.put(port, listener);
      if (port == 443) {
        ReferenceLayout.addListenerCertificates(elbv2, listener, certificates);
      }
      // Rules in the Ingress's order from priority 1: host, then "/" as the prefix "/*".
      int priority = 1;
      for (var route :
          List.of(Map.entry("pay.example.com", payTg), Map.entry("www.example.com", webTg))) {
        int p = priority++;
        elbv2.createRule(
            r ->
                r.listenerArn(listener)
                    .priority(p)
                    .conditions(
                        RuleCondition.builder()
                            .field("host-header")
                            .hostHeaderConfig(h -> h.values(route.getKey()))
                            .build(),
                        RuleCondition.builder()
                            .field("path-pattern")
                            .pathPatternConfig(c -> c.values("/*"))
                            .build())
                    .actions(
                        Action.builder()
                            .type("forward")
                            .order(1)
                            .forwardConfig(
                                f -> f.targetGroups(t -> t.targetGroupArn(route.getValue())))
                            .build())
                    .tags(elbTags(tags(stack, port + ":" + p))));
      }
    }

    // The cluster objects the reference writes: TargetGroupBindings, finalizer, status.
    var labels = shape.labels();
    ReferenceLayout.targetGroupBinding(
        it.kube,
        ns,
        webTgName,
        labels,
        bindingSpec(webTg, "instance", "web", backend, webNodePort));
    ReferenceLayout.targetGroupBinding(
        it.kube, ns, payTgName, labels, bindingSpec(payTg, "ip", "pay", backend, 8080));
    ReferenceLayout.finalizeAndReport(
        it.kube,
        ingress,
        shape.finalizer(),
        i -> {
          i.setStatus(
              new IngressStatusBuilder()
                  .withLoadBalancer(
                      new IngressLoadBalancerStatusBuilder()
                          .withIngress(
                              new IngressLoadBalancerIngressBuilder()
                                  .withHostname(lb.dnsName())
                                  .build())
                          .build())
                  .build());
          return i;
        });
    Map<String, String> before = inventory(lb.loadBalancerArn());
    Map<String, String> rulesBefore = ReferenceLayout.rulesOf(it.aws.ec2(), nodes, pods);
    Map<String, String> bindingsBefore = ReferenceLayout.bindings(it.kube, it.ns);

    InProcessController ours = it.restartController();
    it.awaitReconcileAfter(0);
    // Five quiet seconds: the TGB reconciles (and any write they would make) are done too.
    it.awaitSettled(Duration.ofSeconds(5));

    System.out.printf(
        "ALB adoption from the reference's layout (stack %s): %d AWS writes (calls %s)%n",
        stack, ours.awsWrites(), ours.awsCallsByOperation());
    assertThat(ours.awsCalls("DescribeListenerCertificates"))
        .as("the controller reconciled the stack")
        .isPositive();
    assertThat(ours.awsCallsByOperation())
        .as("writes by operation")
        .satisfies(
            calls ->
                assertThat(
                        calls.entrySet().stream()
                            .filter(e -> InProcessController.isWrite(e.getKey()))
                            .toList())
                    .isEmpty());
    assertThat(ours.awsWrites()).isZero();
    assertThat(inventory(lb.loadBalancerArn())).as("nothing replaced").isEqualTo(before);
    assertThat(ReferenceLayout.rulesOf(it.aws.ec2(), nodes, pods)).isEqualTo(rulesBefore);
    assertThat(it.aws.targets(webTg)).containsExactly(instance + ":" + webNodePort);
    assertThat(it.aws.targets(payTg)).containsExactly(POD_IP + ":8080");
    assertThat(it.get("shop").flatMap(IngressRig::hostname)).hasValue(lb.dnsName());
    assertThat(ReferenceLayout.targetGroupBindings(it.kube, ns))
        .extracting(b -> b.getMetadata().getName())
        .containsExactlyInAnyOrder(webTgName, payTgName);
    assertThat(ReferenceLayout.bindings(it.kube, it.ns))
        .as("the reference's TargetGroupBindings kept as they were: spec, labels, finalizer")
        .isEqualTo(bindingsBefore);
  }

  private String targetGroupName(String stack, Service service, int port, String targetType) {
    return Names.namespacedName(
        it.ns,
        service.getMetadata().getName(),
        Names.hash(
            CLUSTER,
            stack,
            it.ns,
            "shop",
            service.getMetadata().getUid(),
            "http",
            String.valueOf(port),
            targetType,
            "HTTP",
            "HTTP1"));
  }

  private static Map<String, String> tags(String stack, String resource) {
    return trackingTags(CLUSTER, "ingress.k8s.aws", stack, resource);
  }

  private String targetGroup(
      String stack, String name, int port, String targetType, String resource) {
    return it.aws
        .elbv2()
        .createTargetGroup(
            r ->
                r.name(name)
                    .protocol("HTTP")
                    .protocolVersion("HTTP1")
                    .port(port)
                    .vpcId(it.vpc.vpcId())
                    .targetType(targetType)
                    .ipAddressType("ipv4")
                    .healthCheckProtocol("HTTP")
                    .healthCheckPort("traffic-port")
                    .healthCheckPath("/")
                    .healthCheckIntervalSeconds(15)
                    .healthCheckTimeoutSeconds(5)
                    .healthyThresholdCount(2)
                    .unhealthyThresholdCount(2)
                    .matcher(m -> m.httpCode("200"))
                    .tags(elbTags(tags(stack, resource))))
        .targetGroups()
        .get(0)
        .targetGroupArn();
  }

  private Map<String, Object> bindingSpec(
      String targetGroupArn, String targetType, String service, String backend, int port) {
    var spec = new LinkedHashMap<String, Object>();
    spec.put("targetGroupARN", targetGroupArn);
    spec.put("targetType", targetType);
    spec.put("serviceRef", Map.of("name", service, "port", "http"));
    spec.put("networking", ReferenceLayout.networkingFrom(backend, port));
    spec.put("ipAddressType", "ipv4");
    spec.put("vpcID", it.vpc.vpcId());
    spec.put("targetGroupProtocol", "HTTP");
    return spec;
  }

  private static TargetDescription target(String id, int port) {
    return TargetDescription.builder().id(id).port(port).build();
  }

  private static Action notFound() {
    return Action.builder()
        .type("fixed-response")
        .order(1)
        .fixedResponseConfig(f -> f.statusCode("404").contentType("text/plain"))
        .build();
  }

  private static Certificate certificate(String arn) {
    return Certificate.builder().certificateArn(arn).build();
  }

  /**
   * What identifies each resource and what the take-over could change: ARNs and IDs, each
   * listener's default certificate and certificate list, each rule's priority, target groups, and
   * security groups with their rules.
   */
  private Map<String, String> inventory(String lbArn) {
    var found = new TreeMap<String, String>();
    LoadBalancer lb = it.alb.onlyLoadBalancer();
    found.put("loadBalancer", lb.loadBalancerArn());
    found.put("loadBalancer securityGroups", String.valueOf(lb.securityGroups()));
    for (Listener listener : it.alb.listeners(lbArn)) {
      String port = String.valueOf(listener.port());
      found.put("listener " + port, listener.listenerArn());
      found.put("listener " + port + " certificates", String.valueOf(listener.certificates()));
      found.put(
          "listener " + port + " listed certificates",
          String.valueOf(
              it
                  .aws
                  .elbv2()
                  .describeListenerCertificates(r -> r.listenerArn(listener.listenerArn()))
                  .certificates()
                  .stream()
                  .map(c -> c.certificateArn() + (Boolean.TRUE.equals(c.isDefault()) ? "*" : ""))
                  .sorted()
                  .toList()));
      it.alb
          .ruleViews(listener.listenerArn())
          .forEach(rule -> found.put("rule " + port + " " + rule.priority(), rule.toString()));
      it.alb
          .rules(listener.listenerArn())
          .forEach(rule -> found.put("rule arn " + port + " " + rule.priority(), rule.ruleArn()));
    }
    for (TargetGroup tg : it.alb.targetGroups()) {
      found.put("targetGroup " + tg.targetGroupName(), tg.targetGroupArn());
    }
    for (SecurityGroup sg : it.alb.securityGroups()) {
      found.put("securityGroup " + sg.groupName(), sg.groupId());
      found.put(
          "securityGroup " + sg.groupName() + " rules", ReferenceLayout.rules(sg.ipPermissions()));
    }
    return found;
  }
}
