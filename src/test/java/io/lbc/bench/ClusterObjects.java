package io.lbc.bench;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Objects shaped like a real cluster's, so that what the controller caches of them is measured
 * against realistic sizes: pods with two containers, env, resources and a kubelet-style status;
 * nodes with the image lists that make real Node objects large.
 */
final class ClusterObjects {
  static final int PODS_PER_SERVICE = 10;

  private ClusterObjects() {}

  static String app(int pod) {
    return "app-" + pod / PODS_PER_SERVICE;
  }

  static String podIp(int pod) {
    return "10.%d.%d.%d".formatted(64 + pod / 65536, pod / 256 % 256, pod % 256);
  }

  static Pod pod(String namespace, int index, String nodeName) {
    var env = new ArrayList<io.fabric8.kubernetes.api.model.EnvVar>();
    for (int i = 0; i < 12; i++) {
      env.add(
          new io.fabric8.kubernetes.api.model.EnvVar(
              "SETTING_" + i, "value-of-setting-number-" + i, null));
    }
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName("pod-" + index)
        .withLabels(
            Map.of(
                "app",
                app(index),
                "pod-template-hash",
                "5d8f7c9b6d",
                "app.kubernetes.io/part-of",
                "benchmark"))
        .withAnnotations(
            Map.of(
                "kubectl.kubernetes.io/restartedAt",
                "2026-11-22T10:00:00Z",
                "prometheus.io/scrape",
                "true",
                "prometheus.io/port",
                "9100"))
        .endMetadata()
        .withNewSpec()
        .withNodeName(nodeName)
        .addNewContainer()
        .withName("app")
        .withImage("registry.example/team/app:1.2.3")
        .withArgs("--listen=:8080", "--log-format=json", "--metrics=:9100")
        .withEnv(env)
        .addNewPort()
        .withName("http")
        .withContainerPort(8080)
        .endPort()
        .addNewPort()
        .withName("metrics")
        .withContainerPort(9100)
        .endPort()
        .withNewResources()
        .withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("128Mi")))
        .withLimits(Map.of("memory", new Quantity("256Mi")))
        .endResources()
        .withNewReadinessProbe()
        .withNewHttpGet()
        .withPath("/ready")
        .withPort(new IntOrString(8080))
        .endHttpGet()
        .endReadinessProbe()
        .endContainer()
        .addNewContainer()
        .withName("sidecar")
        .withImage("registry.example/platform/log-shipper:4.5.6")
        .withNewResources()
        .withRequests(Map.of("cpu", new Quantity("10m"), "memory", new Quantity("32Mi")))
        .endResources()
        .endContainer()
        .endSpec()
        .build();
  }

  static Pod withRunningStatus(Pod pod, int index) {
    String now = "2026-11-22T10:00:00Z";
    pod.setStatus(
        new PodStatusBuilder()
            .withPhase("Running")
            .withPodIP(podIp(index))
            .addNewPodIP(podIp(index))
            .withHostIP("10.0.0.10")
            .withStartTime(now)
            .addNewCondition()
            .withType("Ready")
            .withStatus("True")
            .withLastTransitionTime(now)
            .endCondition()
            .addNewCondition()
            .withType("ContainersReady")
            .withStatus("True")
            .withLastTransitionTime(now)
            .endCondition()
            .addNewCondition()
            .withType("PodScheduled")
            .withStatus("True")
            .withLastTransitionTime(now)
            .endCondition()
            .addNewContainerStatus()
            .withName("app")
            .withReady(true)
            .withRestartCount(0)
            .withImage("registry.example/team/app:1.2.3")
            .withImageID(
                "registry.example/team/app@sha256:"
                    + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
            .withContainerID("containerd://" + "ab".repeat(32))
            .withNewState()
            .withNewRunning()
            .withStartedAt(now)
            .endRunning()
            .endState()
            .endContainerStatus()
            .build());
    return pod;
  }

  static Service service(String namespace, int index) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName("svc-" + index)
        .withLabels(Map.of("app.kubernetes.io/part-of", "benchmark"))
        .endMetadata()
        .withNewSpec()
        // headless: the rig's service CIDR is too small for thousands of cluster IPs
        .withClusterIP("None")
        .withSelector(Map.of("app", "app-" + index))
        .addNewPort()
        .withName("http")
        .withPort(80)
        .withTargetPort(new IntOrString("http"))
        .endPort()
        .endSpec()
        .build();
  }

  static EndpointSlice endpointSlice(String namespace, int service) {
    var builder =
        new EndpointSliceBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName("svc-" + service + "-abcde")
            .withLabels(
                Map.of(
                    "kubernetes.io/service-name",
                    "svc-" + service,
                    "endpointslice.kubernetes.io/managed-by",
                    "endpointslice-controller.k8s.io"))
            .endMetadata()
            .withAddressType("IPv4")
            .addNewPort()
            .withName("http")
            .withPort(8080)
            .withProtocol("TCP")
            .endPort();
    IntStream.range(service * PODS_PER_SERVICE, (service + 1) * PODS_PER_SERVICE)
        .forEach(
            pod ->
                builder
                    .addNewEndpoint()
                    .withAddresses(podIp(pod))
                    .withNewConditions()
                    .withReady(true)
                    .withServing(true)
                    .withTerminating(false)
                    .endConditions()
                    .withNodeName("node-" + pod % 20)
                    .withNewTargetRef()
                    .withKind("Pod")
                    .withNamespace(namespace)
                    .withName("pod-" + pod)
                    .endTargetRef()
                    .endEndpoint());
    return builder.build();
  }

  static Node node(String prefix, int index) {
    List<io.fabric8.kubernetes.api.model.ContainerImage> images = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      images.add(
          new io.fabric8.kubernetes.api.model.ContainerImage(
              List.of(
                  "registry.example/images/image-" + i + "@sha256:" + "cd".repeat(32),
                  "registry.example/images/image-" + i + ":v" + i),
              150_000_000L + i));
    }
    return new NodeBuilder()
        .withNewMetadata()
        .withName(prefix + "-node-" + index)
        .withLabels(
            Map.of(
                "kubernetes.io/os",
                "linux",
                "topology.kubernetes.io/zone",
                "us-west-2a",
                "node.kubernetes.io/instance-type",
                "m6i.large"))
        .endMetadata()
        .withNewSpec()
        .withProviderID("aws:///us-west-2a/i-0" + String.format("%016x", index))
        .endSpec()
        .withNewStatus()
        .withImages(images)
        .addNewCondition()
        .withType("Ready")
        .withStatus("True")
        .endCondition()
        .addNewAddress()
        .withType("InternalIP")
        .withAddress("10.0.1." + index)
        .endAddress()
        .endStatus()
        .build();
  }

  /** A {@code kubernetes.io/tls} Secret of realistic size (a 2048-bit key and its chain). */
  static io.fabric8.kubernetes.api.model.Secret tlsSecret(String namespace, int index) {
    String pem =
        java.util.Base64.getEncoder().encodeToString(("pem-" + index).repeat(400).getBytes());
    return new io.fabric8.kubernetes.api.model.SecretBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName("tls-" + index)
        .endMetadata()
        .withType("kubernetes.io/tls")
        .withData(Map.of("tls.crt", pem, "tls.key", pem))
        .build();
  }

  /** A Service with no pods behind it and its empty slice (the top size's extra Services). */
  static EndpointSlice emptySlice(String namespace, int service) {
    var slice = endpointSlice(namespace, service);
    slice.setEndpoints(List.of());
    return slice;
  }
}
