package io.lbc.aws.addons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lbc.aws.AwsErrors;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.RigTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.shield.model.SubscriptionState;

/**
 * The emulator's extensions for the load balancer add-ons ({@code rig/moto_ext}, rows of {@code
 * rig/moto-gaps.md}), called with the raw SDK: they must answer in AWS's shapes.
 */
@RigTest
class AddOnMotoExtensionsIT {
  static final String LB =
      "arn:aws:elasticloadbalancing:us-west-2:123456789012:loadbalancer/app/ext/0123456789abcdef";

  @Test
  void wafRegionalAssociatesReplacesAndDisassociatesWebAcls(AwsTestClients aws) {
    var waf = aws.wafRegional();
    String first = AwsFixtures.wafRegionalWebAcl(waf, "ext-first");
    String second = AwsFixtures.wafRegionalWebAcl(waf, "ext-second");
    assertThat(waf.getWebACLForResource(r -> r.resourceArn(LB)).webACLSummary()).isNull();

    waf.associateWebACL(r -> r.resourceArn(LB).webACLId(first));
    assertThat(waf.getWebACLForResource(r -> r.resourceArn(LB)).webACLSummary().webACLId())
        .isEqualTo(first);
    waf.associateWebACL(r -> r.resourceArn(LB).webACLId(second));
    assertThat(waf.getWebACLForResource(r -> r.resourceArn(LB)).webACLSummary().webACLId())
        .isEqualTo(second);
    assertThat(waf.listResourcesForWebACL(r -> r.webACLId(first)).resourceArns()).isEmpty();

    waf.disassociateWebACL(r -> r.resourceArn(LB));
    assertThat(waf.getWebACLForResource(r -> r.resourceArn(LB)).webACLSummary()).isNull();
    assertThatThrownBy(() -> waf.associateWebACL(r -> r.resourceArn(LB).webACLId("missing")))
        .satisfies(
            e -> assertThat(AwsErrors.errorCode(e)).isEqualTo("WAFNonexistentItemException"));
  }

  @Test
  void shieldAnswersTheSubscriptionState(AwsTestClients aws) {
    var shield = aws.shield();
    SubscriptionState before = shield.getSubscriptionState(r -> {}).subscriptionState();
    shield.createSubscription(r -> {});
    assertThat(shield.getSubscriptionState(r -> {}).subscriptionState())
        .isEqualTo(SubscriptionState.ACTIVE);
    assertThat(before).isEqualTo(SubscriptionState.INACTIVE); // moto is reset before each test
  }

  @Test
  void wafv2AssociatingAnotherWebAclReplacesTheAssociation(AwsTestClients aws) {
    var wafv2 = aws.wafv2();
    String first = AwsFixtures.wafv2WebAcl(wafv2, "ext-v2-first");
    String second = AwsFixtures.wafv2WebAcl(wafv2, "ext-v2-second");
    String lb = LB.replace("/ext/", "/ext-v2/");

    wafv2.associateWebACL(r -> r.resourceArn(lb).webACLArn(first));
    wafv2.associateWebACL(r -> r.resourceArn(lb).webACLArn(second));

    assertThat(wafv2.getWebACLForResource(r -> r.resourceArn(lb)).webACL().arn()).isEqualTo(second);
    wafv2.disassociateWebACL(r -> r.resourceArn(lb));
    assertThat(wafv2.getWebACLForResource(r -> r.resourceArn(lb)).webACL()).isNull();
  }
}
