package io.lbc.service;

import static io.lbc.service.ServiceObjects.PREFIX;
import static io.lbc.service.ServiceObjects.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.k8s.EventReasons;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A malformed or refused annotation on a Service that already has its NLB: a Warning event and a
 * False LoadBalancerReady condition that name the annotation (and, when refused, why), and AWS left
 * exactly as it was. A typo is reported once with the nearest known key and changes nothing.
 */
@RigTest
class MalformedServiceAnnotationsIT {
  private ServiceRig world;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    world = new ServiceRig(rig, kube, aws, namespace);
    world.start();
    world.convergeOnPods(
        ServiceObjects.nlbIp(
            world.ns,
            "web",
            Map.of(PREFIX + "aws-load-balancer-scheme", "internet-facing"),
            port("http", 80, "TCP", 8080)),
        1);
  }

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void aHealthCheckIntervalThatIsNoNumberIsReportedAndChangesNothing() {
    assertReportedWithoutChange("aws-load-balancer-healthcheck-interval", "abc");
  }

  @Test
  void anUnknownHealthCheckProtocolIsReportedAndChangesNothing() {
    assertReportedWithoutChange("aws-load-balancer-healthcheck-protocol", "smtp");
  }

  @Test
  void fewerElasticIpsThanSubnetsAreReportedAndChangeNothing() {
    String allocation = world.aws.ec2().allocateAddress(r -> r.domain("vpc")).allocationId();
    assertReportedWithoutChange("aws-load-balancer-eip-allocations", allocation);
  }

  @Test
  void aMalformedWeightedActionIsReportedWithWhyAndChangesNothing() {
    assertReportedWithoutChange(
        "actions.TCP-80",
        "{\"type\":\"forward\",\"forwardConfig\":{\"targetGroups\":[{\"serviceName\":\"web\","
            + "\"targetGroupARN\":\"arn:aws:elasticloadbalancing:us-west-2:123456789012:"
            + "targetgroup/web/0123456789abcdef\",\"servicePort\":80,\"weight\":50}]}}");
    assertThat(world.events("web", EventReasons.FAILED_BUILD_MODEL))
        .anySatisfy(
            e ->
                assertThat(e.getMessage())
                    .isEqualTo(
                        PREFIX
                            + "actions.TCP-80: invalid TargetGroupTuple: precisely one of"
                            + " targetGroupARN and serviceName can be specified"));
  }

  @Test
  void aTypoIsReportedOnceWithTheNearestKeyAndTheServiceStaysReady() {
    long writes = world.settledWrites();

    world.annotate("web", "aws-load-balancer-healthcheck-paht", "/healthz");

    await()
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(world.events("web", EventReasons.UNKNOWN_ANNOTATION))
                    .singleElement()
                    .satisfies(
                        e -> {
                          assertThat(e.getType()).isEqualTo("Warning");
                          assertThat(e.getMessage())
                              .isEqualTo(
                                  PREFIX
                                      + "aws-load-balancer-healthcheck-paht is not an annotation"
                                      + " this controller knows, so it has no effect; did you mean "
                                      + PREFIX
                                      + "aws-load-balancer-healthcheck-path?");
                        }));
    world.awaitReady("web");
    assertThat(world.events("web", EventReasons.FAILED_BUILD_MODEL)).isEmpty();

    world.annotate("web", "aws-load-balancer-additional-resource-tags", "team=web");
    await().atMost(ServiceRig.CONVERGED).until(() -> world.controller().awsWrites() > writes);
    world.settledWrites();
    assertThat(world.events("web", EventReasons.UNKNOWN_ANNOTATION))
        .as("reconciling the same typo again says nothing new")
        .singleElement()
        .satisfies(e -> assertThat(e.getCount()).isEqualTo(1));
  }

  private void assertReportedWithoutChange(String suffix, String value) {
    String annotation = PREFIX + suffix;
    List<String> before = world.state().snapshot(world.ns, "web");
    var statusBefore = world.get("web").getStatus().getLoadBalancer();
    long writes = world.settledWrites();

    world.annotate("web", suffix, value);

    await()
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(
            () -> {
              assertThat(world.events("web", EventReasons.FAILED_BUILD_MODEL))
                  .singleElement()
                  .satisfies(
                      e -> {
                        assertThat(e.getType()).isEqualTo("Warning");
                        assertThat(e.getMessage()).contains(annotation);
                      });
              assertThat(world.readyCondition("web"))
                  .hasValueSatisfying(
                      c -> {
                        assertThat(c.getStatus()).isEqualTo("False");
                        assertThat(c.getReason()).isEqualTo(EventReasons.FAILED_BUILD_MODEL);
                        assertThat(c.getMessage()).contains(annotation);
                      });
            });
    // No hot retry: the error waits for the user, so not even a read follows it.
    long calls = world.controller().awsCallsTotal();
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(world.controller().awsWrites()).isEqualTo(writes);
              assertThat(world.controller().awsCallsTotal()).isEqualTo(calls);
            });
    assertThat(world.state().snapshot(world.ns, "web")).isEqualTo(before);
    // The address stays: the NLB still serves.
    assertThat(world.get("web").getStatus().getLoadBalancer()).isEqualTo(statusBefore);

    // Fixed, the Service is ready again without touching AWS: it never drifted.
    world.annotate("web", suffix, null);
    world.awaitReady("web");
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(world.controller().awsWrites()).isEqualTo(writes));
    assertThat(world.state().snapshot(world.ns, "web")).isEqualTo(before);
  }
}
