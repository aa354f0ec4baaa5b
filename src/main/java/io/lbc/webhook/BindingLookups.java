package io.lbc.webhook;

import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.cache.SlimService;
import java.util.List;
import java.util.Optional;

/**
 * What the TargetGroupBinding validator and the pod mutator read, from informer caches over the
 * controller's watched namespace ({@code --watch-namespace}) or all, as the reference's webhooks
 * read its manager's cache.
 */
public interface BindingLookups {
  /** Every watched binding whose {@code spec.targetGroupARN} is {@code arn}. */
  List<TargetGroupBinding> bindingsOfTargetGroup(String arn);

  List<TargetGroupBinding> bindingsIn(String namespace);

  Optional<SlimService> service(String namespace, String name);
}
