package io.lbc.webhook.core;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.lbc.k8s.cache.SlimPod;
import io.lbc.webhook.AdmissionObjects;
import io.lbc.webhook.MutatingWebhook;
import io.lbc.webhook.PatchOperation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code quicid.elbv2.k8s.aws}: a new pod with the annotation {@code
 * service.beta.kubernetes.io/aws-load-balancer-quic-enabled-containers} gets a fresh QUIC server ID
 * in the environment variable {@code --quic-environment-variable-name} of each container (and init
 * container) it names that does not set the variable already. The target engine registers the pod
 * in QUIC target groups with that ID. Fails closed, as the reference's: a pod that cannot get its
 * ID is not created.
 */
public final class QuicServerIdMutator extends MutatingWebhook<Pod> {
  public static final String PATH = "/mutate-v1-pod-server-id";

  private final String variable;
  private final Supplier<String> serverIds;

  /**
   * @param variable {@code --quic-environment-variable-name}
   * @param serverIds a new server ID per call (a {@link QuicServerIdGenerator})
   */
  public QuicServerIdMutator(String variable, Supplier<String> serverIds) {
    super(PATH, Pod.class, false);
    this.variable = variable;
    this.serverIds = serverIds;
  }

  @Override
  protected boolean applies(AdmissionRequest request) {
    return AdmissionObjects.isCreate(request);
  }

  @Override
  protected List<PatchOperation> patch(AdmissionRequest request, Pod pod) {
    var annotations = pod.getMetadata() == null ? null : pod.getMetadata().getAnnotations();
    String names = annotations == null ? null : annotations.get(SlimPod.QUIC_CONTAINERS);
    if (names == null || pod.getSpec() == null) {
      return List.of();
    }
    Set<String> wanted = Set.copyOf(Arrays.asList(names.split(",", -1)));
    var patches = new ArrayList<PatchOperation>();
    patch("/spec/containers", pod.getSpec().getContainers(), wanted, patches);
    patch("/spec/initContainers", pod.getSpec().getInitContainers(), wanted, patches);
    return patches;
  }

  private void patch(
      String path, List<Container> containers, Set<String> wanted, List<PatchOperation> out) {
    if (containers == null) {
      return;
    }
    for (int i = 0; i < containers.size(); i++) {
      Container container = containers.get(i);
      List<EnvVar> env = container.getEnv() == null ? List.of() : container.getEnv();
      if (!wanted.contains(container.getName())
          || env.stream().anyMatch(e -> variable.equals(e.getName()))) {
        continue;
      }
      var withId = new ArrayList<EnvVar>(env);
      withId.add(new EnvVar(variable, serverIds.get(), null));
      out.add(PatchOperation.add(path + "/" + i + "/env", withId));
    }
  }
}
