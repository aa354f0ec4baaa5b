package io.lbc.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiThrottleConfigTest {

  /** compat-spec §4, --aws-api-throttle default, as the reference prints it (services sorted). */
  @Test
  void defaultTableIsTheReferences() {
    assertThat(ApiThrottleConfig.defaults().toString())
        .isEqualTo(
            "Elastic Load Balancing v2:^RegisterTargets|^DeregisterTargets=4:20,"
                + "Elastic Load Balancing v2:^Describe.*=50:200,"
                + "Elastic Load Balancing v2:^Modify.*=3:20,"
                + "WAF Regional:^AssociateWebACL|DisassociateWebACL=0.5:1,"
                + "WAF Regional:^GetWebACLForResource|ListResourcesForWebACL=1:1,"
                + "WAFV2:^AssociateWebACL|DisassociateWebACL=0.5:1,"
                + "WAFV2:^GetWebACLForResource|ListResourcesForWebACL=1:1");
  }

  @Test
  void operationsFindTheirRulesAsGoRegexpMatchDoes() {
    var config = ApiThrottleConfig.defaults();
    String elb = "Elastic Load Balancing v2";

    assertThat(rates(config.rulesFor(elb, "RegisterTargets"))).containsExactly(4.0);
    assertThat(rates(config.rulesFor(elb, "DeregisterTargets"))).containsExactly(4.0);
    assertThat(rates(config.rulesFor(elb, "DescribeTargetHealth"))).containsExactly(50.0);
    assertThat(rates(config.rulesFor(elb, "ModifyListener"))).containsExactly(3.0);
    assertThat(config.rulesFor(elb, "CreateLoadBalancer")).isEmpty();
    // unanchored alternative: matches anywhere, as Go's regexp.Match does
    assertThat(rates(config.rulesFor("WAFV2", "DisassociateWebACL"))).containsExactly(0.5);
    assertThat(config.rulesFor("EC2", "DescribeSubnets")).isEmpty();
  }

  @Test
  void userEntriesReplaceTheirServicesDefaultsAndKeepTheOthers() {
    var config =
        ApiThrottleConfig.fromFlag(
            "Elastic Load Balancing v2:^Describe.*=10:20,EC2:.*=2.5:5,"
                + "Elastic Load Balancing v2:^Create.*=1:1");

    assertThat(config.toString())
        .isEqualTo(
            "EC2:.*=2.5:5,"
                + "Elastic Load Balancing v2:^Describe.*=10:20,"
                + "Elastic Load Balancing v2:^Create.*=1:1,"
                + "WAF Regional:^AssociateWebACL|DisassociateWebACL=0.5:1,"
                + "WAF Regional:^GetWebACLForResource|ListResourcesForWebACL=1:1,"
                + "WAFV2:^AssociateWebACL|DisassociateWebACL=0.5:1,"
                + "WAFV2:^GetWebACLForResource|ListResourcesForWebACL=1:1");
    assertThat(config.rulesFor("Elastic Load Balancing v2", "RegisterTargets")).isEmpty();
  }

  @Test
  void emptyFlagKeepsTheDefaults() {
    assertThat(ApiThrottleConfig.fromFlag("").toString())
        .isEqualTo(ApiThrottleConfig.defaults().toString());
  }

  @Test
  void malformedEntriesAreRefusedNamingThePart() {
    assertThatThrownBy(() -> ApiThrottleConfig.fromFlag("EC2:.*"))
        .hasMessage("EC2:.* must be formatted as serviceID:operationRegex=rate:burst");
    assertThatThrownBy(() -> ApiThrottleConfig.fromFlag("EC2=1:1"))
        .hasMessage("EC2 must be formatted as serviceID:operationRegex");
    assertThatThrownBy(() -> ApiThrottleConfig.fromFlag("EC2:.*=1"))
        .hasMessage("1 must be formatted as rate:burst");
    assertThatThrownBy(() -> ApiThrottleConfig.fromFlag("EC2:(=1:1"))
        .hasMessage("( must be valid regex expression for operation");
    assertThatThrownBy(() -> ApiThrottleConfig.fromFlag("EC2:.*=fast:1"))
        .hasMessage("fast must be valid float number as rate for operations per second");
    assertThatThrownBy(() -> ApiThrottleConfig.fromFlag("EC2:.*=1:many"))
        .hasMessage("many must be valid integer as burst for operations");
    assertThatThrownBy(() -> ApiThrottleConfig.fromFlag("EC2:.*=0:1"))
        .hasMessageContaining("positive rate");
  }

  private static List<Double> rates(List<ApiThrottleConfig.Rule> rules) {
    return rules.stream().map(ApiThrottleConfig.Rule::rate).toList();
  }
}
