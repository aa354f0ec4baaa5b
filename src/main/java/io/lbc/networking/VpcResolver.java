package io.lbc.networking;

import io.lbc.aws.InstanceMetadata;
import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.ec2.Instance;
import io.lbc.aws.ec2.Vpc;
import io.lbc.config.AwsSettings;
import io.lbc.config.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the cluster's VPC as the reference does: {@code --aws-vpc-id}; else the VPC tagged with
 * every tag of {@code --aws-vpc-tags}; else the VPC of this instance's primary interface from the
 * instance metadata; else, when {@code $NODENAME} is an instance ID ({@code i-...}), that
 * instance's VPC (DescribeInstances).
 */
public final class VpcResolver {
  private static final Logger log = LoggerFactory.getLogger(VpcResolver.class);

  private VpcResolver() {}

  /**
   * @throws UserError naming the flag when the VPC cannot be found
   */
  public static Vpc resolve(AwsSettings settings, Ec2 ec2) {
    return resolve(settings, ec2, () -> settings.instanceMetadata().vpcId());
  }

  static Vpc resolve(AwsSettings settings, Ec2 ec2, Supplier<String> metadataVpcId) {
    if (settings.vpcId().isPresent()) {
      return describe(ec2, settings.vpcId().get(), "--aws-vpc-id");
    }
    if (!settings.vpcTags().isEmpty()) {
      String tagKey = settings.discovery().vpcNameTagKey();
      if (!AwsSettings.DEFAULT_VPC_NAME_TAG_KEY.equals(tagKey)) {
        log.warn(
            "--aws-vpc-tag-key is deprecated and ignored: every tag of --aws-vpc-tags is used"
                + " for the VPC lookup aws-vpc-tag-key={}",
            tagKey);
      }
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
    var failures = new ArrayList<String>();
    try {
      String vpcId = metadataVpcId.get();
      log.info("VPC {} from instance metadata (no --aws-vpc-id)", vpcId);
      return describe(ec2, vpcId, "instance metadata");
    } catch (InstanceMetadata.Unavailable e) {
      failures.add("instance metadata: " + e.getMessage());
    }
    String nodeName = settings.discovery().nodeName().orElse("");
    if (nodeName.startsWith("i-")) {
      List<Instance> instances = ec2.describeInstances(List.of(nodeName));
      if (instances.size() == 1 && instances.get(0).vpcId() != null) {
        String vpcId = instances.get(0).vpcId();
        log.info("VPC {} of instance $NODENAME={} (no --aws-vpc-id)", vpcId, nodeName);
        return describe(ec2, vpcId, "$NODENAME " + nodeName);
      }
      failures.add("$NODENAME: found " + instances.size() + " instances with ID " + nodeName);
    } else {
      failures.add("$NODENAME is " + (nodeName.isEmpty() ? "unset" : "not an instance ID"));
    }
    throw new UserError(
        "--aws-vpc-id or --aws-vpc-tags is required: the VPC could not be inferred ("
            + String.join("; ", failures)
            + ")");
  }

  private static Vpc describe(Ec2 ec2, String vpcId, String source) {
    return ec2.describeVpc(vpcId)
        .orElseThrow(() -> new UserError(source + ": VPC " + vpcId + " does not exist"));
  }
}
