package io.lbc.deploy;

import io.lbc.model.Stack;
import io.lbc.model.StackId;
import io.lbc.model.TrackingTags;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;

/**
 * One deploy of one stack: what is desired, where values resolve, and how writes are logged.
 *
 * @param externalManagedTags tag keys never added or removed ({@code --external-managed-tags})
 * @param writes what to write again of fields whose writes did not show on the read back
 */
public record DeployContext(
    Stack stack,
    String clusterName,
    String vpcId,
    Set<String> externalManagedTags,
    ResolvedTokens tokens,
    NonConvergingWrites.Session writes) {

  public StackId stackId() {
    return stack.id();
  }

  /** Cluster, stack and resource-id tags, plus the user's, tracking tags winning. */
  public Map<String, String> tagsFor(String resourceId, Map<String, String> userTags) {
    return TrackingTags.withUserTags(
        TrackingTags.forResource(clusterName, stack.id(), resourceId), userTags);
  }

  /** Every AWS write is logged at INFO with the stack, the resource id and the ARN or ID. */
  public void logWrite(
      Logger log, String verb, String resourceType, String resourceId, String arn) {
    log.info(
        "{} {} stack={} resourceId={} arn={}", verb, resourceType, stack.id(), resourceId, arn);
  }
}
