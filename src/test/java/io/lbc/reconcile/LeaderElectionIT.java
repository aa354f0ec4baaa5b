package io.lbc.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.ControllerProcess;
import io.lbc.rig.Crds;
import io.lbc.rig.Edits;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Two controller processes against one rig: only the leader reconciles; killing it hands the lease
 * to the standby within the lease duration, and the new leader converges a change made during the
 * handover.
 */
@RigTest
class LeaderElectionIT {
  static final String CLUSTER = "leader-it";
  static final Duration LEASE = Duration.ofSeconds(15);
  private static final Pattern LEADING =
      Pattern.compile(
          "leader_election_master_status\\{name=\"aws-load-balancer-controller-leader\"} (\\S+)");
  private static final Pattern CALLS =
      Pattern.compile("aws_api_calls_total\\{[^}]*operation=\"(\\w+)\"[^}]*} (\\S+)");

  @Test
  void onlyTheLeaderReconcilesAndTheStandbyTakesOverWithinTheLease(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace ns) {
    Crds.apply(kube);
    var vpc = AwsFixtures.clusterVpc(aws.ec2(), CLUSTER);
    List<String> flags =
        List.of(
            "--cluster-name=" + CLUSTER,
            "--aws-vpc-id=" + vpc.vpcId(),
            "--watch-namespace=" + ns.name(),
            "--leader-election-namespace=" + ns.name(),
            "--webhook-bind-port=0");
    var first = ControllerProcess.start(rig, aws, "leader-first", flags);
    var second = ControllerProcess.start(rig, aws, "leader-second", flags);
    try {
      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () -> {
                assertThat(first.probe("/readyz").status()).isEqualTo(200);
                assertThat(second.probe("/readyz").status()).isEqualTo(200);
                assertThat(leading(first) + leading(second)).isEqualTo(1);
              });
      ControllerProcess leader = leading(first) == 1 ? first : second;
      ControllerProcess standby = leader == first ? second : first;

      kube.resource(service(ns.name(), 80)).create();
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> assertThat(aws.elbv2().describeLoadBalancers().loadBalancers()).hasSize(1));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(listenerPorts(aws)).containsExactly(80));
      assertThat(writes(leader)).as("AWS writes of the leader").isPositive();
      assertThat(writes(standby)).as("AWS writes of the standby").isZero();

      leader.kill();
      long killedAt = System.nanoTime();
      Edits.edit(
          kube.services().inNamespace(ns.name()).withName("echo"),
          s ->
              new ServiceBuilder(s)
                  .editSpec()
                  .addToPorts(
                      new ServicePortBuilder()
                          .withName("p8080")
                          .withPort(8080)
                          .withTargetPort(new IntOrString(8080))
                          .withProtocol("TCP")
                          .build())
                  .endSpec()
                  .build());

      await()
          .atMost(LEASE.plusSeconds(15))
          .pollInterval(Duration.ofMillis(250))
          .untilAsserted(() -> assertThat(leading(standby)).isEqualTo(1));
      Duration handover = Duration.ofNanos(System.nanoTime() - killedAt);
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(() -> assertThat(listenerPorts(aws)).containsExactlyInAnyOrder(80, 8080));
      Duration converged = Duration.ofNanos(System.nanoTime() - killedAt);
      System.out.printf(
          "leader-election: new leader after %d ms, change converged after %d ms%n",
          handover.toMillis(), converged.toMillis());
      assertThat(handover).as("time to a new leader").isLessThanOrEqualTo(LEASE.plusSeconds(5));
      assertThat(aws.elbv2().describeLoadBalancers().loadBalancers())
          .as("no second NLB")
          .hasSize(1);
    } finally {
      first.close();
      second.close();
    }
  }

  private static Service service(String namespace, int port) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName("echo")
        .withNamespace(namespace)
        .addToAnnotations("service.beta.kubernetes.io/aws-load-balancer-type", "nlb-ip")
        .endMetadata()
        .withNewSpec()
        .withType("LoadBalancer")
        .addToSelector("app", "echo")
        .addNewPort()
        .withName("p" + port)
        .withPort(port)
        .withTargetPort(new IntOrString(port))
        .withProtocol("TCP")
        .endPort()
        .endSpec()
        .build();
  }

  private static List<Integer> listenerPorts(AwsTestClients aws) {
    var lbs = aws.elbv2().describeLoadBalancers().loadBalancers();
    if (lbs.isEmpty()) {
      return List.of();
    }
    return aws
        .elbv2()
        .describeListeners(r -> r.loadBalancerArn(lbs.get(0).loadBalancerArn()))
        .listeners()
        .stream()
        .map(l -> l.port())
        .sorted()
        .toList();
  }

  private static int leading(ControllerProcess controller) {
    Matcher m = LEADING.matcher(controller.metrics().body());
    return m.find() ? (int) Double.parseDouble(m.group(1)) : -1;
  }

  private static double writes(ControllerProcess controller) {
    Matcher m = CALLS.matcher(controller.metrics().body());
    double writes = 0;
    while (m.find()) {
      String op = m.group(1);
      if (!(op.startsWith("Describe") || op.startsWith("List") || op.startsWith("Get"))) {
        writes += Double.parseDouble(m.group(2));
      }
    }
    return writes;
  }
}
