package io.lbc.k8s.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.lbc.fake.K8sObjects;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlimResourceTest {
  /**
   * fabric8 scopes a request by the type's {@code Namespaced} marker: without it, {@code
   * inNamespace} is ignored and a namespaced controller's shared informer lists the whole cluster
   * (ServiceMetricsIT saw every Service of the cluster counted for a namespace of two).
   */
  @Test
  void everyCachedKindIsScopedAsKubernetesScopesIt() {
    Map<String, Class<? extends HasMetadata>> models =
        Map.of(
            "Pod", Pod.class,
            "Node", Node.class,
            "EndpointSlice", EndpointSlice.class,
            "Endpoints", Endpoints.class,
            "Service", Service.class);
    for (Class<? extends SlimResource> kind : ClusterCache.SLIM_KINDS) {
      var model = models.get(HasMetadata.getKind(kind));
      assertThat(model).as("the fabric8 model of " + kind.getSimpleName()).isNotNull();
      assertThat(ResourceDefinitionContext.fromResourceType(kind).isNamespaceScoped())
          .as(kind.getSimpleName() + " namespaced")
          .isEqualTo(ResourceDefinitionContext.fromResourceType(model).isNamespaceScoped());
    }
    assertThat(ResourceDefinitionContext.fromResourceType(SlimService.class).isNamespaceScoped())
        .isTrue();
  }

  @Test
  void aCachedPodKeepsWhatTheEngineReadsAndNothingElse() {
    var pod =
        K8sObjects.pod(
            "ns", "web-a", "10.0.0.1", 8080, true, false, "target-health.elbv2.k8s.aws/web");
    pod.getMetadata().setAnnotations(Map.of("big", "x".repeat(10_000)));
    pod.getMetadata()
        .setManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager("kubectl").build()));
    pod.getSpec().getContainers().get(0).setImage("registry.example/app:1");

    var slim = SlimPod.of(pod);

    assertThat(slim.meta().annotations()).isEmpty();
    assertThat(slim.meta().name()).isEqualTo("web-a");
    assertThat(slim.containers().get(0).ports().get(0).name()).isEqualTo("web");
    assertThat(slim.readinessGates()).hasSize(1);
    assertThat(slim.hasGate("target-health.elbv2.k8s.aws/web")).isTrue();
    assertThat(slim.conditions())
        .extracting(SlimCondition::type)
        .containsExactlyInAnyOrderElementsOf(
            pod.getStatus().getConditions().stream()
                .map(c -> c.getType())
                .filter(t -> !t.equals("PodScheduled") && !t.equals("Initialized"))
                .toList());
    assertThat(slim.condition("Ready")).map(SlimCondition::isTrue).contains(false);
    assertThat(slim.condition("ContainersReady")).map(SlimCondition::isTrue).contains(true);
  }

  @Test
  void thePodsOfOneWorkloadShareTheirContainersAndGatesButNotAQuicServerId() {
    var a =
        SlimPod.of(
            K8sObjects.pod(
                "ns", "web-a", "10.0.0.1", 8080, true, true, "target-health.elbv2.k8s.aws/w"));
    var b =
        SlimPod.of(
            K8sObjects.pod(
                "ns", "web-b", "10.0.0.2", 8080, true, true, "target-health.elbv2.k8s.aws/w"));
    var other =
        SlimPod.of(
            K8sObjects.pod(
                "ns", "api-a", "10.0.0.3", 9090, true, true, "target-health.elbv2.k8s.aws/w"));
    assertThat(b.containers()).isSameAs(a.containers());
    assertThat(b.readinessGates()).isSameAs(a.readinessGates());
    assertThat(other.containers()).isNotEqualTo(a.containers());

    var quic =
        K8sObjects.pod(
            "ns", "quic-a", "10.0.0.4", 8080, true, true, "target-health.elbv2.k8s.aws/w");
    quic.getMetadata().setAnnotations(Map.of(SlimPod.QUIC_CONTAINERS, "app"));
    quic.getSpec().getContainers().get(0).setName("app");
    quic.getSpec()
        .getContainers()
        .get(0)
        .setEnv(
            List.of(
                new io.fabric8.kubernetes.api.model.EnvVar("AWS_LBC_QUIC_SERVER_ID", "x", null)));
    var quicB = SlimJson.convert(quic, SlimPod.class);
    var quicC = SlimJson.convert(quic, SlimPod.class);
    assertThat(quicB.containers().get(0).env()).hasSize(1);
    assertThat(quicC.containers()).as("env is each pod's own").isNotSameAs(quicB.containers());
  }

  @Test
  void anUpdateOfNothingButTheHeartbeatCountsAsUnchanged() {
    var node = K8sObjects.node("n1", "i-1", true, Map.of("pool", "a"));
    node.getMetadata().setResourceVersion("10");
    var cached = SlimNode.of(node);
    var later = K8sObjects.node("n1", "i-1", true, Map.of("pool", "a"));
    later.getMetadata().setResourceVersion("11");
    later
        .getStatus()
        .getConditions()
        .get(0)
        .setLastTransitionTime(node.getStatus().getConditions().get(0).getLastTransitionTime());
    later.getStatus().getConditions().get(0).setLastHeartbeatTime("2099-01-01T00:00:00Z");

    assertThat(SlimResource.changed(SlimNode.of(later), cached)).isFalse();

    later.getStatus().getConditions().get(0).setStatus("False");
    assertThat(SlimResource.changed(SlimNode.of(later), cached)).isTrue();
    later.getStatus().getConditions().get(0).setStatus("True");
    later.getMetadata().setLabels(Map.of("pool", "b"));
    assertThat(SlimResource.changed(SlimNode.of(later), cached)).isTrue();
  }

  @Test
  void aSliceKeepsOnlyItsServiceLabel() {
    var slice =
        new EndpointSliceBuilder()
            .withNewMetadata()
            .withNamespace("ns")
            .withName("web-abc")
            .withLabels(
                Map.of(
                    SlimEndpointSlice.SERVICE_NAME_LABEL,
                    "web",
                    "endpointslice.kubernetes.io/managed-by",
                    "endpointslice-controller.k8s.io"))
            .endMetadata()
            .withAddressType("IPv4")
            .addNewEndpoint()
            .withAddresses("10.0.0.1")
            .withNewConditions(true, true, false)
            .withNodeName("n1")
            .withHostname("ignored")
            .endEndpoint()
            .build();

    var slim = SlimEndpointSlice.of(slice);

    assertThat(slim.meta().labels()).containsOnlyKeys(SlimEndpointSlice.SERVICE_NAME_LABEL);
    assertThat(slim.serviceName()).isEqualTo("web");
    var endpoint = slim.endpoints().get(0);
    assertThat(endpoint.address()).isEqualTo("10.0.0.1");
    assertThat(endpoint.conditions().ready()).isTrue();
    assertThat(endpoint.nodeName()).isEqualTo("n1");
  }

  /**
   * The pod readiness-gate webhook reads a Service's selector from this cache; it is never written
   * back out, so the stack-input digests of Ingresses (JSON of this record) do not move.
   */
  @Test
  void aServiceKeepsItsSelectorForMatchingPodsButNeverWritesIt() {
    var service =
        new ServiceBuilder()
            .withNewMetadata()
            .withNamespace("ns")
            .withName("web")
            .endMetadata()
            .withNewSpec()
            .withSelector(Map.of("app", "web", "tier", "front"))
            .withClusterIP("10.96.0.10")
            .endSpec()
            .build();

    var slim = SlimService.of(service);

    assertThat(slim.spec().selector())
        .containsOnly(Map.entry("app", "web"), Map.entry("tier", "front"));
    assertThat(slim.spec().selects(Map.of("app", "web", "tier", "front", "x", "y"))).isTrue();
    assertThat(slim.spec().selects(Map.of("app", "web"))).isFalse();
    assertThat(new KubernetesSerialization().asJson(slim)).doesNotContain("selector", "10.96.0.10");
    var noSelector =
        SlimService.of(
            new ServiceBuilder()
                .withNewMetadata()
                .withNamespace("ns")
                .withName("external")
                .endMetadata()
                .withNewSpec()
                .endSpec()
                .build());
    assertThat(noSelector.spec().selects(Map.of())).isFalse();
    assertThat(noSelector.spec().selects(Map.of("app", "web"))).isFalse();
  }

  /** The informer's watch events are typed by kind: the cache's deserializer maps them to ours. */
  @Test
  void watchEventsAreReadIntoTheCachedTypes() {
    var serialization = new KubernetesSerialization();
    ClusterCache.SLIM_KINDS.forEach(serialization::registerKubernetesResource);
    String event =
        """
        {"type": "ADDED", "object": {"kind": "Pod", "apiVersion": "v1",
          "metadata": {"name": "p", "namespace": "ns", "resourceVersion": "7",
            "managedFields": [{"manager": "kubelet", "fieldsV1": {"f:status": {}}}],
            "annotations": {"a": "b"}},
          "spec": {"nodeName": "n1", "containers": [{"name": "app", "image": "x",
            "env": [{"name": "A", "value": "1"}], "ports": [{"containerPort": 80}]}]},
          "status": {"phase": "Running", "podIP": "10.0.0.1",
            "conditions": [{"type": "Ready", "status": "True"},
              {"type": "PodScheduled", "status": "True"}]}}}
        """;

    Object object = serialization.unmarshal(event, WatchEvent.class).getObject();

    assertThat(object).isInstanceOf(SlimPod.class);
    var pod = (SlimPod) object;
    assertThat(pod.getMetadata().getName()).isEqualTo("p");
    assertThat(pod.getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(pod.nodeName()).isEqualTo("n1");
    assertThat(pod.containers().get(0).ports().get(0).containerPort()).isEqualTo(80);
    assertThat(pod.conditions()).extracting(SlimCondition::type).containsExactly("Ready");
  }

  @Test
  void endpointsReadAsSlicesOnePerSubsetAndFamilyWithTheirReadiness() {
    var endpoints =
        new io.fabric8.kubernetes.api.model.EndpointsBuilder()
            .withNewMetadata()
            .withNamespace("ns")
            .withName("web")
            .withAnnotations(Map.of("endpoints.kubernetes.io/last-change-trigger-time", "now"))
            .endMetadata()
            .addNewSubset()
            .addNewAddress()
            .withIp("10.0.0.1")
            .withNodeName("n1")
            .withNewTargetRef()
            .withKind("Pod")
            .withName("web-a")
            .endTargetRef()
            .endAddress()
            .addNewAddress()
            .withIp("fd00::1")
            .endAddress()
            .addNewNotReadyAddress()
            .withIp("10.0.0.2")
            .endNotReadyAddress()
            .addNewPort()
            .withName("http")
            .withPort(8080)
            .withProtocol("TCP")
            .endPort()
            .endSubset()
            .build();

    var slim = SlimJson.convert(endpoints, SlimEndpoints.class);
    assertThat(slim.meta().annotations()).isEmpty();
    var slices = slim.toEndpointSlices();

    assertThat(slices).extracting(SlimEndpointSlice::addressType).containsExactly("IPv4", "IPv6");
    var v4 = slices.get(0);
    assertThat(v4.serviceName()).isEqualTo("web");
    assertThat(v4.ports()).singleElement().satisfies(p -> assertThat(p.port()).isEqualTo(8080));
    assertThat(v4.endpoints())
        .extracting(
            SlimEndpointSlice.Endpoint::address, e -> e.conditions().ready(), e -> e.nodeName())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("10.0.0.1", true, "n1"),
            org.assertj.core.groups.Tuple.tuple("10.0.0.2", false, null));
    assertThat(v4.endpoints().get(0).targetRef().name()).isEqualTo("web-a");
    assertThat(slices.get(1).endpoints())
        .extracting(SlimEndpointSlice.Endpoint::address)
        .containsExactly("fd00::1");
  }
}
