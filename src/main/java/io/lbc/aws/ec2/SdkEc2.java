package io.lbc.aws.ec2;

import io.lbc.aws.AwsErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockAssociation;
import software.amazon.awssdk.services.ec2.model.VpcIpv6CidrBlockAssociation;

/** {@link Ec2} over the AWS SDK. */
public final class SdkEc2 implements Ec2 {
  private final Ec2Client client;

  public SdkEc2(Ec2Client client) {
    this.client = client;
  }

  @Override
  public Optional<Vpc> describeVpc(String vpcId) {
    try {
      return client.describeVpcs(r -> r.vpcIds(vpcId)).vpcs().stream()
          .findFirst()
          .map(SdkEc2::toVpc);
    } catch (Ec2Exception e) {
      if (AwsErrors.hasCode(e, "InvalidVpcID.NotFound")) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public List<Vpc> findVpcsByTags(Map<String, String> tags) {
    var filters =
        tags.entrySet().stream()
            .map(e -> Filter.builder().name("tag:" + e.getKey()).values(e.getValue()).build())
            .toList();
    var result = new ArrayList<Vpc>();
    client.describeVpcsPaginator(r -> r.filters(filters)).vpcs().forEach(v -> result.add(toVpc(v)));
    return result;
  }

  static Map<String, String> toTags(List<Tag> tags) {
    var result = new LinkedHashMap<String, String>();
    tags.forEach(t -> result.put(t.key(), t.value()));
    return result;
  }

  private static Vpc toVpc(software.amazon.awssdk.services.ec2.model.Vpc vpc) {
    var ipv4 = new ArrayList<String>();
    ipv4.add(vpc.cidrBlock());
    for (VpcCidrBlockAssociation association : vpc.cidrBlockAssociationSet()) {
      if (!ipv4.contains(association.cidrBlock())) {
        ipv4.add(association.cidrBlock());
      }
    }
    var ipv6 =
        vpc.ipv6CidrBlockAssociationSet().stream()
            .map(VpcIpv6CidrBlockAssociation::ipv6CidrBlock)
            .toList();
    return new Vpc(vpc.vpcId(), List.copyOf(ipv4), ipv6, toTags(vpc.tags()));
  }
}
