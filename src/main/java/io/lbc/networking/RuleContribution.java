package io.lbc.networking;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The inbound rules one binding needs: one port range per (security group, protocol, source). */
public record RuleContribution(Map<RuleKey, PortRange> ranges) {
  public static final RuleContribution NONE = new RuleContribution(Map.of());

  public RuleContribution {
    ranges = Map.copyOf(ranges);
  }

  public Set<String> groupIds() {
    var ids = new TreeSet<String>();
    ranges.keySet().forEach(k -> ids.add(k.groupId()));
    return ids;
  }
}
