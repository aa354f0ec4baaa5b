package io.lbc.rig;

import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/** Arranges AWS state in moto the way a real cluster's VPC would look. */
public final class AwsFixtures {
  private AwsFixtures() {}

  /** A VPC with one public and one private subnet in each of two zones, tagged for discovery. */
  public record TestVpc(
      String vpcId, List<String> publicSubnetIds, List<String> privateSubnetIds) {}

  public static TestVpc clusterVpc(Ec2Client ec2, String clusterName) {
    String vpcId =
        ec2.createVpc(
                r ->
                    r.cidrBlock("10.0.0.0/16")
                        .tagSpecifications(
                            tags(ResourceType.VPC, tag("Name", clusterName + "-vpc"))))
            .vpc()
            .vpcId();
    String clusterTag = "kubernetes.io/cluster/" + clusterName;
    List<String> publicSubnets =
        List.of(
            subnet(
                ec2,
                vpcId,
                "10.0.1.0/24",
                "us-west-2a",
                "public-a",
                tag("kubernetes.io/role/elb", "1"),
                tag(clusterTag, "owned")),
            subnet(
                ec2,
                vpcId,
                "10.0.2.0/24",
                "us-west-2b",
                "public-b",
                tag("kubernetes.io/role/elb", "1"),
                tag(clusterTag, "owned")));
    List<String> privateSubnets =
        List.of(
            subnet(
                ec2,
                vpcId,
                "10.0.11.0/24",
                "us-west-2a",
                "private-a",
                tag("kubernetes.io/role/internal-elb", "1"),
                tag(clusterTag, "owned")),
            subnet(
                ec2,
                vpcId,
                "10.0.12.0/24",
                "us-west-2b",
                "private-b",
                tag("kubernetes.io/role/internal-elb", "1"),
                tag(clusterTag, "owned")));
    return new TestVpc(vpcId, publicSubnets, privateSubnets);
  }

  public static String subnet(
      Ec2Client ec2, String vpcId, String cidr, String zone, String name, Tag... tags) {
    var all = new java.util.ArrayList<>(List.of(tags));
    all.add(tag("Name", name));
    return ec2.createSubnet(
            r ->
                r.vpcId(vpcId)
                    .cidrBlock(cidr)
                    .availabilityZone(zone)
                    .tagSpecifications(tags(ResourceType.SUBNET, all.toArray(Tag[]::new))))
        .subnet()
        .subnetId();
  }

  public static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  private static TagSpecification tags(ResourceType type, Tag... tags) {
    return TagSpecification.builder().resourceType(type).tags(tags).build();
  }
}
