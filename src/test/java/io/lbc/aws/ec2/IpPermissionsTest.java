package io.lbc.aws.ec2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lbc.model.Token;
import io.lbc.model.ec2.IpPermission;
import io.lbc.model.ec2.IpPermission.IpRange;
import io.lbc.model.ec2.IpPermission.Ipv6Range;
import io.lbc.model.ec2.IpPermission.PrefixListId;
import io.lbc.model.ec2.IpPermission.UserIdGroupPair;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpPermissionsTest {
  private static software.amazon.awssdk.services.ec2.model.IpPermission.Builder sdk(
      String protocol, Integer from, Integer to) {
    return software.amazon.awssdk.services.ec2.model.IpPermission.builder()
        .ipProtocol(protocol)
        .fromPort(from)
        .toPort(to);
  }

  @Test
  void mergesEntriesOfTheSameProtocolAndPortsKeepingFirstSeenOrder() {
    var answer =
        List.of(
            sdk("tcp", 443, 443).ipRanges(r -> r.cidrIp("10.0.0.0/8").description("vpc")).build(),
            sdk("tcp", 80, 80).ipRanges(r -> r.cidrIp("0.0.0.0/0")).build(),
            sdk("tcp", 443, 443)
                .ipRanges(
                    r -> r.cidrIp("192.168.0.0/16"), r -> r.cidrIp("10.0.0.0/8").description("vpc"))
                .userIdGroupPairs(p -> p.groupId("sg-1").userId("123"))
                .build());

    assertThat(IpPermissions.fromSdk(answer))
        .containsExactly(
            new IpPermission(
                "tcp",
                443,
                443,
                List.of(new IpRange("10.0.0.0/8", "vpc"), new IpRange("192.168.0.0/16", null)),
                List.of(),
                List.of(),
                List.of(new UserIdGroupPair(Token.of("sg-1"), null))),
            new IpPermission(
                "tcp",
                80,
                80,
                List.of(new IpRange("0.0.0.0/0", null)),
                List.of(),
                List.of(),
                List.of()));
  }

  @Test
  void allTrafficHasNullPortsWhateverAwsAnswers() {
    var answer =
        List.of(
            sdk("-1", -1, -1).ipRanges(r -> r.cidrIp("10.0.0.0/8")).build(),
            sdk("-1", null, null).ipv6Ranges(r -> r.cidrIpv6("::/0")).build());

    assertThat(IpPermissions.fromSdk(answer))
        .containsExactly(
            new IpPermission(
                "-1",
                null,
                null,
                List.of(new IpRange("10.0.0.0/8", null)),
                List.of(new Ipv6Range("::/0", null)),
                List.of(),
                List.of()));
  }

  @Test
  void sendsEverySourceKindAndReadsItBackEqual() {
    var permission =
        new IpPermission(
            "udp",
            53,
            53,
            List.of(new IpRange("10.0.0.0/16", "dns")),
            List.of(new Ipv6Range("2600::/56", null)),
            List.of(new PrefixListId("pl-1234", "prefix")),
            List.of(new UserIdGroupPair(Token.of("sg-9"), "from lb")));

    var sent = IpPermissions.toSdk(List.of(permission));

    assertThat(sent.get(0).userIdGroupPairs().get(0).groupId()).isEqualTo("sg-9");
    assertThat(IpPermissions.fromSdk(sent)).containsExactly(permission);
  }

  @Test
  void sendsNoPortsForAllTrafficAndNoEmptyLists() {
    var sent =
        IpPermissions.toSdk(
                List.of(
                    new IpPermission(
                        "-1", -1, -1, List.of(new IpRange("10.0.0.0/8", null)), null, null, null)))
            .get(0);

    assertThat(sent.fromPort()).isNull();
    assertThat(sent.toPort()).isNull();
    assertThat(sent.hasIpv6Ranges()).isFalse();
    assertThat(sent.hasUserIdGroupPairs()).isFalse();
  }

  @Test
  void refusesAnUnresolvedGroupReference() {
    var permission =
        new IpPermission(
            "tcp",
            80,
            80,
            List.of(),
            List.of(),
            List.of(),
            List.of(new UserIdGroupPair(Token.Ref.shared("backendSecurityGroup"), null)));

    assertThatThrownBy(() -> IpPermissions.toSdk(List.of(permission)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("#/shared/backendSecurityGroup");
  }
}
