package io.lbc.service;

import static io.lbc.service.ServiceObjects.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * A dualstack NLB with IPv6 source NAT prefixes and a capacity reservation (compat-spec §2.2 #11,
 * #12, #18) against moto and the real API server: AWS holds the prefixes (one chosen by AWS) and
 * the reserved units, a restarted controller writes nothing (an {@code auto_assigned} prefix
 * matches the one AWS chose), and capacity 0 resets the reservation.
 */
@RigTest
class NlbCapacitySourceNatIT {
  private static final String EXPLICIT = "2600:1f14:bbbb:11::/80";

  private ServiceRig world;
  private AwsTestClients aws;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    this.aws = aws;
    world = new ServiceRig(rig, kube, aws, namespace);
    List<String> subnets = world.vpc.privateSubnetIds();
    AwsFixtures.ipv6(aws.ec2(), subnets.get(0), "2600:1f14:bbbb:11::/64");
    AwsFixtures.ipv6(aws.ec2(), subnets.get(1), "2600:1f14:bbbb:12::/64");
    world.kwokPodGroup();
    world.start();
  }

  @AfterEach
  void stop() {
    world.close();
  }

  private LoadBalancer lb() {
    String arn = world.state().requireLoadBalancer(world.ns, "nat").loadBalancerArn();
    return aws.elbv2().describeLoadBalancers(r -> r.loadBalancerArns(arn)).loadBalancers().get(0);
  }

  private Integer reservedUnits(String arn) {
    var reservation = aws.elbv2().describeCapacityReservation(r -> r.loadBalancerArn(arn));
    return reservation.minimumLoadBalancerCapacity() == null
        ? null
        : reservation.minimumLoadBalancerCapacity().capacityUnits();
  }

  @Test
  void prefixesAndCapacityAreInAwsAndARestartWritesNothing() {
    List<String> subnets = world.vpc.privateSubnetIds();
    world.convergeOnPods(
        ServiceObjects.nlbIp(
            world.ns,
            "nat",
            Map.of(
                ServiceObjects.PREFIX + "aws-load-balancer-ip-address-type",
                "dualstack",
                ServiceObjects.PREFIX + "aws-load-balancer-subnets",
                String.join(",", subnets),
                ServiceObjects.PREFIX + "aws-load-balancer-enable-prefix-for-ipv6-source-nat",
                "on",
                ServiceObjects.PREFIX + "aws-load-balancer-source-nat-ipv6-prefixes",
                EXPLICIT + ",auto_assigned",
                ServiceObjects.PREFIX + "aws-load-balancer-minimum-load-balancer-capacity",
                "CapacityUnits=1200"),
            port("dns", 53, "UDP", 5353)),
        1);

    LoadBalancer lb = lb();
    assertThat(lb.enablePrefixForIpv6SourceNatAsString()).isEqualTo("on");
    assertThat(lb.availabilityZones())
        .filteredOn(z -> z.subnetId().equals(subnets.get(0)))
        .singleElement()
        .extracting(AvailabilityZone::sourceNatIpv6Prefixes)
        .asList()
        .containsExactly(EXPLICIT);
    assertThat(lb.availabilityZones())
        .filteredOn(z -> z.subnetId().equals(subnets.get(1)))
        .singleElement()
        .satisfies(
            z ->
                assertThat(z.sourceNatIpv6Prefixes())
                    .singleElement()
                    .asString()
                    .startsWith("2600:1f14:bbbb:12:"));
    assertThat(reservedUnits(lb.loadBalancerArn())).isEqualTo(1200);

    world.restartWritesNothing();

    world.annotate("nat", "aws-load-balancer-minimum-load-balancer-capacity", "CapacityUnits=0");
    await()
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(() -> assertThat(reservedUnits(lb.loadBalancerArn())).isNull());
  }
}
