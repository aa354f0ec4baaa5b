package io.lbc.aws.elbv2;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The ELBv2 operations the controller uses, paged internally, in domain types. */
public interface Elbv2 {
  /** Every load balancer in the region. */
  List<LoadBalancer> describeLoadBalancers();

  LoadBalancer createLoadBalancer(CreateLoadBalancer request);

  void deleteLoadBalancer(String arn);

  /** Tags of each ARN (load balancers, target groups, listeners, rules), 20 ARNs per call. */
  Map<String, Map<String, String>> describeTags(Collection<String> arns);

  void addTags(String arn, Map<String, String> tags);

  void removeTags(String arn, Collection<String> keys);
}
