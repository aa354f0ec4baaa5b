package io.lbc.networking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lbc.aws.ApiThrottleConfig;
import io.lbc.aws.InstanceMetadataTestAccess;
import io.lbc.config.AwsSettings;
import io.lbc.config.UserError;
import io.lbc.fake.InMemoryEc2;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The VPC lookup order of the reference: flag, tags, instance metadata, then $NODENAME. */
class VpcResolverTest {
  final InMemoryEc2 ec2 = new InMemoryEc2();

  static AwsSettings settings(Optional<String> vpcId, Optional<String> nodeName) {
    return new AwsSettings(
        "us-west-2",
        vpcId,
        Map.of(),
        Map.of(),
        1,
        Duration.ofSeconds(5),
        Duration.ofSeconds(5),
        ApiThrottleConfig.defaults(),
        new AwsSettings.Discovery("Name", nodeName, Map.of()));
  }

  static Supplier<String> noMetadata() {
    return () -> {
      throw InstanceMetadataTestAccess.unavailable("no IMDS here");
    };
  }

  @Test
  void theFlagWinsOverTheMetadata() {
    ec2.addVpc("vpc-1", "10.0.0.0/16");
    var vpc =
        VpcResolver.resolve(
            settings(Optional.of("vpc-1"), Optional.empty()), ec2, () -> "vpc-other");
    assertThat(vpc.vpcId()).isEqualTo("vpc-1");
  }

  @Test
  void withoutFlagsTheMetadataTellsTheVpc() {
    ec2.addVpc("vpc-2", "10.2.0.0/16");
    var vpc = VpcResolver.resolve(settings(Optional.empty(), Optional.empty()), ec2, () -> "vpc-2");
    assertThat(vpc.vpcId()).isEqualTo("vpc-2");
  }

  @Test
  void withoutMetadataTheNodeNamedByNodenameTellsTheVpc() {
    ec2.addVpc("vpc-1", "10.0.0.0/16");
    ec2.addInstance("i-0abc", "10.0.1.5", "sg-1");
    var vpc =
        VpcResolver.resolve(settings(Optional.empty(), Optional.of("i-0abc")), ec2, noMetadata());
    assertThat(vpc.vpcId()).isEqualTo("vpc-1");
    assertThat(ec2.calls("DescribeInstances")).isEqualTo(1);
  }

  @Test
  void aNodenameThatIsNoInstanceIdIsNotLookedUpAndTheErrorSaysWhatWasTried() {
    assertThatThrownBy(
            () ->
                VpcResolver.resolve(
                    settings(Optional.empty(), Optional.of("ip-10-0-1-5.ec2.internal")),
                    ec2,
                    noMetadata()))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("--aws-vpc-id")
        .hasMessageContaining("no IMDS here")
        .hasMessageContaining("not an instance ID");
    assertThat(ec2.calls("DescribeInstances")).isZero();
  }
}
