package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code minimum-load-balancer-capacity} and {@code ipam-ipv4-pool-id} (compat-spec §1.3 #10, #12)
 * against moto and the real API server: the ALB is created in the pool with the reserved capacity,
 * a no-op reconcile writes nothing, a new value is applied, 0 resets the reservation, and removing
 * the pool annotation removes the pool.
 */
@RigTest
class IngressLoadBalancerExtrasIT {
  private static final String CAPACITY = "alb.ingress.kubernetes.io/minimum-load-balancer-capacity";
  private static final String POOL = "alb.ingress.kubernetes.io/ipam-ipv4-pool-id";

  private IngressRig it;
  private AwsTestClients aws;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    this.aws = aws;
    it = IngressRig.start(rig, kube, aws, namespace);
    it.nodePortService("web", Map.of());
    it.simpleIngress(
        "shop", "web", Map.of(CAPACITY, "CapacityUnits=400", POOL, "ipam-pool-0123456789abcdef0"));
    it.awaitHostname("shop");
    it.awaitSettled();
  }

  @AfterEach
  void stop() {
    it.close();
  }

  private String arn() {
    return it.alb.onlyLoadBalancer().loadBalancerArn();
  }

  private Integer reservedUnits() {
    var reservation = aws.elbv2().describeCapacityReservation(r -> r.loadBalancerArn(arn()));
    return reservation.minimumLoadBalancerCapacity() == null
        ? null
        : reservation.minimumLoadBalancerCapacity().capacityUnits();
  }

  private String pool() {
    var pools = it.alb.onlyLoadBalancer().ipamPools();
    return pools == null ? null : pools.ipv4IpamPoolId();
  }

  @Test
  void createdInThePoolWithTheCapacityAndANoOpWritesNothing() {
    assertThat(pool()).isEqualTo("ipam-pool-0123456789abcdef0");
    assertThat(reservedUnits()).isEqualTo(400);

    long writes = it.controller().awsWrites();
    long calls = it.controller().awsCallsTotal();
    var before = it.controller().awsCallsByOperation();
    it.annotate("shop", "example.com/owner", "team-a");
    it.awaitReconcileAfter(calls);
    assertThat(it.controller().awsWrites())
        .as("writes of a no-op reconcile: %s", it.callsSince(before))
        .isEqualTo(writes);
  }

  @Test
  void changesAreAppliedInPlace() {
    String arn = arn();
    it.annotate("shop", CAPACITY, "CapacityUnits=600");
    it.annotate("shop", POOL, "ipam-pool-0fedcba9876543210");
    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(
            () -> {
              assertThat(reservedUnits()).isEqualTo(600);
              assertThat(pool()).isEqualTo("ipam-pool-0fedcba9876543210");
            });

    it.annotate("shop", CAPACITY, "CapacityUnits=0");
    it.edit(
        "shop",
        ing -> {
          ing.getMetadata().getAnnotations().remove(POOL);
          return ing;
        });
    await()
        .atMost(IngressRig.CONVERGED)
        .untilAsserted(
            () -> {
              assertThat(reservedUnits()).isNull();
              assertThat(pool()).isNull();
            });
    assertThat(arn()).as("the same load balancer").isEqualTo(arn);
  }
}
