package io.lbc.webhook.core;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.lbc.k8s.AlbTargetControlConfig;
import io.lbc.k8s.AlbTargetControlConfigSpec;
import io.lbc.webhook.AdmissionObjects;
import io.lbc.webhook.AlbTargetControlLookups;
import io.lbc.webhook.MutatingWebhook;
import io.lbc.webhook.PatchOperation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code alb-target-control.namespace.elbv2.k8s.aws} and {@code
 * alb-target-control.object.elbv2.k8s.aws} (gate {@code ALBTargetControlAgent}): a new pod that
 * asks for it gets the ALB target control agent sidecar ({@link AlbTargetControlAgent}) and the
 * annotation {@value AlbTargetControlAgent#INJECTED}. A pod asks with the label {@value
 * #POD_LABEL}{@code =true}, or by being in a namespace labelled {@value #NAMESPACE_LABEL}{@code
 * =enabled} without that label set to {@code false}. The agent's settings are the
 * ALBTargetControlConfig {@value AlbTargetControlConfig#NAME} of the pod's namespace, else of
 * {@value AlbTargetControlConfig#DEFAULT_NAMESPACE}; with neither, the pod is left alone, as by the
 * reference. A pod that has the sidecar already is left alone. Fails closed: an invalid override
 * annotation refuses the pod.
 */
public final class AlbTargetControlAgentMutator extends MutatingWebhook<Pod> {
  public static final String NAMESPACE_PATH = "/mutate-alb-target-control-namespace-v1-pod";
  public static final String OBJECT_PATH = "/mutate-alb-target-control-object-v1-pod";
  public static final String POD_LABEL = "elbv2.k8s.aws/alb-target-control-agent-inject";
  public static final String NAMESPACE_LABEL = "elbv2.k8s.aws/alb-target-control-agent-injection";

  private static final Logger log = LoggerFactory.getLogger(AlbTargetControlAgentMutator.class);

  private final AlbTargetControlLookups lookups;

  /**
   * @param path {@link #NAMESPACE_PATH} or {@link #OBJECT_PATH}: the two webhooks differ only in
   *     which pods the apiserver sends them
   */
  public AlbTargetControlAgentMutator(String path, AlbTargetControlLookups lookups) {
    super(path, Pod.class, false);
    this.lookups = lookups;
  }

  /** Both webhooks, on their paths. */
  public static List<AlbTargetControlAgentMutator> both(AlbTargetControlLookups lookups) {
    return List.of(
        new AlbTargetControlAgentMutator(NAMESPACE_PATH, lookups),
        new AlbTargetControlAgentMutator(OBJECT_PATH, lookups));
  }

  @Override
  protected boolean applies(AdmissionRequest request) {
    return AdmissionObjects.isCreate(request);
  }

  @Override
  protected List<PatchOperation> patch(AdmissionRequest request, Pod pod) {
    String namespace = AdmissionObjects.namespace(request, pod);
    if (pod.getSpec() == null || !asked(pod, namespace)) {
      return List.of();
    }
    List<Container> containers =
        pod.getSpec().getContainers() == null ? List.of() : pod.getSpec().getContainers();
    if (containers.stream().anyMatch(c -> AlbTargetControlAgent.CONTAINER.equals(c.getName()))) {
      return List.of();
    }
    Optional<AlbTargetControlConfigSpec> config = config(namespace);
    if (config.isEmpty()) {
      log.debug(
          "pod {}/{} asks for the ALB target control agent, but there is no ALBTargetControlConfig"
              + " {} in its namespace or {}: not injected",
          namespace,
          pod.getMetadata().getName(),
          AlbTargetControlConfig.NAME,
          AlbTargetControlConfig.DEFAULT_NAMESPACE);
      return List.of();
    }
    Map<String, String> annotations = annotations(pod);
    var withAgent = new ArrayList<>(containers);
    withAgent.add(AlbTargetControlAgent.container(config.get(), annotations));
    var marked = new LinkedHashMap<>(annotations);
    marked.put(AlbTargetControlAgent.INJECTED, "true");
    return List.of(
        PatchOperation.add("/spec/containers", withAgent),
        PatchOperation.add("/metadata/annotations", marked));
  }

  /** The pod's label decides when it is true or false; else its namespace's label. */
  private boolean asked(Pod pod, String namespace) {
    Map<String, String> labels =
        pod.getMetadata() == null || pod.getMetadata().getLabels() == null
            ? Map.of()
            : pod.getMetadata().getLabels();
    String own = labels.get(POD_LABEL);
    if ("true".equals(own) || "false".equals(own)) {
      return "true".equals(own);
    }
    Optional<Namespace> found;
    try {
      found = lookups.namespace(namespace);
    } catch (RuntimeException e) {
      log.warn("namespace {} could not be read: agent not injected", namespace, e);
      return false;
    }
    Map<String, String> namespaceLabels = found.map(n -> n.getMetadata().getLabels()).orElse(null);
    return namespaceLabels != null && "enabled".equals(namespaceLabels.get(NAMESPACE_LABEL));
  }

  private Optional<AlbTargetControlConfigSpec> config(String namespace) {
    Optional<AlbTargetControlConfigSpec> own = configIn(namespace);
    if (own.isPresent() || namespace.equals(AlbTargetControlConfig.DEFAULT_NAMESPACE)) {
      return own;
    }
    return configIn(AlbTargetControlConfig.DEFAULT_NAMESPACE);
  }

  /** As the reference: a configuration that cannot be read is one that is not there. */
  private Optional<AlbTargetControlConfigSpec> configIn(String namespace) {
    try {
      return lookups.albTargetControlConfig(namespace).map(AlbTargetControlConfig::getSpec);
    } catch (RuntimeException e) {
      log.warn("ALBTargetControlConfig in {} could not be read", namespace, e);
      return Optional.empty();
    }
  }

  private static Map<String, String> annotations(Pod pod) {
    return pod.getMetadata() == null || pod.getMetadata().getAnnotations() == null
        ? Map.of()
        : pod.getMetadata().getAnnotations();
  }
}
