package io.lbc.aws.ec2;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The EC2 operations the controller uses, paged internally, in domain types. */
public interface Ec2 {
  Optional<Vpc> describeVpc(String vpcId);

  /** VPCs carrying every one of the tags. */
  List<Vpc> findVpcsByTags(Map<String, String> tags);
}
