package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.annotations.DeclaredKey;
import io.lbc.annotations.KeyInventory;
import io.lbc.annotations.Surface;
import io.lbc.k8s.EventReasons;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * Nothing is silently ignored: a member that asks for what this controller refuses (none is left:
 * the refusal cases run again once a key is declared refused) is left out with a Warning naming the
 * key and why, and fails closed, while its group converges; a typo is reported with the nearest
 * known key and the member deploys. (No IngressClassParams field is refused any more: the last
 * ones, minimumLoadBalancerCapacity and ipamConfiguration, are honoured.)
 */
@RigTest
class IngressRefusedKeysIT {
  private static final String ALB = "alb.ingress.kubernetes.io/";

  private final String suffix =
      Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
  private final String group = "refused-" + suffix;
  private IngressRig it;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    it = IngressRig.start(rig, kube, aws, namespace);
  }

  @AfterEach
  void stop() {
    it.close();
  }

  /**
   * A refused Ingress annotation, read in every configuration: none is left since the target
   * optimizer is honoured, so the refusal cases skip until one is declared again.
   */
  private static DeclaredKey refused() {
    var key =
        KeyInventory.keys().stream()
            .filter(k -> k.surface() == Surface.INGRESS_ANNOTATION && k.support().refused())
            .filter(k -> !k.template() && k.onlyWithGate().isEmpty())
            .findFirst();
    assumeTrue(key.isPresent(), "no Ingress annotation is refused any more");
    return key.get();
  }

  private static String refusal(DeclaredKey key) {
    return key.fullKey() + ": " + key.support().reason();
  }

  @Test
  void aMemberAskingForARefusedFeatureIsOutAndItsPeersConverge() {
    DeclaredKey key = refused();
    member("one", Map.of());
    member("two", Map.of());
    member("optimized", Map.of(key.fullKey(), "3000"));

    it.awaitHostnames("one", "two");
    awaitRefusal("optimized", refusal(key));
    it.awaitSettled();

    assertThat(ruleHosts()).containsExactlyInAnyOrder("one.example.com", "two.example.com");
    assertThat(it.alb.targetGroups()).hasSize(2);
    assertThat(it.get("optimized").flatMap(IngressRig::hostname)).isEmpty();
  }

  @Test
  void aDeployedMemberThatAsksForARefusedFeatureFailsClosed() {
    DeclaredKey key = refused();
    member("one", Map.of());
    member("two", Map.of());
    it.awaitHostnames("one", "two");
    it.awaitSettled();
    String oneTargetGroup = targetGroupOf("one");

    it.annotate("one", key.fullKey(), "3000");

    awaitRefusal("one", refusal(key));
    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(() -> assertThat(ruleHosts()).containsExactly("two.example.com"));
    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(() -> assertThat(it.get("one").flatMap(IngressRig::hostname)).isEmpty());
    it.awaitSettled();
    assertThat(it.alb.targetGroups())
        .extracting(TargetGroup::targetGroupArn)
        .doesNotContain(oneTargetGroup)
        .hasSize(1);
  }

  @Test
  void aRefusedKeyFailsClosedAlsoRightAfterARestart() {
    DeclaredKey key = refused();
    member("one", Map.of());
    member("two", Map.of());
    it.awaitHostnames("one", "two");
    it.awaitSettled();

    // The new controller never saw a good version of "one": for bad input it would keep the group
    // as deployed, but a refused key must not keep "one" served.
    it.restartController(() -> it.annotate("one", key.fullKey(), "3000"));

    awaitRefusal("one", refusal(key));
    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(() -> assertThat(ruleHosts()).containsExactly("two.example.com"));
    assertThat(it.events("two", EventReasons.FAILED_BUILD_MODEL)).isEmpty();
  }

  @Test
  void aTypoKeyIsReportedWithTheNearestKeyOnceAndTheMemberDeploys() {
    member("typo", Map.of(ALB + "heathcheck-path", "/healthz"));

    it.awaitHostnames("typo");
    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(it.events("typo", EventReasons.UNKNOWN_ANNOTATION))
                    .singleElement()
                    .satisfies(
                        e -> {
                          assertThat(e.getType()).isEqualTo("Warning");
                          assertThat(e.getMessage())
                              .isEqualTo(
                                  ALB
                                      + "heathcheck-path is not an annotation this controller"
                                      + " knows, so it has no effect; did you mean "
                                      + ALB
                                      + "healthcheck-path?");
                        }));
    it.awaitSettled();
    assertThat(ruleHosts()).containsExactly("typo.example.com");
    assertThat(it.events("typo", EventReasons.FAILED_BUILD_MODEL)).isEmpty();

    // Another reconcile of the same annotations says nothing new.
    long calls = it.controller().awsCallsTotal();
    it.annotate("typo", ALB + "tags", "team=shop");
    it.awaitReconcileAfter(calls);
    it.awaitSettled();
    assertThat(it.events("typo", EventReasons.UNKNOWN_ANNOTATION))
        .singleElement()
        .satisfies(e -> assertThat(e.getCount()).isEqualTo(1));
  }

  private void member(String name, Map<String, String> annotations) {
    it.nodePortService(name, Map.of());
    var all = new HashMap<>(annotations);
    all.put(ALB + "group.name", group);
    it.simpleIngress(name, name, all);
  }

  private void awaitRefusal(String member, String messageStart) {
    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(it.events(member, EventReasons.FAILED_BUILD_MODEL))
                    .singleElement()
                    .satisfies(
                        e -> {
                          assertThat(e.getType()).isEqualTo("Warning");
                          assertThat(e.getMessage()).startsWith(messageStart);
                        }));
  }

  private List<String> ruleHosts() {
    return it.alb.ruleViews(it.alb.onlyListener(80).listenerArn()).stream()
        .flatMap(r -> r.hosts().stream())
        .toList();
  }

  private String targetGroupOf(String member) {
    return it.alb.ruleViews(it.alb.onlyListener(80).listenerArn()).stream()
        .filter(r -> r.hosts().contains(member + ".example.com"))
        .flatMap(r -> r.targets().stream())
        .findFirst()
        .orElseThrow();
  }
}
