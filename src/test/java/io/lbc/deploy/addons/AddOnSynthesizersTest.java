package io.lbc.deploy.addons;

import static org.assertj.core.api.Assertions.assertThat;

import io.lbc.aws.shield.Protection;
import io.lbc.aws.shield.Shield;
import io.lbc.aws.shield.ShieldSubscription;
import io.lbc.aws.wafv2.Wafv2;
import io.lbc.deploy.DeployContext;
import io.lbc.deploy.NonConvergingWrites;
import io.lbc.deploy.ResolvedTokens;
import io.lbc.model.ResourceType;
import io.lbc.model.Stack;
import io.lbc.model.StackId;
import io.lbc.model.addons.ShieldProtectionSpec;
import io.lbc.model.addons.WebAclAssociationSpec;
import io.lbc.model.elbv2.LoadBalancerSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The add-on synthesizers' decisions, over hand-written ports that record every call. */
class AddOnSynthesizersTest {
  static final String LB = "arn:aws:elasticloadbalancing:us-west-2:1:loadbalancer/app/x/1";
  static final String ACL = "arn:aws:wafv2:us-west-2:1:regional/webacl/a/1";

  private final List<String> calls = new ArrayList<>();

  private DeployContext context(Stack stack) {
    var tokens = new ResolvedTokens();
    tokens.put(ResourceType.LOAD_BALANCER, LoadBalancerSpec.ID, LoadBalancerSpec.ARN, LB);
    return new DeployContext(
        stack, "c", "vpc-1", Set.of(), tokens, new NonConvergingWrites().session(stack.id()));
  }

  private static Stack stack() {
    return new Stack(StackId.explicitIngressGroup("g"));
  }

  private static io.lbc.model.Token lbArn() {
    return ResourceType.LOAD_BALANCER.ref(LoadBalancerSpec.ID, LoadBalancerSpec.ARN);
  }

  /** WAFv2 with one association per resource, recording calls. */
  private final class FakeWafv2 implements Wafv2 {
    final Map<String, String> associations = new HashMap<>();

    public Optional<String> findWebAclArnForResource(String resourceArn) {
      calls.add("GetWebACLForResource");
      return Optional.ofNullable(associations.get(resourceArn));
    }

    public Optional<String> findWebAclArnByName(String name) {
      throw new AssertionError("not used by the synthesizer");
    }

    public void associateWebAcl(String resourceArn, String webAclArn) {
      calls.add("AssociateWebACL");
      associations.put(resourceArn, webAclArn);
    }

    public void disassociateWebAcl(String resourceArn) {
      calls.add("DisassociateWebACL");
      associations.remove(resourceArn);
    }
  }

  /** Shield with protections by resource ARN, recording calls. */
  private final class FakeShield implements Shield {
    final Map<String, Protection> protections = new HashMap<>();
    boolean subscribed = true;

    public boolean describeSubscriptionActive() {
      calls.add("GetSubscriptionState");
      return subscribed;
    }

    public Optional<Protection> findProtection(String resourceArn) {
      calls.add("DescribeProtection");
      return Optional.ofNullable(protections.get(resourceArn));
    }

    public String createProtection(String resourceArn, String name, Map<String, String> tags) {
      calls.add("CreateProtection " + tags.get("elbv2.k8s.aws/cluster"));
      protections.put(resourceArn, new Protection("p-1", name, resourceArn));
      return "p-1";
    }

    public void deleteProtection(String protectionId) {
      calls.add("DeleteProtection " + protectionId);
      protections.values().removeIf(p -> p.id().equals(protectionId));
    }
  }

  @Test
  void aWebAclIsAssociatedOnceThenTheCachedStateAnswers() {
    var wafv2 = new FakeWafv2();
    var synthesizer = WebAclAssociationSynthesizer.wafv2(WebAclAssociations.wafv2(wafv2));
    Stack stack = stack();
    stack.add(LoadBalancerSpec.ID, new WebAclAssociationSpec(ACL, lbArn()));

    synthesizer.synthesize(context(stack));
    synthesizer.synthesize(context(stack));

    assertThat(calls).containsExactly("GetWebACLForResource", "AssociateWebACL");
    assertThat(wafv2.associations).containsEntry(LB, ACL);
  }

  @Test
  void noneDisassociatesAndAStackWithoutTheResourceTouchesNothing() {
    var wafv2 = new FakeWafv2();
    wafv2.associations.put(LB, ACL);
    var synthesizer = WebAclAssociationSynthesizer.wafv2(WebAclAssociations.wafv2(wafv2));

    synthesizer.synthesize(context(stack()));
    assertThat(calls).isEmpty();

    Stack none = stack();
    none.add(LoadBalancerSpec.ID, new WebAclAssociationSpec("", lbArn()));
    synthesizer.synthesize(context(none));
    synthesizer.synthesize(context(none));
    assertThat(calls).containsExactly("GetWebACLForResource", "DisassociateWebACL");
  }

  @Test
  void shieldCreatesATaggedProtectionAndLeavesOneItDidNotCreate() {
    var shield = new FakeShield();
    var protections = new ShieldProtections(shield, new ShieldSubscription(shield));
    var synthesizer = new ShieldProtectionSynthesizer(protections);
    Stack on = stack();
    on.add(LoadBalancerSpec.ID, new ShieldProtectionSpec(true, lbArn()));
    synthesizer.synthesize(context(on));
    assertThat(calls)
        .containsExactly("GetSubscriptionState", "DescribeProtection", "CreateProtection c");

    calls.clear();
    shield.protections.put(LB, new Protection("p-mine", "made by hand", LB));
    var fresh =
        new ShieldProtectionSynthesizer(
            new ShieldProtections(shield, new ShieldSubscription(shield)));
    Stack off = stack();
    off.add(LoadBalancerSpec.ID, new ShieldProtectionSpec(false, lbArn()));
    fresh.synthesize(context(off));
    assertThat(calls).containsExactly("GetSubscriptionState", "DescribeProtection");
    assertThat(shield.protections).containsKey(LB);
  }

  @Test
  void shieldDeletesTheLegacyControllersProtectionAndDoesNothingWithoutASubscription() {
    var shield = new FakeShield();
    shield.protections.put(
        LB, new Protection("p-old", "managed by aws-alb-ingress-controller", LB));
    Stack off = stack();
    off.add(LoadBalancerSpec.ID, new ShieldProtectionSpec(false, lbArn()));

    shield.subscribed = false;
    new ShieldProtectionSynthesizer(new ShieldProtections(shield, new ShieldSubscription(shield)))
        .synthesize(context(off));
    assertThat(calls).containsExactly("GetSubscriptionState");

    calls.clear();
    shield.subscribed = true;
    new ShieldProtectionSynthesizer(new ShieldProtections(shield, new ShieldSubscription(shield)))
        .synthesize(context(off));
    assertThat(calls)
        .containsExactly("GetSubscriptionState", "DescribeProtection", "DeleteProtection p-old");
    assertThat(shield.protections).isEmpty();
  }
}
