package io.lbc.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.lbc.fake.K8sObjects;
import io.lbc.fake.K8sObjects.Ep;
import io.lbc.k8s.cache.SlimEndpointSlice;
import io.lbc.k8s.cache.SlimPod;
import io.lbc.k8s.cache.SlimService;
import io.lbc.targets.DesiredTarget.PodRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IpEndpointResolverTest {
  private final IpEndpointResolver resolver = new IpEndpointResolver();
  private final Map<String, Pod> pods = new java.util.HashMap<>();
  private final Map<String, String> nodeReadiness = new java.util.HashMap<>();
  private boolean failOpen = true;

  private ResolvedTargets resolve(List<Ep> endpoints) {
    return resolve(endpoints, null);
  }

  private ResolvedTargets resolve(List<Ep> endpoints, String quicVariable) {
    var service = K8sObjects.service("ns", "web", 80);
    var slice = K8sObjects.slice("ns", "web-1", "web", 8080, endpoints);
    return resolver.resolve(
        new IpEndpointResolver.Inputs(
            "ns",
            "tgb",
            SlimService.of(service).spec().ports().get(0),
            "IPv4",
            List.of(SlimEndpointSlice.of(slice)),
            ref -> Optional.ofNullable(pods.get(ref.name())).map(SlimPod::of),
            ip -> ip.startsWith("10.") ? null : "all",
            node -> Optional.ofNullable(nodeReadiness.get(node)),
            failOpen,
            quicVariable));
  }

  @Test
  void readyEndpointsBecomeTargetsOnTheContainerPortOfTheSlice() {
    var resolved = resolve(List.of(Ep.ready("10.0.0.1"), Ep.ready("10.0.0.2")));

    assertThat(resolved.ready())
        .extracting(DesiredTarget::key)
        .containsExactly(new TargetKey("10.0.0.1", 8080), new TargetKey("10.0.0.2", 8080));
    assertThat(resolved.notReady()).isEmpty();
  }

  @Test
  void sortsNotReadyAndTerminatingEndpointsApart() {
    var resolved =
        resolve(List.of(Ep.ready("10.0.0.1"), Ep.notReady("10.0.0.2"), Ep.terminating("10.0.0.3")));

    assertThat(resolved.ready()).extracting(t -> t.target().id()).containsExactly("10.0.0.1");
    assertThat(resolved.notReady()).extracting(t -> t.target().id()).containsExactly("10.0.0.2");
    assertThat(resolved.terminating()).extracting(t -> t.target().id()).containsExactly("10.0.0.3");
  }

  @Test
  void aPodHeldBackOnlyByOurReadinessGateCountsAsReady() {
    pods.put(
        "a",
        K8sObjects.pod(
            "ns", "a", "10.0.0.1", 8080, true, false, "target-health.elbv2.k8s.aws/tgb"));
    pods.put(
        "b",
        K8sObjects.pod(
            "ns", "b", "10.0.0.2", 8080, false, false, "target-health.elbv2.k8s.aws/tgb"));
    pods.put(
        "c",
        K8sObjects.pod(
            "ns", "c", "10.0.0.3", 8080, true, false, "target-health.elbv2.k8s.aws/other"));

    var resolved =
        resolve(
            List.of(
                Ep.notReady("10.0.0.1").pod("a"),
                Ep.notReady("10.0.0.2").pod("b"),
                Ep.notReady("10.0.0.3").pod("c")));

    assertThat(resolved.ready()).extracting(t -> t.target().id()).containsExactly("10.0.0.1");
    assertThat(resolved.ready().get(0).pod()).isEqualTo(new PodRef("ns", "a"));
    assertThat(resolved.ready().get(0).readySince()).isNotNull();
    assertThat(resolved.notReady())
        .extracting(t -> t.target().id())
        .containsExactly("10.0.0.2", "10.0.0.3");
  }

  @Test
  void anAddressOutsideTheVpcIsRegisteredInAllZones() {
    var resolved = resolve(List.of(Ep.ready("10.0.0.1"), Ep.ready("172.16.0.1")));

    assertThat(resolved.ready())
        .extracting(t -> t.target().availabilityZone())
        .containsExactly(null, "all");
  }

  @Test
  void quicTargetsCarryTheirPodsServerIdInElbFormatAndOthersNone() {
    Pod quic = K8sObjects.pod("ns", "q", "10.0.0.1", 8080, true, true);
    quic.getMetadata().setAnnotations(Map.of(io.lbc.k8s.cache.SlimPod.QUIC_CONTAINERS, "web"));
    quic.getSpec()
        .getContainers()
        .get(0)
        .setEnv(List.of(new EnvVar("QUIC_ID", "ASNFZ4mrze8=", null)));
    Pod unannotated = K8sObjects.pod("ns", "u", "10.0.0.2", 8080, true, true);
    unannotated
        .getSpec()
        .getContainers()
        .get(0)
        .setEnv(List.of(new EnvVar("QUIC_ID", "ASNFZ4mrze8=", null)));
    pods.put("q", quic);
    pods.put("u", unannotated);
    var endpoints =
        List.of(Ep.ready("10.0.0.1").pod("q"), Ep.ready("10.0.0.2").pod("u"), Ep.ready("10.0.0.3"));

    assertThat(resolve(endpoints, "QUIC_ID").ready())
        .extracting(DesiredTarget::key)
        .containsExactly(
            new TargetKey("10.0.0.1", 8080, "0x0123456789abcdef"),
            new TargetKey("10.0.0.2", 8080),
            new TargetKey("10.0.0.3", 8080));
    assertThat(resolve(endpoints, null).ready())
        .as("not a QUIC target group")
        .extracting(t -> t.target().quicServerId())
        .containsOnlyNulls();
  }

  @Test
  void anEndpointListedInTwoSlicesTakesItsBestState() {
    var service = K8sObjects.service("ns", "web", 80);
    var old = K8sObjects.slice("ns", "web-1", "web", 8080, List.of(Ep.terminating("10.0.0.1")));
    var now = K8sObjects.slice("ns", "web-2", "web", 8080, List.of(Ep.ready("10.0.0.1")));
    var resolved =
        resolver.resolve(
            new IpEndpointResolver.Inputs(
                "ns",
                "tgb",
                SlimService.of(service).spec().ports().get(0),
                "IPv4",
                List.of(SlimEndpointSlice.of(old), SlimEndpointSlice.of(now)),
                ref -> Optional.empty(),
                ip -> null,
                node -> Optional.empty(),
                true,
                null));

    assertThat(resolved.ready()).hasSize(1);
    assertThat(resolved.terminating()).isEmpty();
  }

  @Test
  void skipsSlicesOfTheOtherAddressFamilyOrWithoutThePort() {
    var service = K8sObjects.service("ns", "web", 80);
    var v6 = K8sObjects.slice("ns", "web-6", "web", 8080, List.of(Ep.ready("fd00::1")));
    v6.setAddressType("IPv6");
    var otherPort = K8sObjects.slice("ns", "web-x", "web", 8080, List.of(Ep.ready("10.0.0.5")));
    otherPort.getPorts().get(0).setName("metrics");
    var resolved =
        resolver.resolve(
            new IpEndpointResolver.Inputs(
                "ns",
                "tgb",
                SlimService.of(service).spec().ports().get(0),
                "IPv4",
                List.of(SlimEndpointSlice.of(v6), SlimEndpointSlice.of(otherPort)),
                ref -> Optional.empty(),
                ip -> null,
                node -> Optional.empty(),
                true,
                null));

    assertThat(resolved.all()).isEmpty();
  }

  /** Pods "a" (node n-unknown) and "b" (node n-down), containers ready, endpoints not ready. */
  private List<Ep> podsOnStaleNodes() {
    nodeReadiness.put("n-unknown", "Unknown");
    nodeReadiness.put("n-down", "False");
    var a = K8sObjects.pod("ns", "a", "10.0.0.1", 8080, true, false);
    a.getSpec().setNodeName("n-unknown");
    var b = K8sObjects.pod("ns", "b", "10.0.0.2", 8080, true, false);
    b.getSpec().setNodeName("n-down");
    pods.put("a", a);
    pods.put("b", b);
    return List.of(Ep.notReady("10.0.0.1").pod("a"), Ep.notReady("10.0.0.2").pod("b"));
  }

  @Test
  void withNothingReadyTheEndpointsOnNodesOfUnknownReadinessAreRegisteredWhenFailingOpen() {
    var resolved = resolve(podsOnStaleNodes());

    assertThat(resolved.ready()).extracting(t -> t.target().id()).containsExactly("10.0.0.1");
    assertThat(resolved.ready().get(0).pod()).isEqualTo(new PodRef("ns", "a"));
    assertThat(resolved.notReady()).extracting(t -> t.target().id()).containsExactly("10.0.0.2");
  }

  @Test
  void withoutTheFailOpenGateTheyStayOut() {
    failOpen = false;
    var resolved = resolve(podsOnStaleNodes());

    assertThat(resolved.ready()).isEmpty();
    assertThat(resolved.notReady())
        .extracting(t -> t.target().id())
        .containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
  }

  @Test
  void aReadyEndpointLeavesTheOnesOnNodesOfUnknownReadinessOut() {
    var endpoints = new java.util.ArrayList<>(podsOnStaleNodes());
    endpoints.add(Ep.ready("10.0.0.3"));
    var resolved = resolve(endpoints);

    assertThat(resolved.ready()).extracting(t -> t.target().id()).containsExactly("10.0.0.3");
    assertThat(resolved.notReady())
        .extracting(t -> t.target().id())
        .containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2");
  }
}
