package io.lbc.aws.elbv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lbc.aws.AwsErrors;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.RigTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RemoveIpamPoolEnum;

/**
 * Pins the emulator extension {@code rig/moto_ext/lbc_moto_ext/elbv2_lb_extras.py} on the raw SDK:
 * capacity reservations set, read back, limited on decreases and reset; IPAM pools set at create,
 * changed and removed; IPv6 source NAT prefixes assigned (auto or explicit) and read back.
 */
@RigTest
class MotoLoadBalancerExtrasIT {
  private ElasticLoadBalancingV2Client elb;
  private AwsFixtures.TestVpc vpc;

  @BeforeEach
  void vpc(AwsTestClients aws) {
    elb = aws.elbv2();
    vpc = AwsFixtures.clusterVpc(aws.ec2(), "extras");
    AwsFixtures.ipv6(aws.ec2(), vpc.publicSubnetIds().get(0), "2600:1f14:aaaa:1::/64");
    AwsFixtures.ipv6(aws.ec2(), vpc.publicSubnetIds().get(1), "2600:1f14:aaaa:2::/64");
  }

  private LoadBalancer describe(String arn) {
    return elb.describeLoadBalancers(r -> r.loadBalancerArns(arn)).loadBalancers().get(0);
  }

  @Test
  void capacityReservationsAreSetReadBackAndReset() {
    String arn =
        elb.createLoadBalancer(r -> r.name("capacity").subnets(vpc.publicSubnetIds()))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    var none = elb.describeCapacityReservation(r -> r.loadBalancerArn(arn));
    assertThat(none.minimumLoadBalancerCapacity()).isNull();
    assertThat(none.capacityReservationState()).isEmpty();

    elb.modifyCapacityReservation(
        r -> r.loadBalancerArn(arn).minimumLoadBalancerCapacity(c -> c.capacityUnits(200)));
    var reserved = elb.describeCapacityReservation(r -> r.loadBalancerArn(arn));
    assertThat(reserved.minimumLoadBalancerCapacity().capacityUnits()).isEqualTo(200);
    assertThat(reserved.capacityReservationState())
        .hasSize(2)
        .allSatisfy(s -> assertThat(s.state().codeAsString()).isEqualTo("provisioned"));

    for (int units : new int[] {150, 140, 130, 120}) {
      elb.modifyCapacityReservation(
          r -> r.loadBalancerArn(arn).minimumLoadBalancerCapacity(c -> c.capacityUnits(units)));
    }
    assertThatThrownBy(
            () ->
                elb.modifyCapacityReservation(
                    r -> r.loadBalancerArn(arn).resetCapacityReservation(true)))
        .as("a fifth decrease in a day")
        .satisfies(
            e ->
                assertThat(AwsErrors.errorCode(e))
                    .isEqualTo("CapacityDecreaseRequestLimitExceeded"));
    assertThatThrownBy(
            () ->
                elb.modifyCapacityReservation(
                    r ->
                        r.loadBalancerArn(arn)
                            .minimumLoadBalancerCapacity(c -> c.capacityUnits(300))
                            .resetCapacityReservation(true)))
        .satisfies(e -> assertThat(AwsErrors.errorCode(e)).isEqualTo("ValidationError"));
  }

  @Test
  void resettingRemovesTheReservation() {
    String arn =
        elb.createLoadBalancer(r -> r.name("reset").subnets(vpc.publicSubnetIds()))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    elb.modifyCapacityReservation(
        r -> r.loadBalancerArn(arn).minimumLoadBalancerCapacity(c -> c.capacityUnits(100)));
    elb.modifyCapacityReservation(r -> r.loadBalancerArn(arn).resetCapacityReservation(true));
    assertThat(
            elb.describeCapacityReservation(r -> r.loadBalancerArn(arn))
                .minimumLoadBalancerCapacity())
        .isNull();
  }

  @Test
  void ipamPoolsAreSetAtCreateChangedAndRemoved() {
    String arn =
        elb.createLoadBalancer(
                r ->
                    r.name("ipam")
                        .subnets(vpc.publicSubnetIds())
                        .ipamPools(p -> p.ipv4IpamPoolId("ipam-pool-0123456789abcdef0")))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    assertThat(describe(arn).ipamPools().ipv4IpamPoolId()).isEqualTo("ipam-pool-0123456789abcdef0");

    elb.modifyIpPools(r -> r.loadBalancerArn(arn).ipamPools(p -> p.ipv4IpamPoolId("ipam-pool-1")));
    assertThat(describe(arn).ipamPools().ipv4IpamPoolId()).isEqualTo("ipam-pool-1");

    elb.modifyIpPools(r -> r.loadBalancerArn(arn).removeIpamPools(RemoveIpamPoolEnum.IPV4));
    assertThat(describe(arn).ipamPools()).isNull();

    assertThatThrownBy(
            () ->
                elb.modifyIpPools(
                    r -> r.loadBalancerArn(arn).ipamPools(p -> p.ipv4IpamPoolId("pool-x"))))
        .satisfies(e -> assertThat(AwsErrors.errorCode(e)).isEqualTo("ValidationError"));
  }

  @Test
  void sourceNatPrefixesAreAssignedAndReadBack() {
    String a = vpc.publicSubnetIds().get(0);
    String b = vpc.publicSubnetIds().get(1);
    String arn =
        elb.createLoadBalancer(
                r ->
                    r.name("nat")
                        .type("network")
                        .ipAddressType("dualstack")
                        .enablePrefixForIpv6SourceNat("on")
                        .subnetMappings(
                            m -> m.subnetId(a).sourceNatIpv6Prefix("2600:1f14:aaaa:1:1::/80"),
                            m -> m.subnetId(b).sourceNatIpv6Prefix("auto_assigned")))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    LoadBalancer lb = describe(arn);
    assertThat(lb.enablePrefixForIpv6SourceNatAsString()).isEqualTo("on");
    assertThat(lb.availabilityZones())
        .filteredOn(z -> z.subnetId().equals(a))
        .singleElement()
        .extracting(AvailabilityZone::sourceNatIpv6Prefixes)
        .asList()
        .containsExactly("2600:1f14:aaaa:1:1::/80");
    assertThat(lb.availabilityZones())
        .filteredOn(z -> z.subnetId().equals(b))
        .singleElement()
        .satisfies(
            z ->
                assertThat(z.sourceNatIpv6Prefixes())
                    .singleElement()
                    .asString()
                    .startsWith("2600:1f14:aaaa:2:")
                    .endsWith("/80"));

    assertThatThrownBy(
            () ->
                elb.createLoadBalancer(
                    r ->
                        r.name("nat-v4")
                            .type("network")
                            .enablePrefixForIpv6SourceNat("on")
                            .subnets(vpc.publicSubnetIds())))
        .as("source NAT needs dualstack")
        .satisfies(
            e -> assertThat(AwsErrors.errorCode(e)).isEqualTo("InvalidConfigurationRequest"));
  }
}
