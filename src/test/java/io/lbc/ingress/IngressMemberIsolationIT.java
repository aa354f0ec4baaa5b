package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.k8s.EventReasons;
import io.lbc.reconcile.LastGoodVersions;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * One malformed member does not sink its group: the others converge, it is told why in a Warning
 * event naming the annotation, it can still be deleted, and a member that breaks keeps its last
 * good rules.
 */
@RigTest
class IngressMemberIsolationIT {
  private static final String INTERVAL = "alb.ingress.kubernetes.io/healthcheck-interval-seconds";

  private final String group =
      "iso-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
  private IngressRig it;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    it = IngressRig.start(rig, kube, aws, namespace);
  }

  @AfterEach
  void stop() {
    it.close();
  }

  private void member(String name, Map<String, String> annotations) {
    it.nodePortService(name, Map.of());
    var all = new java.util.HashMap<>(annotations);
    all.put("alb.ingress.kubernetes.io/group.name", group);
    it.simpleIngress(name, name, all);
  }

  private List<String> ruleHosts() {
    return it.alb.ruleViews(it.alb.onlyListener(80).listenerArn()).stream()
        .flatMap(r -> r.hosts().stream())
        .toList();
  }

  private void awaitWarningNamingTheAnnotation(String member) {
    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(it.events(member, EventReasons.FAILED_BUILD_MODEL))
                    .singleElement()
                    .satisfies(
                        e -> {
                          assertThat(e.getType()).isEqualTo("Warning");
                          assertThat(e.getMessage()).contains(INTERVAL);
                        }));
  }

  @Test
  void fourMembersConvergeAroundAMalformedFifthThatCanStillBeDeleted() {
    List<String> good = List.of("one", "two", "three", "four");
    good.forEach(m -> member(m, Map.of()));
    member("bad", Map.of(INTERVAL, "abc"));

    it.awaitHostnames(good.toArray(String[]::new));
    awaitWarningNamingTheAnnotation("bad");
    it.awaitSettled();
    assertThat(ruleHosts())
        .containsExactlyInAnyOrder(
            "one.example.com", "two.example.com", "three.example.com", "four.example.com");
    assertThat(it.alb.targetGroups()).hasSize(4);
    String hostname = it.get("one").flatMap(IngressRig::hostname).orElseThrow();
    good.forEach(m -> assertThat(it.get(m).flatMap(IngressRig::hostname)).contains(hostname));
    assertThat(it.get("bad").flatMap(IngressRig::hostname)).isEmpty();
    assertThat(it.get("bad").orElseThrow().getMetadata().getFinalizers())
        .containsExactly("group.ingress.k8s.aws/" + group);

    it.delete("bad");
    it.awaitGone("bad");
    it.awaitSettled();
    assertThat(ruleHosts()).hasSize(4);
    assertThat(it.alb.targetGroups()).hasSize(4);
  }

  @Test
  void aMemberThatBreaksKeepsItsLastGoodRulesUntilFixed() {
    member("one", Map.of(INTERVAL, "20"));
    member("two", Map.of());
    it.awaitHostnames("one", "two");
    it.awaitSettled();
    Map<String, String> before = targetGroupsByService();
    long writes = it.controller().awsWrites();

    it.annotate("one", INTERVAL, "abc");

    awaitWarningNamingTheAnnotation("one");
    it.awaitSettled();
    assertThat(ruleHosts()).containsExactlyInAnyOrder("one.example.com", "two.example.com");
    assertThat(targetGroupsByService()).isEqualTo(before);
    assertThat(it.alb.targetGroup(before.get("one")).healthCheckIntervalSeconds()).isEqualTo(20);
    assertThat(it.get("one").flatMap(IngressRig::hostname)).isPresent();
    assertThat(it.controller().awsWrites()).isEqualTo(writes);

    it.annotate("one", INTERVAL, "30");

    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(it.alb.targetGroup(before.get("one")).healthCheckIntervalSeconds())
                    .isEqualTo(30));
  }

  @Test
  void aBrokenMemberKeepsItsRulesAcrossAControllerRestart() {
    member("one", Map.of(INTERVAL, "20"));
    member("two", Map.of());
    it.awaitHostnames("one", "two");
    it.awaitSettled();
    Map<String, String> before = targetGroupsByService();
    it.annotate("one", INTERVAL, "abc");
    awaitWarningNamingTheAnnotation("one");
    it.awaitSettled();

    // The new controller never saw a good version of "one" itself: the version recorded on the
    // Ingress is deployed in its place, exactly as before, so nothing changes in AWS.
    restartAndAwaitReconcile("one");

    assertThat(it.controller().awsWrites()).isZero();
    assertThat(ruleHosts()).containsExactlyInAnyOrder("one.example.com", "two.example.com");
    assertThat(targetGroupsByService()).isEqualTo(before);
    assertThat(it.alb.targetGroup(before.get("one")).healthCheckIntervalSeconds()).isEqualTo(20);

    it.annotate("one", INTERVAL, "30");

    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(it.alb.targetGroup(before.get("one")).healthCheckIntervalSeconds())
                    .isEqualTo(30));
  }

  @Test
  void afterARestartABrokenMemberKeepsItsRulesAndAnotherMembersDeletionCompletes() {
    member("one", Map.of(INTERVAL, "20"));
    member("two", Map.of());
    it.awaitHostnames("one", "two");
    it.awaitSettled();
    Map<String, String> before = targetGroupsByService();
    it.annotate("one", INTERVAL, "abc");
    awaitWarningNamingTheAnnotation("one");
    it.awaitSettled();

    restartAndAwaitReconcile("one");
    it.delete("two");

    it.awaitGone("two");
    it.awaitSettled();
    assertThat(ruleHosts()).containsExactly("one.example.com");
    assertThat(it.alb.targetGroups())
        .extracting(TargetGroup::targetGroupArn)
        .containsExactly(before.get("one"));
    assertThat(it.alb.targetGroup(before.get("one")).healthCheckIntervalSeconds()).isEqualTo(20);
    assertThat(it.get("one").flatMap(IngressRig::hostname)).isPresent();
  }

  @Test
  void withoutARecordedVersionTheGroupHoldsButADeletionStillCompletes() {
    member("one", Map.of(INTERVAL, "20"));
    member("two", Map.of());
    member("three", Map.of());
    it.awaitHostnames("one", "two", "three");
    it.awaitSettled();

    // as an older controller (or the reference) left it: served, broken, nothing recorded
    it.restartWithoutCheckpoints(
        () -> {
          it.annotate("one", INTERVAL, "abc");
          it.edit(
              "one",
              i -> {
                i.getMetadata().getAnnotations().remove(LastGoodVersions.ANNOTATION);
                return i;
              });
        });
    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(it.events("two", EventReasons.FAILED_BUILD_MODEL))
                    .anySatisfy(
                        e ->
                            assertThat(e.getMessage())
                                .contains(it.ns + "/one", "kept as deployed")));
    assertThat(ruleHosts()).hasSize(3);

    it.delete("three");

    it.awaitGone("three");
    it.awaitSettled();
    assertThat(ruleHosts()).containsExactly("two.example.com");
  }

  /**
   * Restarts the controller and waits until the new one has reconciled the group (it reports the
   * broken member). The count is taken before the restart: a quick new controller may report before
   * a count taken afterwards.
   */
  private void restartAndAwaitReconcile(String broken) {
    // a new process writes a new Event rather than counting up the old one
    int warningsBefore = it.events(broken, EventReasons.FAILED_BUILD_MODEL).size();
    it.restartWithoutCheckpoints(() -> {});
    await()
        .atMost(IngressRig.CONVERGED)
        .until(() -> it.events(broken, EventReasons.FAILED_BUILD_MODEL).size() > warningsBefore);
    it.awaitSettled();
  }

  /** Target group ARNs by the name of the Service they front (from the resource-id tag). */
  private Map<String, String> targetGroupsByService() {
    var result = new java.util.TreeMap<String, String>();
    for (TargetGroup tg : it.alb.targetGroups()) {
      String resource = it.alb.tags(tg.targetGroupArn()).get("ingress.k8s.aws/resource");
      String service = resource.substring(resource.lastIndexOf('-') + 1, resource.indexOf(':'));
      result.put(service, tg.targetGroupArn());
    }
    return result;
  }
}
