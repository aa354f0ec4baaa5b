package io.lbc.fake;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.TargetGroupBindingSpec;
import io.lbc.k8s.TargetGroupBindingSpec.BindingTargetType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builders for the objects a TargetGroupBinding test needs, the way the cluster would hold them.
 */
public final class K8sObjects {
  private K8sObjects() {}

  /** One endpoint of a slice. */
  public record Ep(String ip, Boolean ready, Boolean terminating, String pod, String node) {
    public static Ep ready(String ip) {
      return new Ep(ip, true, false, null, null);
    }

    public static Ep notReady(String ip) {
      return new Ep(ip, false, false, null, null);
    }

    public static Ep terminating(String ip) {
      return new Ep(ip, false, true, null, null);
    }

    public Ep pod(String name) {
      return new Ep(ip, ready, terminating, name, node);
    }

    public Ep onNode(String name) {
      return new Ep(ip, ready, terminating, pod, name);
    }
  }

  /**
   * A ClusterIP Service with one port named {@code http}, targeting container port name {@code
   * web}.
   */
  public static Service service(String namespace, String name, int port) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withUid(UUID.randomUUID().toString())
        .endMetadata()
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(Map.of("app", name))
        .withPorts(
            new ServicePortBuilder()
                .withName("http")
                .withPort(port)
                .withProtocol("TCP")
                .withTargetPort(new IntOrString("web"))
                .build())
        .endSpec()
        .build();
  }

  /** A NodePort Service; {@code nodePort} null lets the apiserver pick one. */
  public static Service nodePortService(
      String namespace, String name, int port, Integer nodePort, boolean localTraffic) {
    Service service = service(namespace, name, port);
    service.getSpec().setType("NodePort");
    service.getSpec().getPorts().get(0).setNodePort(nodePort);
    service.getSpec().setExternalTrafficPolicy(localTraffic ? "Local" : "Cluster");
    return service;
  }

  /** A slice of the Service with port {@code http} → {@code containerPort}. */
  public static EndpointSlice slice(
      String namespace, String name, String service, int containerPort, List<Ep> endpoints) {
    List<Endpoint> list = new ArrayList<>();
    for (Ep ep : endpoints) {
      var builder =
          new EndpointBuilder()
              .withAddresses(ep.ip())
              .withNewConditions()
              .withReady(ep.ready())
              .withServing(ep.ready())
              .withTerminating(ep.terminating())
              .endConditions()
              .withNodeName(ep.node());
      if (ep.pod() != null) {
        builder.withTargetRef(
            new ObjectReferenceBuilder()
                .withKind("Pod")
                .withNamespace(namespace)
                .withName(ep.pod())
                .build());
      }
      list.add(builder.build());
    }
    return new EndpointSliceBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withLabels(Map.of("kubernetes.io/service-name", service))
        .endMetadata()
        .withAddressType("IPv4")
        .addNewPort()
        .withName("http")
        .withPort(containerPort)
        .withProtocol("TCP")
        .endPort()
        .withEndpoints(list)
        .build();
  }

  /**
   * A running pod with its IP, a container port named {@code web}, optional readiness gates and its
   * Ready and ContainersReady conditions.
   */
  public static Pod pod(
      String namespace,
      String name,
      String ip,
      int containerPort,
      boolean containersReady,
      boolean ready,
      String... gates) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .withUid(UUID.randomUUID().toString())
        .withLabels(Map.of("app", "web"))
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("web")
        .withImage("registry.example/web:1")
        .addNewPort()
        .withName("web")
        .withContainerPort(containerPort)
        .endPort()
        .endContainer()
        .withReadinessGates(java.util.Arrays.stream(gates).map(PodReadinessGate::new).toList())
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .withPodIP(ip)
        .withConditions(conditions(containersReady, ready, now))
        .endStatus()
        .build();
  }

  public static List<PodCondition> conditions(boolean containersReady, boolean ready, String at) {
    return new ArrayList<>(
        List.of(condition("ContainersReady", containersReady, at), condition("Ready", ready, at)));
  }

  private static PodCondition condition(String type, boolean value, String at) {
    return new PodConditionBuilder()
        .withType(type)
        .withStatus(value ? "True" : "False")
        .withLastTransitionTime(at)
        .build();
  }

  /** A node running the instance, with the given Ready status and labels. */
  public static Node node(
      String name, String instanceId, boolean ready, Map<String, String> labels) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .withUid(UUID.randomUUID().toString())
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withProviderID("aws:///us-west-2a/" + instanceId)
        .endSpec()
        .withNewStatus()
        .addNewCondition()
        .withType("Ready")
        .withStatus(ready ? "True" : "False")
        .withLastTransitionTime(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
        .withLastHeartbeatTime(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
        .endCondition()
        .endStatus()
        .build();
  }

  public static TargetGroupBinding binding(
      String namespace,
      String name,
      String targetGroupArn,
      BindingTargetType type,
      String service,
      int port) {
    var binding = new TargetGroupBinding();
    binding.getMetadata().setNamespace(namespace);
    binding.getMetadata().setName(name);
    binding.getMetadata().setUid(UUID.randomUUID().toString());
    binding.getMetadata().setGeneration(1L);
    var spec = new TargetGroupBindingSpec();
    spec.targetGroupARN = targetGroupArn;
    spec.targetType = type;
    spec.serviceRef = new TargetGroupBindingSpec.ServiceReference(service, new IntOrString(port));
    binding.setSpec(spec);
    return binding;
  }
}
