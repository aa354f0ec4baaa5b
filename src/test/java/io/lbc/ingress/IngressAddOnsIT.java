package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.k8s.EventReasons;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.shield.model.Protection;
import software.amazon.awssdk.services.shield.model.Tag;
import software.amazon.awssdk.services.waf.model.WebACLSummary;
import software.amazon.awssdk.services.wafv2.model.WebACL;

/**
 * WAFv2, WAF Classic regional and Shield Advanced on a real Ingress, end to end: the controller
 * against moto and the apiserver, the AWS state read back with the SDK after each change.
 */
@RigTest
class IngressAddOnsIT {
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(IngressAddOnsIT.class);
  static final String PREFIX = "alb.ingress.kubernetes.io/";

  private Rig rig;
  private KubernetesClient kube;
  private AwsTestClients aws;
  private TestNamespace namespace;
  private IngressRig it;

  @BeforeEach
  void peers(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    this.rig = rig;
    this.kube = kube;
    this.aws = aws;
    this.namespace = namespace;
  }

  @AfterEach
  void stop() {
    if (it != null) {
      it.close();
    }
  }

  /** Starts a controller with the flags and an Ingress {@code shop} with the annotations. */
  private String shop(Map<String, String> annotations, String... flags) {
    it = IngressRig.start(rig, kube, aws, namespace, flags);
    it.nodePortService("web", Map.of());
    it.simpleIngress("shop", "web", annotations);
    it.awaitHostname("shop");
    return it.alb.onlyLoadBalancer().loadBalancerArn();
  }

  private Optional<String> wafv2Of(String lb) {
    return Optional.ofNullable(aws.wafv2().getWebACLForResource(r -> r.resourceArn(lb)).webACL())
        .map(WebACL::arn);
  }

  private Optional<String> wafRegionalOf(String lb) {
    return Optional.ofNullable(
            aws.wafRegional().getWebACLForResource(r -> r.resourceArn(lb)).webACLSummary())
        .map(WebACLSummary::webACLId);
  }

  private Optional<Protection> protectionOf(String lb) {
    return aws.shield().listProtections(r -> {}).protections().stream()
        .filter(p -> lb.equals(p.resourceArn()))
        .findFirst();
  }

  private void setAnnotations(Map<String, String> set, String... remove) {
    it.edit(
        "shop",
        i -> {
          var annotations = new HashMap<String, String>();
          if (i.getMetadata().getAnnotations() != null) {
            annotations.putAll(i.getMetadata().getAnnotations());
          }
          annotations.putAll(set);
          for (String key : remove) {
            annotations.remove(key);
          }
          i.getMetadata().setAnnotations(annotations);
          return i;
        });
  }

  @Test
  void wafv2FollowsTheArnThenTheNameThenNone() {
    String first = AwsFixtures.wafv2WebAcl(aws.wafv2(), "shop-first");
    String second = AwsFixtures.wafv2WebAcl(aws.wafv2(), "shop-second");
    String lb = shop(Map.of(PREFIX + "wafv2-acl-arn", first));
    await().atMost(IngressRig.CONVERGED).until(() -> wafv2Of(lb).equals(Optional.of(first)));

    setAnnotations(Map.of(PREFIX + "wafv2-acl-name", "shop-second"), PREFIX + "wafv2-acl-arn");
    await().atMost(IngressRig.CONVERGED).until(() -> wafv2Of(lb).equals(Optional.of(second)));

    setAnnotations(Map.of(PREFIX + "wafv2-acl-name", "none"));
    await().atMost(IngressRig.CONVERGED).until(() -> wafv2Of(lb).isEmpty());
    it.awaitSettled();
    assertThat(wafv2Of(lb)).isEmpty();
  }

  @Test
  void wafClassicAssociatesTheWebAclIdAndNoneRemovesIt() {
    String acl = AwsFixtures.wafRegionalWebAcl(aws.wafRegional(), "shop-classic");
    String lb = shop(Map.of(PREFIX + "waf-acl-id", acl));
    await().atMost(IngressRig.CONVERGED).until(() -> wafRegionalOf(lb).equals(Optional.of(acl)));

    it.annotate("shop", PREFIX + "waf-acl-id", "none");
    await().atMost(IngressRig.CONVERGED).until(() -> wafRegionalOf(lb).isEmpty());
  }

