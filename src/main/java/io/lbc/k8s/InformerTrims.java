package io.lbc.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Copies of cluster objects with only the fields the controller reads, for the informer caches
 * (pain 6: memory must stay flat as the cluster grows). Everything else — managed fields,
 * annotations, container specs, volumes, images — is dropped at decode time. Trimming is
 * deterministic, so two trimmed copies compare equal exactly when the fields we read are equal.
 */
public final class InformerTrims {
  public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

  private InformerTrims() {}

  /** Name, namespace, uid, timestamps, readiness gates, container ports, IPs and conditions. */
  public static Pod pod(Pod pod) {
    var spec = pod.getSpec();
    var status = pod.getStatus();
    var builder = new PodBuilder().withMetadata(meta(pod.getMetadata(), Map.of()));
    if (spec != null) {
      builder
          .withNewSpec()
          .withNodeName(spec.getNodeName())
          .withReadinessGates(spec.getReadinessGates())
          .withContainers(map(spec.getContainers(), InformerTrims::containerPorts))
          .endSpec();
    }
    if (status != null) {
      builder
          .withNewStatus()
          .withPodIP(status.getPodIP())
          .withPodIPs(status.getPodIPs())
          .withConditions(map(status.getConditions(), InformerTrims::podCondition))
          .endStatus();
    }
    return builder.build();
  }

  /** Name, labels, provider ID and the Ready condition (without its heartbeat). */
  public static Node node(Node node) {
    var builder =
        new NodeBuilder().withMetadata(meta(node.getMetadata(), labels(node.getMetadata())));
    if (node.getSpec() != null) {
      builder.withNewSpec().withProviderID(node.getSpec().getProviderID()).endSpec();
    }
    if (node.getStatus() != null && node.getStatus().getConditions() != null) {
      List<NodeCondition> ready =
          node.getStatus().getConditions().stream()
              .filter(c -> "Ready".equals(c.getType()))
              .map(
                  c ->
                      new NodeConditionBuilder()
                          .withType(c.getType())
                          .withStatus(c.getStatus())
                          .withLastTransitionTime(c.getLastTransitionTime())
                          .build())
              .toList();
      builder.withNewStatus().withConditions(ready).endStatus();
    }
    return builder.build();
  }

  /** The service-name label, address type, ports and per endpoint its address and conditions. */
  public static EndpointSlice endpointSlice(EndpointSlice slice) {
    Map<String, String> labels = labels(slice.getMetadata());
    String service = labels.get(SERVICE_NAME_LABEL);
    return new EndpointSliceBuilder()
        .withMetadata(
            meta(
                slice.getMetadata(),
                service == null ? Map.of() : Map.of(SERVICE_NAME_LABEL, service)))
        .withAddressType(slice.getAddressType())
        .withPorts(slice.getPorts())
        .withEndpoints(map(slice.getEndpoints(), InformerTrims::endpoint))
        .build();
  }

  /** Name, ports, type and traffic policy. */
  public static Service service(Service service) {
    var builder = new ServiceBuilder().withMetadata(meta(service.getMetadata(), Map.of()));
    if (service.getSpec() != null) {
      builder
          .withNewSpec()
          .withType(service.getSpec().getType())
          .withPorts(service.getSpec().getPorts())
          .withExternalTrafficPolicy(service.getSpec().getExternalTrafficPolicy())
          .endSpec();
    }
    return builder.build();
  }

  /**
   * Whether an update changed nothing the controller reads: the new object, trimmed, equals the
   * cached (trimmed) old one, resourceVersion aside. Informers use it to drop heartbeats and other
   * noise before it costs a reconcile.
   */
  public static <T extends HasMetadata> boolean unchanged(UnaryOperator<T> trim, T now, T before) {
    if (before == null) {
      return false;
    }
    T trimmed = trim.apply(now);
    trimmed.getMetadata().setResourceVersion(before.getMetadata().getResourceVersion());
    return trimmed.equals(before);
  }

  private static ObjectMeta meta(ObjectMeta meta, Map<String, String> labels) {
    return new ObjectMetaBuilder()
        .withName(meta.getName())
        .withNamespace(meta.getNamespace())
        .withUid(meta.getUid())
        .withResourceVersion(meta.getResourceVersion())
        .withCreationTimestamp(meta.getCreationTimestamp())
        .withDeletionTimestamp(meta.getDeletionTimestamp())
        .withLabels(labels.isEmpty() ? null : labels)
        .build();
  }

  private static Map<String, String> labels(ObjectMeta meta) {
    return meta.getLabels() == null ? Map.of() : meta.getLabels();
  }

  private static Container containerPorts(Container container) {
    return new ContainerBuilder()
        .withName(container.getName())
        .withPorts(container.getPorts())
        .build();
  }

  private static PodCondition podCondition(PodCondition condition) {
    return new PodConditionBuilder()
        .withType(condition.getType())
        .withStatus(condition.getStatus())
        .withReason(condition.getReason())
        .withMessage(condition.getMessage())
        .withLastTransitionTime(condition.getLastTransitionTime())
        .build();
  }

  private static Endpoint endpoint(Endpoint endpoint) {
    var ref = endpoint.getTargetRef();
    return new EndpointBuilder()
        .withAddresses(endpoint.getAddresses())
        .withConditions(endpoint.getConditions())
        .withNodeName(endpoint.getNodeName())
        .withTargetRef(
            ref == null
                ? null
                : new ObjectReferenceBuilder()
                    .withKind(ref.getKind())
                    .withNamespace(ref.getNamespace())
                    .withName(ref.getName())
                    .build())
        .build();
  }

  private static <T> List<T> map(List<T> list, Function<T, T> trim) {
    return list == null ? null : list.stream().map(trim).toList();
  }
}
