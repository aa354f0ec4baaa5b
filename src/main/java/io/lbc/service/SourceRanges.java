package io.lbc.service;

import io.lbc.model.UserInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * The client CIDR blocks allowed to reach the NLB: {@code spec.loadBalancerSourceRanges}, else the
 * load-balancer-source-ranges annotation.
 *
 * @param field where they came from, for error messages
 */
record SourceRanges(String field, List<String> cidrs) {

  static SourceRanges of(BuildContext context) {
    List<String> fromSpec = context.service().loadBalancerSourceRanges();
    SourceRanges ranges =
        fromSpec.isEmpty()
            ? new SourceRanges(
                context.key(ServiceAnnotationKeys.SOURCE_RANGES),
                context
                    .annotations()
                    .stringList(ServiceAnnotationKeys.SOURCE_RANGES)
                    .orElse(List.of()))
            : new SourceRanges("spec.loadBalancerSourceRanges", fromSpec);
    for (String cidr : ranges.cidrs()) {
      if (IpAddresses.cidr(cidr).isEmpty()) {
        throw new UserInputException(
            ranges.field(), "'" + cidr + "' is not a CIDR block such as 203.0.113.0/24");
      }
    }
    return ranges;
  }

  boolean isEmpty() {
    return cidrs.isEmpty();
  }

  /**
   * The blocks without duplicates and without blocks that another one already contains: each block
   * costs one security group rule per port, and groups hold few rules (pain 9).
   */
  static List<String> collapse(List<String> cidrs) {
    var blocks = cidrs.stream().map(c -> IpAddresses.cidr(c).orElseThrow()).toList();
    var kept = new ArrayList<String>();
    for (int i = 0; i < blocks.size(); i++) {
      boolean covered = false;
      for (int j = 0; j < blocks.size() && !covered; j++) {
        var other = blocks.get(j);
        covered =
            j != i
                && other.contains(blocks.get(i))
                && (other.prefix() < blocks.get(i).prefix() || j < i);
      }
      if (!covered) {
        kept.add(cidrs.get(i));
      }
    }
    return List.copyOf(kept);
  }
}
