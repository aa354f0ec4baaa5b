package io.lbc.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Crds;
import io.lbc.rig.InProcessController;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.time.Duration;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/**
 * A leader that loses its lease stops its workers at once but stays up, standing by, and leads
 * again when the lease is free: nothing reconciles while another replica holds the lease.
 */
@RigTest
class LeadershipLossIT {
  private static final String LEASE = "aws-load-balancer-controller-leader";

  @Test
  void aLeaderThatLosesTheLeaseStopsWorkingStaysUpAndLeadsAgainLater(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace ns) {
    Crds.apply(kube);
    var vpc = AwsFixtures.clusterVpc(aws.ec2(), InProcessController.CLUSTER_NAME);
    try (var controller =
        InProcessController.start(
            rig,
            aws,
            vpc.vpcId(),
            ns.name(),
            "--enable-leader-election=true",
            "--leader-election-namespace=" + ns.name())) {
      await().atMost(Duration.ofSeconds(60)).until(() -> controller.runtime().isLeading());
      boolean readyWhileLeading = controller.runtime().isReady();

      // another replica takes the lease (as after a network partition), for long enough
      await()
          .atMost(Duration.ofSeconds(20))
          .ignoreExceptions()
          .until(
              () ->
                  kube.resources(Lease.class)
                          .inNamespace(ns.name())
                          .withName(LEASE)
                          .edit(
                              l -> {
                                l.getSpec().setHolderIdentity("another-replica");
                                l.getSpec().setLeaseDurationSeconds(20);
                                l.getSpec().setRenewTime(ZonedDateTime.now());
                                return l;
                              })
                      != null);
      await().atMost(Duration.ofSeconds(30)).until(controller::leadershipLost);
      assertThat(controller.runtime().isLeading()).isFalse();
      assertThat(controller.runtime().isReady())
          .as("the process stays up, as ready as it was")
          .isEqualTo(readyWhileLeading);

      // while the other holds the lease, a new Service is not touched
      kube.resource(service(ns.name())).create();
      long writes = controller.awsWrites();
      await()
          .during(Duration.ofSeconds(5))
          .atMost(Duration.ofSeconds(15))
          .until(() -> controller.awsWrites() == writes);
      assertThat(aws.elbv2().describeLoadBalancers().loadBalancers()).isEmpty();

      // the other replica's lease runs out: this one leads again and does the work
      await().atMost(Duration.ofSeconds(90)).until(() -> controller.runtime().isLeading());
      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () -> assertThat(aws.elbv2().describeLoadBalancers().loadBalancers()).hasSize(1));
    }
  }

  private static io.fabric8.kubernetes.api.model.Service service(String namespace) {
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
        .withName("p80")
        .withPort(80)
        .withTargetPort(new IntOrString(80))
        .withProtocol("TCP")
        .endPort()
        .endSpec()
        .build();
  }
}
