package io.lbc.service;

import io.fabric8.kubernetes.api.model.Service;
import io.lbc.annotations.Annotations;
import io.lbc.config.ClusterContext;
import io.lbc.config.FeatureGate;
import io.lbc.model.StackId;
import io.lbc.model.UserTags;
import java.util.List;
import java.util.Map;

/**
 * What every part of one Service's build reads: the cluster, the Service, its annotations and the
 * user tags of every resource ({@code --default-tags} and additional-resource-tags by precedence;
 * the deployer adds the tracking tags).
 */
record BuildContext(
    ClusterContext cluster,
    ServiceView service,
    Annotations annotations,
    StackId stackId,
    Map<String, String> userTags) {

  static BuildContext of(ClusterContext cluster, Service service) {
    var view = ServiceView.of(service);
    var annotations = Annotations.service(service.getMetadata().getAnnotations());
    return new BuildContext(
        cluster,
        view,
        annotations,
        StackId.service(view.namespace(), view.name()),
        userTags(cluster, annotations));
  }

  /**
   * The same build seen from another Service that this one's {@code actions.*} annotation forwards
   * to: that Service's ports and spec, this Service's annotations, stack and tags (the reference
   * applies the base Service's annotations to the target groups of the Services it names).
   */
  BuildContext forBackend(Service backend) {
    return new BuildContext(cluster, ServiceView.of(backend), annotations, stackId, userTags);
  }

  boolean enabled(FeatureGate gate) {
    return cluster.enabled(gate);
  }

  /** The full annotation key of a suffix. */
  String key(String suffix) {
    return annotations.key(suffix);
  }

  private static Map<String, String> userTags(ClusterContext cluster, Annotations annotations) {
    Map<String, String> fromAnnotation =
        annotations.stringMap(ServiceAnnotationKeys.ADDITIONAL_TAGS).orElse(Map.of());
    for (String key : fromAnnotation.keySet()) {
      if (cluster.build().externalManagedTags().contains(key)) {
        throw annotations.invalid(
            ServiceAnnotationKeys.ADDITIONAL_TAGS,
            "tag key '"
                + key
                + "' is managed outside the controller (--external-managed-tags); remove it");
      }
    }
    return Map.copyOf(
        UserTags.merge(
            cluster.defaults().tags(),
            cluster.enabled(FeatureGate.ENABLE_DEFAULT_TAGS_LOW_PRIORITY),
            List.of(fromAnnotation)));
  }
}
