package io.lbc.aws.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsFixtures.TestVpc;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.RigTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * Pins where moto's EC2 and ACM deviate from AWS (rows of {@code rig/moto-gaps.md}). These assert
 * moto's behaviour: a failure means moto changed, so update the table and the workarounds.
 */
@RigTest
class Ec2MotoGapsIT {
  @Test
  void theAddressFilterOfNetworkInterfacesMatchesOnlyPrimaryAddresses(AwsTestClients aws) {
    TestVpc vpc = AwsFixtures.clusterVpc(aws.ec2(), "gaps");
    var ec2 = aws.ec2();
    String eni =
        ec2.createNetworkInterface(
                r -> r.subnetId(vpc.privateSubnetIds().get(0)).privateIpAddress("10.0.11.10"))
            .networkInterface()
            .networkInterfaceId();
    ec2.assignPrivateIpAddresses(r -> r.networkInterfaceId(eni).privateIpAddresses("10.0.11.20"));

    assertThat(
            ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(eni))
                .networkInterfaces()
                .get(0)
                .privateIpAddresses())
        .hasSize(2);
    assertThat(
            ec2.describeNetworkInterfaces(
                    r ->
                        r.filters(
                            Filter.builder()
                                .name("addresses.private-ip-address")
                                .values("10.0.11.20")
                                .build()))
                .networkInterfaces())
        .isEmpty();
  }

  @Test
  void aSecurityGroupStillReferencedByAnotherGroupIsDeleted(AwsTestClients aws) {
    TestVpc vpc = AwsFixtures.clusterVpc(aws.ec2(), "gaps");
    var ec2 = aws.ec2();
    String lb =
        ec2.createSecurityGroup(r -> r.vpcId(vpc.vpcId()).groupName("lb").description("lb"))
            .groupId();
    String nodes =
        ec2.createSecurityGroup(r -> r.vpcId(vpc.vpcId()).groupName("nodes").description("n"))
            .groupId();
    ec2.authorizeSecurityGroupIngress(
        r ->
            r.groupId(nodes)
                .ipPermissions(
                    p ->
                        p.ipProtocol("tcp")
                            .fromPort(80)
                            .toPort(80)
                            .userIdGroupPairs(g -> g.groupId(lb))));

    ec2.deleteSecurityGroup(r -> r.groupId(lb));

    assertThat(
            ec2.describeSecurityGroups(
                    r -> r.filters(Filter.builder().name("group-id").values(lb).build()))
                .securityGroups())
        .isEmpty();
  }

  @Test
  void listCertificatesWithoutIncludesListsEveryKeyType(AwsTestClients aws) {
    String ec =
        AwsFixtures.importCertificate(
            aws.acm(), AwsFixtures.selfSignedEcCertificate("ec.example.com"));

    assertThat(aws.acm().listCertificates(r -> {}).certificateSummaryList())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.certificateArn()).isEqualTo(ec);
              assertThat(c.keyAlgorithmAsString()).isEqualTo("EC_prime256v1");
            });
  }
}
