package io.lbc.networking;

import static org.assertj.core.api.Assertions.assertThat;

import io.lbc.fake.InMemoryEc2;
import io.lbc.fake.InMemoryEc2.StoredRule;
import io.lbc.networking.RuleKey.RuleSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BackendRulesTest {
  private static final RuleSource BACKEND = RuleSource.securityGroup("sg-backend");
  private static final String D = BackendRules.DESCRIPTION;

  private final InMemoryEc2 ec2 = new InMemoryEc2();
  private final Map<String, RuleContribution> needs = new HashMap<>();
  private final Set<String> broken = new HashSet<>();
  private final BackendRules<String> rules =
      new BackendRules<>(
          ec2,
          new BackendRules.Bindings<>() {
            @Override
            public Set<String> candidates(String protocol, RuleSource source) {
              var result = new HashSet<String>();
              needs.forEach(
                  (binding, need) -> {
                    if (need.ranges().keySet().stream()
                        .anyMatch(
                            k -> k.protocol().equals(protocol) && k.source().equals(source))) {
                      result.add(binding);
                    }
                  });
              return result;
            }

            @Override
            public RuleContribution contribution(String binding) {
              if (broken.contains(binding)) {
                throw new IllegalStateException(binding + " cannot be resolved");
              }
              return needs.get(binding);
            }
          });

  @BeforeEach
  void groups() {
    ec2.addSecurityGroup("sg-node", Map.of());
  }

  private static RuleContribution tcp(int from, int to) {
    return new RuleContribution(
        Map.of(new RuleKey("sg-node", "tcp", BACKEND), new PortRange(from, to)));
  }

  private static StoredRule rule(int from, int to) {
    return new StoredRule("tcp", from, to, null, null, "sg-backend", D);
  }

  @Test
  void aggregatesBindingsIntoOneRangeAndShrinksItWhenOneGoes() {
    needs.put("a", tcp(30080, 30080));
    rules.update("a", needs.get("a"));
    needs.put("b", tcp(31000, 31000));
    rules.update("b", needs.get("b"));

    assertThat(ec2.rules("sg-node")).containsExactly(rule(30080, 31000));

    needs.remove("b");
    rules.remove("b", Optional.empty());
    assertThat(ec2.rules("sg-node")).containsExactly(rule(30080, 30080));

    needs.remove("a");
    rules.remove("a", Optional.empty());
    assertThat(ec2.rules("sg-node")).isEmpty();
  }

  @Test
  void asksBindingsItHasNotSeenSinceStartingBeforeShrinkingARule() {
    ec2.addRule("sg-node", rule(30080, 31000));
    needs.put("a", tcp(30080, 30080));
    needs.put("b", tcp(31000, 31000));

    rules.remove("a", Optional.of(needs.remove("a")));

    assertThat(ec2.rules("sg-node")).containsExactly(rule(31000, 31000));
  }

  @Test
  void aBindingThatCannotBeResolvedHoldsBackOnlyTheRulesItMayShare() {
    ec2.addRule("sg-node", rule(30080, 31000));
    ec2.addRule("sg-node", new StoredRule("tcp", 8080, 8080, "10.9.0.0/16", null, null, D));
    ec2.addRule("sg-node", new StoredRule("tcp", 22, 22, "0.0.0.0/0", null, null, "ssh, not ours"));
    needs.put("a", tcp(30080, 30080));
    needs.put("b", tcp(31000, 31000));
    broken.add("b");

    rules.update("a", tcp(30080, 30080));

    assertThat(ec2.rules("sg-node"))
        .containsExactlyInAnyOrder(
            rule(30080, 31000),
            new StoredRule("tcp", 22, 22, "0.0.0.0/0", null, null, "ssh, not ours"));
  }

  @Test
  void makesNoCallWhenABindingsNeedsDidNotChange() {
    needs.put("a", tcp(30080, 30080));
    rules.update("a", needs.get("a"));
    ec2.resetCalls();

    rules.update("a", tcp(30080, 30080));

    assertThat(ec2.calls("DescribeSecurityGroups")).isZero();
  }

  /**
   * Two bindings of one Service: the TCP one's reconcile asks the UDP one for its needs on demand,
   * but only brings the TCP rule in line; the UDP rule must still follow when the UDP binding
   * reports the very same needs itself.
   */
  @Test
  void needsLearnedOnDemandAreStillAppliedWhenTheirBindingReportsThem() {
    var udpKey = new RuleKey("sg-node", "udp", BACKEND);
    var tcpKey = new RuleKey("sg-node", "tcp", BACKEND);
    needs.put("tcp", tcp(8080, 8080));
    needs.put(
        "udp",
        new RuleContribution(
            Map.of(tcpKey, new PortRange(3478, 3478), udpKey, new PortRange(3478, 3478))));

    rules.update("tcp", needs.get("tcp"));
    rules.update("udp", needs.get("udp"));

    assertThat(ec2.rules("sg-node"))
        .containsExactlyInAnyOrder(
            rule(3478, 8080), new StoredRule("udp", 3478, 3478, null, null, "sg-backend", D));
  }
}
