package io.lbc.fake;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.cache.SlimEndpointSlice;
import io.lbc.k8s.cache.SlimNode;
import io.lbc.k8s.cache.SlimPod;
import io.lbc.k8s.cache.SlimService;
import io.lbc.targets.ClusterView;
import io.lbc.targets.DesiredTarget.PodRef;
import io.lbc.targets.KubeWrites;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster in memory: fabric8 objects, read back as the shared cache's records (so a test can edit
 * an object in place), and the writes the engine makes to it (binding annotations, pod conditions,
 * ConfigMaps), applied to the same objects.
 */
public final class InMemoryCluster implements ClusterView, KubeWrites {
  private final Map<String, Service> services = new LinkedHashMap<>();
  private final Map<String, EndpointSlice> slices = new LinkedHashMap<>();
  private final Map<String, Pod> pods = new LinkedHashMap<>();
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Map<String, TargetGroupBinding> bindings = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> configMaps = new HashMap<>();
  private final List<String> writes = new ArrayList<>();

  public synchronized void put(Service service) {
    services.put(
        key(service.getMetadata().getNamespace(), service.getMetadata().getName()), service);
  }

  public synchronized void put(EndpointSlice slice) {
    slices.put(key(slice.getMetadata().getNamespace(), slice.getMetadata().getName()), slice);
  }

  public synchronized void put(Pod pod) {
    pods.put(key(pod.getMetadata().getNamespace(), pod.getMetadata().getName()), pod);
  }

  public synchronized void put(Node node) {
    nodes.put(node.getMetadata().getName(), node);
  }

  public synchronized void put(TargetGroupBinding binding) {
    bindings.put(
        key(binding.getMetadata().getNamespace(), binding.getMetadata().getName()), binding);
  }

  public synchronized void removeService(String namespace, String name) {
    services.remove(key(namespace, name));
  }

  public synchronized void removeBinding(String namespace, String name) {
    bindings.remove(key(namespace, name));
  }

  /** Every write made, as {@code kind namespace/name}, in order. */
  public synchronized List<String> writes() {
    return List.copyOf(writes);
  }

  public synchronized void clearWrites() {
    writes.clear();
  }

  public synchronized Optional<String> configMapValue(String namespace, String name, String key) {
    return Optional.ofNullable(configMaps.get(key(namespace, name))).map(m -> m.get(key));
  }

  @Override
  public synchronized Optional<SlimService> service(String namespace, String name) {
    return Optional.ofNullable(services.get(key(namespace, name))).map(SlimService::of);
  }

  @Override
  public synchronized List<SlimEndpointSlice> endpointSlices(String namespace, String serviceName) {
    return slices.values().stream()
        .filter(s -> namespace.equals(s.getMetadata().getNamespace()))
        .filter(
            s -> serviceName.equals(s.getMetadata().getLabels().get("kubernetes.io/service-name")))
        .map(SlimEndpointSlice::of)
        .toList();
  }

  @Override
  public synchronized Optional<SlimPod> pod(String namespace, String name) {
    return Optional.ofNullable(pods.get(key(namespace, name))).map(SlimPod::of);
  }

  @Override
  public synchronized List<SlimPod> pods(String namespace) {
    return pods.values().stream()
        .filter(p -> namespace.equals(p.getMetadata().getNamespace()))
        .map(SlimPod::of)
        .toList();
  }

  @Override
  public synchronized List<SlimNode> nodes() {
    return nodes.values().stream().map(SlimNode::of).toList();
  }

  @Override
  public synchronized List<TargetGroupBinding> bindings() {
    return List.copyOf(bindings.values());
  }

  @Override
  public synchronized void annotate(TargetGroupBinding binding, Map<String, String> annotations) {
    writes.add(
        "annotate " + key(binding.getMetadata().getNamespace(), binding.getMetadata().getName()));
    var merged = new HashMap<String, String>();
    if (binding.getMetadata().getAnnotations() != null) {
      merged.putAll(binding.getMetadata().getAnnotations());
    }
    merged.putAll(annotations);
    binding.getMetadata().setAnnotations(merged);
  }

  @Override
  public synchronized boolean patchPodCondition(PodRef ref, PodCondition condition) {
    writes.add("pod-condition " + key(ref.namespace(), ref.name()));
    Pod pod = pods.get(key(ref.namespace(), ref.name()));
    if (pod == null) {
      return false;
    }
    var conditions = new ArrayList<>(pod.getStatus().getConditions());
    conditions.removeIf(c -> c.getType().equals(condition.getType()));
    conditions.add(condition);
    pod.getStatus().setConditions(conditions);
    return true;
  }

  @Override
  public synchronized Optional<String> readConfigMapValue(
      String namespace, String name, String key) {
    return configMapValue(namespace, name, key);
  }

  @Override
  public synchronized void writeConfigMapValue(
      String namespace, String name, String key, String value) {
    writes.add("configmap " + key(namespace, name));
    configMaps.computeIfAbsent(key(namespace, name), k -> new HashMap<>()).put(key, value);
  }

  @Override
  public synchronized void deleteConfigMap(String namespace, String name) {
    writes.add("delete-configmap " + key(namespace, name));
    configMaps.remove(key(namespace, name));
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
