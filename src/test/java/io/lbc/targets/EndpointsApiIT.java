package io.lbc.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.fake.K8sObjects;
import io.lbc.k8s.TargetGroupBindingSpec.BindingTargetType;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Crds;
import io.lbc.rig.InProcessController;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.ServiceAccounts;
import io.lbc.rig.TestNamespace;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * {@code --enable-endpoint-slices=false}: targets come from the Service's core/v1 Endpoints, as in
 * the reference: registered from the ready addresses, deregistered when an address turns not ready.
 * The controller runs with the ServiceAccount bound to exactly the roles of {@code
 * manifests/base/rbac.yaml}, so this also proves they allow reading Endpoints (the one rule RbacIT,
 * which runs with EndpointSlices, does not use).
 */
@RigTest
class EndpointsApiIT {
  private KubernetesClient kube;
  private String ns;
  private BindingFixtures fixtures;
  private InProcessController controller;

  @AfterEach
  void stop() {
    try {
      fixtures.releaseBindings();
    } finally {
      if (controller != null) {
        controller.close();
      }
      fixtures.close();
    }
  }

  @Test
  void targetsAreReadFromEndpointsWhenEndpointSlicesAreOff(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace)
      throws Exception {
    this.kube = kube;
    this.ns = namespace.name();
    this.fixtures = new BindingFixtures(kube, aws, ns);
    Crds.apply(kube);
    var vpc = AwsFixtures.clusterVpc(aws.ec2(), InProcessController.CLUSTER_NAME);
    var kubeconfig = ServiceAccounts.withManifestRoles(rig, kube, ns);
    controller =
        InProcessController.start(
            rig,
            aws,
            vpc.vpcId(),
            ns,
            "--kubeconfig=" + kubeconfig,
            "--enable-endpoint-slices=false");

    String arn = fixtures.targetGroup("by-endpoints", TargetTypeEnum.IP, vpc.vpcId());
    fixtures.service(K8sObjects.service(ns, "web", 80));
    endpoints(List.of("10.0.11.1", "10.0.11.2"), List.of());
    fixtures.create(fixtures.binding("web", arn, BindingTargetType.IP, "web", 80));
    awaitTargets(arn, List.of("10.0.11.1:8080", "10.0.11.2:8080"));

    endpoints(List.of("10.0.11.1", "10.0.11.3"), List.of("10.0.11.2"));
    awaitTargets(arn, List.of("10.0.11.1:8080", "10.0.11.3:8080"));
  }

  /**
   * The Service's Endpoints, written by hand: the rig runs the endpoint-slice controller but not
   * the (deprecated) endpoints controller, so nothing else writes or overwrites them.
   */
  private void endpoints(List<String> ready, List<String> notReady) {
    var endpoints =
        new EndpointsBuilder()
            .withNewMetadata()
            .withNamespace(ns)
            .withName("web")
            .endMetadata()
            .addNewSubset()
            .withAddresses(
                ready.stream().map(ip -> new EndpointAddressBuilder().withIp(ip).build()).toList())
            .withNotReadyAddresses(
                notReady.stream()
                    .map(ip -> new EndpointAddressBuilder().withIp(ip).build())
                    .toList())
            .addNewPort()
            .withName("http")
            .withPort(8080)
            .withProtocol("TCP")
            .endPort()
            .endSubset()
            .build();
    kube.resource(endpoints).createOr(existing -> existing.update());
  }

  private void awaitTargets(String arn, List<String> expected) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertThat(fixtures.targets(arn)).containsExactlyElementsOf(expected));
  }
}