  @Test
  void shieldProtectsTheLoadBalancerAndFalseRemovesTheProtection() {
    aws.shield().createSubscription(r -> {});
    String lb = shop(Map.of(PREFIX + "shield-advanced-protection", "true"));
    await().atMost(IngressRig.CONVERGED).until(() -> protectionOf(lb).isPresent());
    Protection protection = protectionOf(lb).orElseThrow();
    assertThat(protection.name()).isEqualTo("managed by aws-load-balancer-controller");
    assertThat(
            aws.shield().listTagsForResource(r -> r.resourceARN(protection.protectionArn())).tags())
        .contains(Tag.builder().key("elbv2.k8s.aws/cluster").value(IngressRig.CLUSTER).build());

    it.annotate("shop", PREFIX + "shield-advanced-protection", "false");
    await().atMost(IngressRig.CONVERGED).until(() -> protectionOf(lb).isEmpty());
  }

  @Test
  void shieldWithoutASubscriptionLeavesTheMemberOutAndSaysWhy() {
    it = IngressRig.start(rig, kube, aws, namespace);
    it.nodePortService("web", Map.of());
    it.simpleIngress("shop", "web", Map.of(PREFIX + "shield-advanced-protection", "true"));

    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(it.events("shop", EventReasons.FAILED_BUILD_MODEL))
                    .anySatisfy(
                        e ->
                            assertThat(e.getMessage())
                                .contains(PREFIX + "shield-advanced-protection")
                                .contains("subscription")));
    it.awaitSettled();
    assertThat(it.alb.loadBalancers()).as("fails closed: nothing deployed").isEmpty();
    assertThat(aws.shield().listProtections(r -> {}).protections()).isEmpty();
  }

  @Test
  void aNoOpReconcileWithEveryAddOnOnWritesNothing() {
    aws.shield().createSubscription(r -> {});
    String v2 = AwsFixtures.wafv2WebAcl(aws.wafv2(), "noop-v2");
    String classic = AwsFixtures.wafRegionalWebAcl(aws.wafRegional(), "noop-classic");
    String lb =
        shop(
            Map.of(
                PREFIX + "wafv2-acl-name", "noop-v2",
                PREFIX + "waf-acl-id", classic,
                PREFIX + "shield-advanced-protection", "true"));
    await()
        .atMost(IngressRig.CONVERGED)
        .until(
            () ->
                wafv2Of(lb).equals(Optional.of(v2))
                    && wafRegionalOf(lb).equals(Optional.of(classic))
                    && protectionOf(lb).isPresent());
    it.awaitSettled();
    long writes = it.controller().awsWrites();
    long calls = it.controller().awsCallsTotal();
    var before = it.controller().awsCallsByOperation();

    it.annotate("shop", "example.com/owner", "team-a");
    it.awaitReconcileAfter(calls);

    log.info(
        "measured no-op reconcile with every add-on on: {} AWS calls, {} writes: {}",
        it.controller().awsCallsTotal() - calls,
        it.controller().awsWrites() - writes,
        it.callsSince(before));
    assertThat(it.callsSince(before))
        .as("no add-on call at all: their state is cached")
        .doesNotContainKeys(
            "GetWebACLForResource",
            "ListWebACLs",
            "DescribeProtection",
            "GetSubscriptionState",
            "AssociateWebACL",
            "CreateProtection");
    assertThat(it.controller().awsWrites()).isEqualTo(writes);
  }

  @Test
  void wafv2DisabledLeavesAnAssociationMadeOutsideInPlace() {
    String outside = AwsFixtures.wafv2WebAcl(aws.wafv2(), "made-outside");
    String lb = shop(Map.of(PREFIX + "wafv2-acl-arn", "none"), "--enable-wafv2=false");
    aws.wafv2().associateWebACL(r -> r.resourceArn(lb).webACLArn(outside));
    long calls = it.controller().awsCallsTotal();

    it.annotate("shop", "example.com/owner", "team-a");
    it.awaitReconcileAfter(calls);

    assertThat(wafv2Of(lb)).contains(outside);
    assertThat(it.controller().awsCalls("GetWebACLForResource")).isZero();
    assertThat(it.controller().awsCalls("DisassociateWebACL")).isZero();
    assertThat(it.events("shop", EventReasons.ADD_ON_DISABLED))
        .anySatisfy(e -> assertThat(e.getMessage()).contains("--enable-wafv2=false"));
  }
}
