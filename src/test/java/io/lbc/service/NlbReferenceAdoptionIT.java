package io.lbc.service;

import static io.lbc.rig.ReferenceLayout.elbTags;
import static io.lbc.rig.ReferenceLayout.trackingTags;
import static io.lbc.service.ServiceObjects.PREFIX;
import static io.lbc.service.ServiceObjects.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.LoadBalancerStatusBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.model.Names;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.InProcessController;
import io.lbc.rig.ReferenceLayout;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * Taking over an NLB that the reference controller (v3.5) built for a Service with a TLS listener,
 * with no controller of ours involved before: the load balancer, its managed and backend security
 * groups, the TLS listener with both {@code ssl-cert} certificates in the reference's layout (the
 * default one in the list too), the IP target group with the reference's health check defaults and
 * explicit {@code proxy_protocol_v2.enabled=false}, the pod ENI rule and the TargetGroupBinding are
 * all laid out here with the raw SDK and fabric8. Our controller started on it replaces nothing and
 * writes nothing to AWS.
 */
@RigTest
class NlbReferenceAdoptionIT {
  private static final String CLUSTER = InProcessController.CLUSTER_NAME;

  private ServiceRig world;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    world = new ServiceRig(rig, kube, aws, namespace);
  }

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void anNlbWithATlsListenerBuiltByTheReferenceIsTakenOverWithoutAWrite() {
    var ec2 = world.aws.ec2();
    var elbv2 = world.aws.elbv2();
    String ns = world.ns;
    String stack = ns + "/secure";
    String first = AwsFixtures.importCertificate(world.aws.acm(), "tls.example.com");
    String second = AwsFixtures.importCertificate(world.aws.acm(), "tls2.example.com");
    // The pod: a Deployment the rig runs on a kwok node, its ENI in the cluster group "pods".
    String pods = world.kwokPodGroup();
    String podIp = world.runPods("secure", 1).get(0);
    Service service =
        world.create(
            ServiceObjects.nlbIp(
                ns,
                "secure",
                Map.of(
                    PREFIX + "aws-load-balancer-ssl-cert",
                    first + "," + second,
                    PREFIX + "aws-load-balancer-ssl-ports",
                    "https"),
                port("https", 443, "TCP", 8443)));
    String uid = service.getMetadata().getUid();

    // Names (compat-spec §5.1) and the security groups (§6.2).
    String lbName = Names.namespacedName(ns, "secure", Names.hash(CLUSTER, uid, "internal"));
    String sgName = Names.namespacedName(ns, "secure", Names.hash(CLUSTER, "secure", ns, uid));
    String tgName =
        Names.namespacedName(
            ns, "secure", Names.hash(CLUSTER, uid, "8443", "443", "ip", "TCP", "TCP", "10"));
    String backend =
        ReferenceLayout.backendSecurityGroup(
            ec2, world.vpc.vpcId(), CLUSTER, ReferenceLayout.RIG_BACKEND_SG_NAME);
    String frontend =
        ReferenceLayout.managedSecurityGroup(
            ec2, world.vpc.vpcId(), sgName, tags(stack, "ManagedLBSecurityGroup"), "tcp", 443);
    ReferenceLayout.allowFromGroup(ec2, pods, backend, 8443, 8443);

    LoadBalancer lb =
        elbv2
            .createLoadBalancer(
                r ->
                    r.name(lbName)
                        .type("network")
                        .scheme("internal")
                        .ipAddressType("ipv4")
                        .subnets(world.vpc.privateSubnetIds())
                        .securityGroups(frontend, backend)
                        .tags(elbTags(tags(stack, "LoadBalancer"))))
            .loadBalancers()
            .get(0);
    String tg =
        elbv2
            .createTargetGroup(
                r ->
                    r.name(tgName)
                        .protocol("TCP")
                        .port(8443)
                        .vpcId(world.vpc.vpcId())
                        .targetType("ip")
                        .ipAddressType("ipv4")
                        .healthCheckProtocol("TCP")
                        .healthCheckPort("traffic-port")
                        .healthCheckIntervalSeconds(10)
                        .healthCheckTimeoutSeconds(10)
                        .healthyThresholdCount(3)
                        .unhealthyThresholdCount(3)
                        .tags(elbTags(tags(stack, stack + ":443"))))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    // The reference always sets proxy protocol v2 explicitly (compat-spec §2.2 #27).
    elbv2.modifyTargetGroupAttributes(
        r ->
            r.targetGroupArn(tg)
                .attributes(a -> a.key("proxy_protocol_v2.enabled").value("false")));
    elbv2.registerTargets(r -> r.targetGroupArn(tg).targets(t -> t.id(podIp).port(8443)));
    String listener =
        elbv2
            .createListener(
                r ->
                    r.loadBalancerArn(lb.loadBalancerArn())
                        .port(443)
                        .protocol("TLS")
                        .sslPolicy("ELBSecurityPolicy-2016-08")
                        .certificates(certificate(first))
                        .defaultActions(
                            Action.builder()
                                .type("forward")
                                .order(1)
                                .forwardConfig(f -> f.targetGroups(t -> t.targetGroupArn(tg)))
                                .build())
                        .tags(elbTags(tags(stack, "443"))))
            .listeners()
            .get(0)
            .listenerArn();
    ReferenceLayout.addListenerCertificates(elbv2, listener, List.of(first, second));

    var spec = new LinkedHashMap<String, Object>();
    spec.put("targetGroupARN", tg);
    spec.put("targetType", "ip");
    spec.put("serviceRef", Map.of("name", "secure", "port", 443));
    spec.put("networking", ReferenceLayout.networkingFrom(backend, 8443));
    spec.put("ipAddressType", "ipv4");
    spec.put("vpcID", world.vpc.vpcId());
    spec.put("targetGroupProtocol", "TCP");
    ReferenceLayout.targetGroupBinding(
        world.kube,
        ns,
        tgName,
        Map.of("service.k8s.aws/stack-namespace", ns, "service.k8s.aws/stack-name", "secure"),
        spec);
    ReferenceLayout.finalizeAndReport(
        world.kube,
        world.get("secure"),
        "service.k8s.aws/resources",
        s -> {
          s.getStatus()
              .setLoadBalancer(
                  new LoadBalancerStatusBuilder()
                      .withIngress(
                          new LoadBalancerIngressBuilder().withHostname(lb.dnsName()).build())
                      .build());
          return s;
        });
    Map<String, String> before = inventory(lb);
    Map<String, String> podRules = ReferenceLayout.rulesOf(ec2, pods);
    Map<String, String> bindings = ReferenceLayout.bindings(world.kube, ns);

    InProcessController ours = world.start();
    world.awaitReady("secure");
    await().atMost(ServiceRig.CONVERGED).until(() -> ours.awsCalls("DescribeTargetHealth") > 0);
    world.settledWrites();

    System.out.printf(
        "NLB adoption from the reference's layout: %d AWS writes (calls %s)%n",
        ours.awsWrites(), ours.awsCallsByOperation());
    assertThat(ours.awsCalls("DescribeTargetHealth"))
        .as("the TargetGroupBinding was reconciled")
        .isPositive();
    assertThat(ours.awsWrites()).isZero();
    assertThat(inventory(lb)).as("nothing replaced").isEqualTo(before);
    assertThat(ReferenceLayout.rulesOf(ec2, pods)).isEqualTo(podRules);
    assertThat(ReferenceLayout.bindings(world.kube, ns)).isEqualTo(bindings);
    assertThat(world.state().targets(tg)).containsExactly(podIp + ":8443");
    assertThat(world.get("secure").getStatus().getLoadBalancer().getIngress())
        .extracting(i -> i.getHostname())
        .containsExactly(lb.dnsName());
  }

  private static Map<String, String> tags(String stack, String resource) {
    return trackingTags(CLUSTER, "service.k8s.aws", stack, resource);
  }

  private static Certificate certificate(String arn) {
    return Certificate.builder().certificateArn(arn).build();
  }

  /**
   * The load balancer, its listener with default and listed certificates, the target group with its
   * attributes, and the security groups with their rules.
   */
  private Map<String, String> inventory(LoadBalancer lb) {
    var found = new TreeMap<String, String>();
    var elbv2 = world.aws.elbv2();
    found.put("snapshot", String.valueOf(world.state().snapshot(world.ns, "secure")));
    found.put(
        "loadBalancer attributes",
        String.valueOf(
            elbv2
                .describeLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn()))
                .attributes()));
    world
        .state()
        .listeners(lb.loadBalancerArn())
        .forEach(
            (port, listener) -> {
              found.put(
                  "listener " + port + " certificates", String.valueOf(listener.certificates()));
              found.put("listener " + port + " sslPolicy", listener.sslPolicy());
              found.put(
                  "listener " + port + " listed certificates",
                  String.valueOf(
                      elbv2
                          .describeListenerCertificates(r -> r.listenerArn(listener.listenerArn()))
                          .certificates()
                          .stream()
                          .map(
                              c ->
                                  c.certificateArn()
                                      + (Boolean.TRUE.equals(c.isDefault()) ? "*" : ""))
                          .sorted()
                          .toList()));
            });
    for (TargetGroup tg : world.state().targetGroups()) {
      found.put("targetGroup " + tg.targetGroupName(), tg.targetGroupArn());
      found.put(
          "targetGroup " + tg.targetGroupName() + " attributes",
          String.valueOf(
              elbv2
                  .describeTargetGroupAttributes(r -> r.targetGroupArn(tg.targetGroupArn()))
                  .attributes()));
    }
    for (String group : lb.securityGroups()) {
      found.putAll(ReferenceLayout.rulesOf(world.aws.ec2(), group));
    }
    return found;
  }
}
