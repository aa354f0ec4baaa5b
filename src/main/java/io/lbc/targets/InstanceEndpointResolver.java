package io.lbc.targets;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.lbc.aws.elbv2.Target;
import io.lbc.k8s.LabelSelectors;
import io.lbc.k8s.cache.SlimCondition;
import io.lbc.k8s.cache.SlimEndpointSlice;
import io.lbc.k8s.cache.SlimNode;
import io.lbc.model.UserInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns nodes into instance targets on the Service's NodePort: nodes that match the binding's
 * selector and the reference's default exclusions, and with {@code externalTrafficPolicy: Local}
 * only nodes that run a ready endpoint.
 */
final class InstanceEndpointResolver {
  static final String SELECTOR_FIELD = "spec.nodeSelector";

  /**
   * @param endpointSlices the Service's slices, read only with a local traffic policy
   */
  record Inputs(
      List<SlimNode> nodes,
      LabelSelector nodeSelector,
      int nodePort,
      boolean localTrafficPolicy,
      List<SlimEndpointSlice> endpointSlices) {}

  ResolvedTargets resolve(Inputs in) {
    Set<String> nodesWithEndpoints = in.localTrafficPolicy() ? nodesWithReadyEndpoints(in) : null;
    var ready = new ArrayList<DesiredTarget>();
    var notReady = new ArrayList<DesiredTarget>();
    var terminating = new ArrayList<DesiredTarget>();
    for (SlimNode node : in.nodes()) {
      Optional<String> instanceId = instanceId(node);
      if (instanceId.isEmpty() || !eligible(node, in.nodeSelector())) {
        continue;
      }
      if (nodesWithEndpoints != null && !nodesWithEndpoints.contains(node.meta().name())) {
        continue;
      }
      var target = Target.of(instanceId.get(), in.nodePort());
      if (node.meta().deletionTimestamp() != null) {
        terminating.add(new DesiredTarget(target, null, null));
        continue;
      }
      Optional<SlimCondition> readyCondition = node.ready();
      if (readyCondition.map(SlimCondition::isTrue).orElse(false)) {
        Instant since = PodConditions.parse(readyCondition.get().lastTransitionTime());
        ready.add(new DesiredTarget(target, null, since));
      } else {
        notReady.add(new DesiredTarget(target, null, null));
      }
    }
    return new ResolvedTargets(ready, notReady, terminating);
  }

  /** The EC2 instance ID from {@code spec.providerID}, e.g. {@code aws:///us-west-2a/i-0abc}. */
  static Optional<String> instanceId(SlimNode node) {
    String providerId = node.spec().providerID();
    if (providerId == null) {
      return Optional.empty();
    }
    String last = providerId.substring(providerId.lastIndexOf('/') + 1);
    return last.startsWith("i-") ? Optional.of(last) : Optional.empty();
  }

  private static boolean eligible(SlimNode node, LabelSelector selector) {
    Map<String, String> labels = node.meta().labels();
    if (labels.containsKey("node-role.kubernetes.io/master")
        || labels.containsKey("node.kubernetes.io/exclude-from-external-load-balancers")
        || labels.containsKey("alpha.service-controller.kubernetes.io/exclude-balancer")
        || "fargate".equals(labels.get("eks.amazonaws.com/compute-type"))) {
      return false;
    }
    try {
      return LabelSelectors.matches(selector, labels);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(SELECTOR_FIELD, e.getMessage());
    }
  }

  private static Set<String> nodesWithReadyEndpoints(Inputs in) {
    var names = new HashSet<String>();
    for (SlimEndpointSlice slice : in.endpointSlices()) {
      for (var endpoint : slice.endpoints()) {
        var conditions = endpoint.conditions();
        boolean ready = conditions == null || !Boolean.FALSE.equals(conditions.ready());
        boolean terminating = conditions != null && Boolean.TRUE.equals(conditions.terminating());
        if (ready && !terminating && endpoint.nodeName() != null) {
          names.add(endpoint.nodeName());
        }
      }
    }
    return names;
  }
}
