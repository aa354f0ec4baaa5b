package io.lbc.aws.elbv2;

import static org.assertj.core.api.Assertions.assertThat;

import io.lbc.rig.AwsTestClients;
import io.lbc.rig.ElbAccountLimits;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Limit;

/**
 * Pins the emulator extension {@code rig/moto_ext/lbc_moto_ext/elbv2_account_limits.py} on the raw
 * SDK: DescribeAccountLimits answers AWS's names and defaults, and a limit a test sets.
 */
@RigTest
class MotoAccountLimitsIT {

  private static Map<String, String> limits(ElasticLoadBalancingV2Client elb) {
    return elb.describeAccountLimits(r -> {}).limits().stream()
        .collect(Collectors.toMap(Limit::name, Limit::max));
  }

  @Test
  void answersAwsDefaultsUntilATestSetsALimit(Rig rig, AwsTestClients aws) {
    assertThat(limits(aws.elbv2()))
        .containsEntry("targets-per-application-load-balancer", "1000")
        .containsEntry("targets-per-network-load-balancer", "3000")
        .containsEntry("targets-per-availability-zone-per-network-load-balancer", "500")
        .containsEntry("target-groups-per-application-load-balancer", "100")
        .containsEntry("listeners-per-application-load-balancer", "50")
        .containsEntry("rules-per-application-load-balancer", "100");

    new ElbAccountLimits(rig.motoUrl()).set(Map.of("targets-per-network-load-balancer", 3));

    assertThat(limits(aws.elbv2()))
        .containsEntry("targets-per-network-load-balancer", "3")
        .containsEntry("targets-per-application-load-balancer", "1000");
  }
}
