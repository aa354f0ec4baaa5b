package io.lbc.aws.tagging;

import java.util.Map;

/** The Resource Groups Tagging API: resources found by their tags in one call per page. */
public interface ResourceTagging {
  String LOAD_BALANCER = "elasticloadbalancing:loadbalancer";
  String TARGET_GROUP = "elasticloadbalancing:targetgroup";

  /**
   * GetResources of one resource type carrying every tag of {@code tags} (key and value).
   *
   * @return each ARN found with all its tags
   */
  Map<String, Map<String, String>> resourcesTagged(String resourceType, Map<String, String> tags);
}
