package io.lbc.model.addons;

import io.lbc.model.ResourceSpec;
import io.lbc.model.ResourceType;
import io.lbc.model.Token;

/**
 * Shield Advanced protection of a load balancer (resource id {@code LoadBalancer}). Only in the
 * stack when a member asked: a stack without it leaves any protection as it is.
 *
 * @param enabled true to protect; false removes a protection this controller created
 */
public record ShieldProtectionSpec(boolean enabled, Token resourceARN) implements ResourceSpec {
  @Override
  public ResourceType resourceType() {
    return ResourceType.SHIELD_PROTECTION;
  }
}
