package io.lbc.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.ec2.Subnet;
import io.lbc.aws.ec2.Vpc;
import io.lbc.aws.elbv2.LoadBalancer;
import io.lbc.aws.elbv2.SubnetMapping;
import io.lbc.config.ClusterContext;
import io.lbc.config.ControllerConfig;
import io.lbc.golden.AwsSnapshot;
import io.lbc.golden.SnapshotEc2;
import io.lbc.model.ResourceType;
import io.lbc.model.Stack;
import io.lbc.model.UserInputException;
import io.lbc.model.elbv2.CapacityReservationSpec;
import io.lbc.model.elbv2.ListenerSpec;
import io.lbc.model.elbv2.LoadBalancerSpec;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec.NetworkingPeer;
import io.lbc.networking.SecurityGroupResolver;
import io.lbc.networking.SubnetResolver;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceStackBuilderTest {
  private static final String A = "service.beta.kubernetes.io/";
  private static final String VPC = "vpc-0123456789abcdef0";
  private final List<String> ec2Calls = new ArrayList<>();

  private static Subnet subnet(String id, String zone, String cidr, String role) {
    return new Subnet(
        id, VPC, zone, zone, cidr, List.of(), 100, null, Map.of(role, "1", "Name", id));
  }

  private static final List<Subnet> SUBNETS =
      List.of(
          subnet(
              "subnet-private-a", "us-west-2a", "10.0.128.0/20", "kubernetes.io/role/internal-elb"),
          subnet(
              "subnet-private-b", "us-west-2b", "10.0.144.0/20", "kubernetes.io/role/internal-elb"),
          subnet("subnet-public-a", "us-west-2a", "10.0.0.0/20", "kubernetes.io/role/elb"),
          subnet("subnet-public-b", "us-west-2b", "10.0.16.0/20", "kubernetes.io/role/elb"));

  private ServiceStackBuilder builder(String... flags) {
    ControllerConfig config = TestConfigs.fromFlags(flags);
    var snapshot =
        new AwsSnapshot(
            new Vpc(VPC, List.of("10.0.0.0/16"), List.of(), Map.of()),
            SUBNETS,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    Ec2 delegate = SnapshotEc2.of(snapshot);
    Ec2 counting =
        (Ec2)
            Proxy.newProxyInstance(
                Ec2.class.getClassLoader(),
                new Class<?>[] {Ec2.class},
                (proxy, method, args) -> {
                  ec2Calls.add(method.getName());
                  try {
                    return method.invoke(delegate, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    var cluster = new ClusterContext(config.clusterName(), VPC, List.of("10.0.0.0/16"), config);
    return new ServiceStackBuilder(
        cluster,
        new SubnetResolver(counting, cluster),
        new SecurityGroupResolver(counting, VPC),
        counting);
  }

  private static Service service(Map<String, String> annotations, Object... portsAndProtocols) {
    var ports = new ArrayList<io.fabric8.kubernetes.api.model.ServicePort>();
    for (int i = 0; i < portsAndProtocols.length; i += 2) {
      int port = (Integer) portsAndProtocols[i];
      ports.add(
          new ServicePortBuilder()
              .withName("p" + i)
              .withPort(port)
              .withProtocol((String) portsAndProtocols[i + 1])
              .withTargetPort(new IntOrString(port))
              .build());
    }
    var all = new LinkedHashMap<String, String>();
    all.put(A + "aws-load-balancer-type", "nlb-ip");
    all.putAll(annotations);
    return new ServiceBuilder()
        .withNewMetadata()
        .withNamespace("ns")
        .withName("svc")
        .withUid("4f1c2d3e-0000-4000-8000-000000000001")
        .withAnnotations(all)
        .endMetadata()
        .withNewSpec()
        .withType("LoadBalancer")
        .withPorts(ports)
        .endSpec()
        .build();
  }

  private static LoadBalancer existing(String scheme, List<String> securityGroups) {
    return new LoadBalancer(
        "arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/net/nlb/1",
        "nlb",
        "network",
        scheme,
        "ipv4",
        "nlb.elb.amazonaws.com",
        VPC,
        "active",
        List.of(SubnetMapping.of("subnet-private-b"), SubnetMapping.of("subnet-private-a")),
        securityGroups);
  }

  private static LoadBalancerSpec loadBalancer(Stack stack) {
    return stack.resources(ResourceType.LOAD_BALANCER, LoadBalancerSpec.class).get(0).spec();
  }

  @Test
  void rebuildingAnExistingNlbReadsNothingFromEc2() {
    Stack stack =
        builder()
            .build(
                service(Map.of(), 80, "TCP"), Optional.of(existing("internal", List.of("sg-1"))));

    assertThat(ec2Calls).isEmpty();
    assertThat(loadBalancer(stack).subnetMapping())
        .extracting(m -> m.subnetID())
        .containsExactly("subnet-private-a", "subnet-private-b");
  }

  @Test
  void anExplicitSchemeChangeDiscoversSubnetsAgainAndRenamesTheNlb() {
    var internal =
        builder().build(service(Map.of(), 80, "TCP"), Optional.of(existing("internal", null)));
    var internetFacing =
        builder()
            .build(
                service(Map.of(A + "aws-load-balancer-scheme", "internet-facing"), 80, "TCP"),
                Optional.of(existing("internal", List.of("sg-1"))));

    assertThat(loadBalancer(internetFacing).scheme()).isEqualTo("internet-facing");
    assertThat(loadBalancer(internetFacing).subnetMapping())
        .extracting(m -> m.subnetID())
        .containsExactly("subnet-public-a", "subnet-public-b");
    assertThat(loadBalancer(internetFacing).name()).isNotEqualTo(loadBalancer(internal).name());
    assertThat(loadBalancer(internal).securityGroups())
        .as("an NLB created without security groups stays without")
        .isNull();
  }

  @Test
  void quicUpgradesUdpAndTcpUdpListenersOnly() {
    Stack stack =
        builder()
            .build(
                service(
                    Map.of(
                        A + "aws-load-balancer-enable-tcp-udp-listener", "true",
                        A + "aws-load-balancer-quic-enabled-ports", "443,8443"),
                    443,
                    "TCP",
                    443,
                    "UDP",
                    8443,
                    "UDP"),
                Optional.empty());

    assertThat(stack.resources(ResourceType.LISTENER, ListenerSpec.class))
        .extracting(r -> r.id() + "=" + r.spec().protocol())
        .containsExactly("443=TCP_QUIC", "8443=QUIC");
    assertThatThrownBy(
            () ->
                builder()
                    .build(
                        service(
                            Map.of(A + "aws-load-balancer-quic-enabled-ports", "80"), 80, "TCP"),
                        Optional.empty()))
        .isInstanceOf(UserInputException.class)
        .extracting(e -> ((UserInputException) e).field())
        .isEqualTo(A + "aws-load-balancer-quic-enabled-ports");
  }

  /**
   * As in the reference (v3.5), {@code EnhancedDefaultBehavior} does not reach capacity
   * reservations: it is read only by its listener manager (ALPN, mTLS). A Service without the
   * capacity annotation asks for no reservation change at all, so removing the annotation leaves
   * the reservation as it is; {@code CapacityUnits=0} is the way to reset it.
   */
  @Test
  void enhancedDefaultBehaviorDoesNotResetCapacityWhenTheAnnotationIsRemoved() {
    for (String gate : List.of("true", "false")) {
      Stack stack =
          builder("--feature-gates=EnhancedDefaultBehavior=" + gate)
              .build(service(Map.of(), 80, "TCP"), Optional.empty());
      assertThat(stack.resources(ResourceType.CAPACITY_RESERVATION, CapacityReservationSpec.class))
          .as("EnhancedDefaultBehavior=%s", gate)
          .isEmpty();
    }
    Stack reset =
        builder("--feature-gates=EnhancedDefaultBehavior=true")
            .build(
                service(
                    Map.of(
                        A + "aws-load-balancer-minimum-load-balancer-capacity", "CapacityUnits=0"),
                    80,
                    "TCP"),
                Optional.empty());
    assertThat(reset.resources(ResourceType.CAPACITY_RESERVATION, CapacityReservationSpec.class))
        .singleElement()
        .satisfies(r -> assertThat(r.spec().capacityUnits()).isZero());
  }

  @Test
  void withoutSecurityGroupsTcpUdpWithSourceRangesAlsoAdmitsHealthChecksFromTheNlbSubnets() {
    Stack stack =
        builder("--feature-gates=NLBSecurityGroup=false")
            .build(
                service(
                    Map.of(
                        A + "aws-load-balancer-enable-tcp-udp-listener", "true",
                        A + "load-balancer-source-ranges", "192.0.2.0/24"),
                    53,
                    "TCP",
                    53,
                    "UDP"),
                Optional.empty());

    var binding =
        stack
            .resources(ResourceType.TARGET_GROUP_BINDING, TargetGroupBindingResourceSpec.class)
            .get(0)
            .spec();
    var rules = binding.template().spec().networking().ingress();
    assertThat(rules).hasSize(2);
    assertThat(rules.get(0).from()).containsExactly(NetworkingPeer.cidr("192.0.2.0/24"));
    assertThat(rules.get(1).from())
        .containsExactly(
            NetworkingPeer.cidr("10.0.128.0/20"), NetworkingPeer.cidr("10.0.144.0/20"));
    assertThat(rules.get(1).ports())
        .extracting(p -> p.protocol() + "/" + p.port())
        .containsExactly("TCP/53");
  }

  @Test
  void cleanupIsAnEmptyStackUnlessTheAnnotationKeepsDeletionProtectionOn() {
    Stack cleanup = ServiceStackBuilder.cleanup(service(Map.of(), 80, "TCP"));
    assertThat(cleanup.isEmpty()).isTrue();
    assertThat(cleanup.id().value()).isEqualTo("ns/svc");

    Service protectedService =
        service(Map.of(A + "aws-load-balancer-attributes", "deletion_protection.enabled=true"));
    assertThatThrownBy(() -> ServiceStackBuilder.cleanup(protectedService))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith(A + "aws-load-balancer-attributes: deletion_protection.enabled");
  }
}
