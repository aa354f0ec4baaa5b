package io.lbc.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reference's {@code awslbc_*} controller metrics and {@code aws_target_group_info}: what
 * counts as an error and under which category, the top talkers of a window, cache object counts.
 */
class LbcMetricsTest {
  static final class Wait extends RuntimeException {}

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ReconcileStages stages = new ReconcileStages(registry, Wait.class::isInstance);

  private double errors(String controller, String category) {
    var counter =
        registry
            .find("awslbc.controller.reconcile.errors")
            .tag("controller", controller)
            .tag("error_category", category)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private long stageCount(String controller, String stage) {
    var summary =
        registry
            .find("awslbc.controller.reconcile.stage.duration")
            .tag("controller", controller)
            .tag("reconcile_stage", stage)
            .summary();
    return summary == null ? 0 : summary.count();
  }

  @Test
  void aStageIsTimedWhetherItSucceedsOrFails() {
    assertThat(stages.time("service", ReconcileStage.BUILD_MODEL, () -> 7)).isEqualTo(7);
    assertThatThrownBy(
            () ->
                stages.run(
                    "service",
                    ReconcileStage.BUILD_MODEL,
                    () -> {
                      throw new IllegalStateException("bad");
                    }))
        .hasMessage("bad");
    assertThat(stageCount("service", "build_model")).isEqualTo(2);
    assertThat(errors("service", "build_model_error")).isEqualTo(1);
  }

  @Test
  void aFailedSynthesizerCountsUnderItsTypeAndUnderDeployModelAsInTheReference() {
    assertThatThrownBy(
            () ->
                stages.run(
                    "ingress",
                    ReconcileStage.DEPLOY_MODEL,
                    () ->
                        stages.run(
                            "ingress",
                            ReconcileStage.synthesizer("*elbv2.listenerSynthesizer"),
                            () -> {
                              throw new IllegalStateException("CertificateNotFound");
                            })))
        .isInstanceOf(IllegalStateException.class);
    assertThat(errors("ingress", "*elbv2.listenerSynthesizer")).isEqualTo(1);
    assertThat(errors("ingress", "deploy_model_error")).isEqualTo(1);
    assertThat(stageCount("ingress", "*elbv2.listenerSynthesizer")).isEqualTo(1);
  }

  @Test
  void anExpectedWaitIsNotAnError() {
    assertThatThrownBy(
            () ->
                stages.run(
                    "service",
                    ReconcileStage.DEPLOY_MODEL,
                    () -> {
                      throw new Wait();
                    }))
        .isInstanceOf(Wait.class);
    assertThat(errors("service", "deploy_model_error")).isZero();
    assertThat(stageCount("service", "deploy_model")).isEqualTo(1);
  }

  @Test
  void stageNamesAndCategoriesAreTheReferences() {
    assertThat(ReconcileStage.DNS_RESOLVE_AND_UPDATE_STATUS.errorCategory())
        .isEqualTo("dns_resolve_and_update_status_error");
    assertThat(ReconcileStage.RECONCILE_TARGETGROUPBINDING.name())
        .isEqualTo("reconcile_targetgroupbinding");
    assertThat(ReconcileStage.synthesizer("*ec2.securityGroupSynthesizer").errorCategory())
        .isEqualTo("*ec2.securityGroupSynthesizer");
  }

  @Test
  void topTalkersAreTheThreeMostReconciledObjectsOfEachControllerInTheWindow() {
    var talkers = new TopTalkers(registry);
    for (int i = 0; i < 5; i++) {
      talkers.reconciled("service", "a", "busy");
    }
    talkers.reconciled("service", "a", "one");
    talkers.reconciled("service", "a", "two");
    talkers.reconciled("service", "a", "two");
    talkers.reconciled("service", "a", "three");
    talkers.reconciled("service", "a", "three");
    talkers.reconciled("service", "a", "three");
    talkers.reconciled("targetGroupBinding", "b", "binding");
    talkers.reconciled("gateway-class", null, "ignored");

    talkers.publish();

    assertThat(rows())
        .containsExactlyInAnyOrder(
            "service a busy 5.0",
            "service a three 3.0",
            "service a two 2.0",
            "targetgroupbinding b binding 1.0");
    // the next window starts from zero and replaces the last publication
    talkers.reconciled("ingress", "c", "web");
    talkers.publish();
    assertThat(rows()).containsExactly("ingress c web 1.0");
  }

  private List<String> rows() {
    return registry.find("awslbc.controller.top.talkers").gauges().stream()
        .map(
            g ->
                g.getId().getTag("controller")
                    + " "
                    + g.getId().getTag("namespace")
                    + " "
                    + g.getId().getTag("name")
                    + " "
                    + g.value())
        .toList();
  }

  @Test
  void aKindHeldInTwoStoresCountsAsItsLargestStore() {
    var counts = new CacheObjectCounts(registry);
    counts.watch("service", "service", () -> 2);
    counts.watch("service", "cluster cache", () -> 3);
    counts.watch("pod", "cluster cache", () -> 1);
    // a controller registered again replaces its store
    counts.watch("pod", "cluster cache", () -> 2);

    assertThat(cacheObjects("service")).isEqualTo(3);
    assertThat(cacheObjects("pod")).isEqualTo(2);
  }

  private double cacheObjects(String resource) {
    return registry
        .get("awslbc.controller.cache.object")
        .tag("resource", resource)
        .functionCounter()
        .count();
  }

  @Test
  void targetGroupInfoNamesTheTargetGroupAsCloudWatchDoes() {
    var info = new TargetGroupInfo(registry);
    String arn =
        "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/k8s-a-web-0123456789/abcdef0123456789";
    info.bound("a", "web", arn);
    info.bound("a", "web", arn);

    var gauges = registry.find("aws.target.group.info").gauges();
    assertThat(gauges).hasSize(1);
    assertThat(gauges.iterator().next().getId().getTag("target_group"))
        .isEqualTo("targetgroup/k8s-a-web-0123456789/abcdef0123456789");
    assertThat(gauges.iterator().next().getId().getTag("service")).isEqualTo("web");
    assertThat(gauges.iterator().next().value()).isEqualTo(1);

    info.unbound("a", "web", arn);
    assertThat(registry.find("aws.target.group.info").gauges()).isEmpty();
  }
}
