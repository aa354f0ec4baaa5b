package io.lbc.deploy.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import io.lbc.deploy.ResolvedTokens;
import io.lbc.model.SharedRefs;
import io.lbc.model.Token;
import io.lbc.model.ec2.IpPermission;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngressRuleSyncTest {
  private static IpPermission tcp(int port, String... cidrs) {
    return new IpPermission(
        "tcp",
        port,
        port,
        java.util.Arrays.stream(cidrs).map(c -> new IpPermission.IpRange(c, null)).toList(),
        List.of(),
        List.of(),
        List.of());
  }

  @Test
  void rulesCompareAsSetsOfSingleSourcesWhateverTheirGrouping() {
    var tokens = new ResolvedTokens();
    var desired = List.of(tcp(80, "10.0.0.0/8", "192.168.0.0/16"), tcp(443, "10.0.0.0/8"));
    var actual = List.of(tcp(80, "192.168.0.0/16"), tcp(80, "10.0.0.0/8"), tcp(443, "10.0.0.0/8"));
    assertThat(IngressRuleSync.between(desired, actual, tokens).isEmpty()).isTrue();
  }

  @Test
  void authorizesWhatIsMissingAndRevokesWhatIsExtra() {
    var tokens = new ResolvedTokens();
    var sync =
        IngressRuleSync.between(
            List.of(tcp(80, "10.0.0.0/8")), List.of(tcp(80, "0.0.0.0/0")), tokens);
    assertThat(sync.toAuthorize()).containsExactly(tcp(80, "10.0.0.0/8"));
    assertThat(sync.toRevoke()).containsExactly(tcp(80, "0.0.0.0/0"));
  }

  @Test
  void groupSourcesAreResolvedBeforeComparing() {
    var tokens = new ResolvedTokens();
    tokens.put(SharedRefs.BACKEND_SECURITY_GROUP, "sg-backend");
    var desired =
        new IpPermission(
            "tcp",
            0,
            65535,
            List.of(),
            List.of(),
            List.of(),
            List.of(
                new IpPermission.UserIdGroupPair(SharedRefs.BACKEND_SECURITY_GROUP, "backend")));
    var actual =
        new IpPermission(
            "tcp",
            0,
            65535,
            List.of(),
            List.of(),
            List.of(),
            List.of(new IpPermission.UserIdGroupPair(Token.of("sg-backend"), null)));
    assertThat(IngressRuleSync.between(List.of(desired), List.of(actual), tokens).isEmpty())
        .isTrue();
  }
}
