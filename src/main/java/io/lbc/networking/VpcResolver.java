package io.lbc.networking;

import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.ec2.Vpc;
import io.lbc.config.AwsSettings;
import io.lbc.config.UserError;
import java.util.List;

/** Finds the cluster's VPC from {@code --aws-vpc-id} or {@code --aws-vpc-tags}. */
public final class VpcResolver {
  private VpcResolver() {}

  /**
   * @throws UserError naming the flag when the VPC cannot be found
   */
  public static Vpc resolve(AwsSettings settings, Ec2 ec2) {
    if (settings.vpcId().isPresent()) {
      String vpcId = settings.vpcId().get();
      return ec2.describeVpc(vpcId)
          .orElseThrow(() -> new UserError("--aws-vpc-id: VPC " + vpcId + " does not exist"));
    }
    if (!settings.vpcTags().isEmpty()) {
      List<Vpc> found = ec2.findVpcsByTags(settings.vpcTags());
      if (found.size() != 1) {
        throw new UserError(
            "--aws-vpc-tags: expected exactly one VPC tagged "
                + settings.vpcTags()
                + ", found "
                + found.stream().map(Vpc::vpcId).toList());
      }
      return found.get(0);
    }
    throw new UserError(
        "--aws-vpc-id or --aws-vpc-tags is required: the controller does not read instance"
            + " metadata");
  }
}
