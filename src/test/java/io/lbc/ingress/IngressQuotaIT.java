package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.k8s.EventReasons;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A group that would exceed a load balancer quota (moto's DescribeAccountLimits: 50 listeners per
 * ALB) is not deployed at all, and each member is told which quota, how many and the limit.
 */
@RigTest
class IngressQuotaIT {
  private IngressRig it;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    it = IngressRig.start(rig, kube, aws, namespace);
  }

  @AfterEach
  void stop() {
    it.close();
  }

  private static String ports(int from, int to) {
    return IntStream.rangeClosed(from, to)
        .mapToObj(p -> "{\"HTTP\": " + p + "}")
        .collect(Collectors.joining(",", "[", "]"));
  }

  @Test
  void aGroupOverTheListenerQuotaIsNotDeployedAndEveryMemberIsWarned() {
    it.nodePortService("web", Map.of());
    it.simpleIngress(
        "a",
        "web",
        Map.of(
            "alb.ingress.kubernetes.io/group.name",
            "big",
            "alb.ingress.kubernetes.io/listen-ports",
            ports(8001, 8051)));
    it.simpleIngress(
        "b",
        "web",
        Map.of(
            "alb.ingress.kubernetes.io/group.name",
            "big",
            "alb.ingress.kubernetes.io/listen-ports",
            ports(9001, 9051)));

    // each member alone is over the quota too: whichever is reconciled first, nothing deploys
    String expected =
        "listeners-per-application-load-balancer: the stack needs 102, the account's limit is 50";
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              for (String member : new String[] {"a", "b"}) {
                assertThat(it.events(member, EventReasons.FAILED_DEPLOY_MODEL))
                    .anySatisfy(e -> assertThat(e.getMessage()).contains(expected));
              }
            });
    it.awaitSettled();
    assertThat(it.alb.loadBalancers()).isEmpty();
    assertThat(it.alb.targetGroups()).isEmpty();
    assertThat(it.alb.securityGroups()).isEmpty();
    assertThat(it.controller().awsWrites()).isZero();
    assertThat(it.controller().awsCalls("DescribeAccountLimits")).isEqualTo(1);

    // brought under the quota, the group deploys
    it.annotate("a", "alb.ingress.kubernetes.io/listen-ports", ports(8001, 8025));
    it.annotate("b", "alb.ingress.kubernetes.io/listen-ports", ports(9001, 9025));
    it.awaitHostnames("a", "b");
    assertThat(it.alb.listeners(it.alb.onlyLoadBalancer().loadBalancerArn())).hasSize(50);
  }
}
