package io.lbc.targets;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.lbc.aws.elbv2.Target;
import io.lbc.k8s.LabelSelectors;
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
   * @param failOpen with no Ready node, register the nodes whose readiness is Unknown
   */
  record Inputs(
      List<Node> nodes,
      LabelSelector nodeSelector,
      int nodePort,
      boolean localTrafficPolicy,
      List<EndpointSlice> endpointSlices,
      boolean failOpen) {}

  ResolvedTargets resolve(Inputs in) {
    Set<String> nodesWithEndpoints = in.localTrafficPolicy() ? nodesWithReadyEndpoints(in) : null;
    var ready = new ArrayList<DesiredTarget>();
    var notReady = new ArrayList<DesiredTarget>();
    var terminating = new ArrayList<DesiredTarget>();
    var unknown = new ArrayList<DesiredTarget>();
    for (Node node : in.nodes()) {
      Optional<String> instanceId = instanceId(node);
      if (instanceId.isEmpty() || !eligible(node, in.nodeSelector())) {
        continue;
      }
      if (nodesWithEndpoints != null
          && !nodesWithEndpoints.contains(node.getMetadata().getName())) {
        continue;
      }
      var target = Target.of(instanceId.get(), in.nodePort());
      if (node.getMetadata().getDeletionTimestamp() != null) {
        terminating.add(new DesiredTarget(target, null, null));
        continue;
      }
      Optional<NodeCondition> readyCondition = readyCondition(node);
      String status = readyCondition.map(NodeCondition::getStatus).orElse(null);
      if ("True".equals(status)) {
        Instant since = PodConditions.parse(readyCondition.get().getLastTransitionTime());
        ready.add(new DesiredTarget(target, null, since));
      } else if ("Unknown".equals(status)) {
        unknown.add(new DesiredTarget(target, null, null));
      } else {
        notReady.add(new DesiredTarget(target, null, null));
      }
    }
    // As the reference: a node that stopped reporting may still forward traffic, and when no node
    // is known to be ready, failing open beats an empty target group.
    if (in.failOpen() && ready.isEmpty()) {
      ready.addAll(unknown);
    } else {
      notReady.addAll(unknown);
    }
    return new ResolvedTargets(ready, notReady, terminating);
  }

  /** The status of the node's Ready condition ({@code True}, {@code False}, {@code Unknown}). */
  static Optional<String> readyStatus(Node node) {
    return readyCondition(node).map(NodeCondition::getStatus);
  }

  /** The EC2 instance ID from {@code spec.providerID}, e.g. {@code aws:///us-west-2a/i-0abc}. */
  static Optional<String> instanceId(Node node) {
    String providerId = node.getSpec() == null ? null : node.getSpec().getProviderID();
    if (providerId == null) {
      return Optional.empty();
    }
    String last = providerId.substring(providerId.lastIndexOf('/') + 1);
    return last.startsWith("i-") ? Optional.of(last) : Optional.empty();
  }

  private static boolean eligible(Node node, LabelSelector selector) {
    Map<String, String> labels =
        node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
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

  private static Optional<NodeCondition> readyCondition(Node node) {
    if (node.getStatus() == null || node.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return node.getStatus().getConditions().stream()
        .filter(c -> "Ready".equals(c.getType()))
        .findFirst();
  }

  private static Set<String> nodesWithReadyEndpoints(Inputs in) {
    var names = new HashSet<String>();
    for (EndpointSlice slice : in.endpointSlices()) {
      if (slice.getEndpoints() == null) {
        continue;
      }
      for (var endpoint : slice.getEndpoints()) {
        var conditions = endpoint.getConditions();
        boolean ready = conditions == null || !Boolean.FALSE.equals(conditions.getReady());
        boolean terminating =
            conditions != null && Boolean.TRUE.equals(conditions.getTerminating());
        if (ready && !terminating && endpoint.getNodeName() != null) {
          names.add(endpoint.getNodeName());
        }
      }
    }
    return names;
  }
}
