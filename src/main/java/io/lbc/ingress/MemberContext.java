package io.lbc.ingress;

import io.lbc.config.ClusterContext;
import io.lbc.config.FeatureGate;
import io.lbc.k8s.ClusterView;
import io.lbc.model.StackId;
import io.lbc.model.UserTags;
import java.util.List;
import java.util.Map;

/** Everything building one member's rules and target groups reads. */
record MemberContext(
    MemberSource source,
    StackId group,
    ClusterContext cluster,
    ClusterView view,
    TargetGroupArnLookup targetGroupArns) {

  GroupMember member() {
    return source.member();
  }

  /** The default tags merged with user tags by the configured precedence. */
  Map<String, String> userTags(List<Map<String, String>> sourcesHighestFirst) {
    return userTags(cluster, sourcesHighestFirst);
  }

  static Map<String, String> userTags(
      ClusterContext cluster, List<Map<String, String>> sourcesHighestFirst) {
    return UserTags.merge(
        cluster.defaults().tags(),
        cluster.enabled(FeatureGate.ENABLE_DEFAULT_TAGS_LOW_PRIORITY),
        sourcesHighestFirst);
  }
}
