package io.lbc.deploy.addons;

import io.lbc.aws.shield.Protection;
import io.lbc.deploy.DeployContext;
import io.lbc.deploy.Synthesizer;
import io.lbc.model.Resource;
import io.lbc.model.ResourceType;
import io.lbc.model.addons.ShieldProtectionSpec;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a load balancer's Shield Advanced protection what the stack says: creates it (named and
 * tagged as ours) when enabled and missing; when disabled, deletes it only if this controller (or
 * its predecessor) created it, by name, as the reference does. Without an active subscription
 * nothing is done (the model builder already refused members asking for protection then).
 */
public final class ShieldProtectionSynthesizer implements Synthesizer {
  private static final Logger log = LoggerFactory.getLogger(ShieldProtectionSynthesizer.class);
  static final String MANAGED_NAME = "managed by aws-load-balancer-controller";
  static final Set<String> MANAGED_NAMES =
      Set.of(MANAGED_NAME, "managed by aws-alb-ingress-controller");

  private final ShieldProtections protections;

  public ShieldProtectionSynthesizer(ShieldProtections protections) {
    this.protections = protections;
  }

  @Override
  public String stageName() {
    return "*shield.protectionSynthesizer";
  }

  @Override
  public void synthesize(DeployContext context) {
    var desired =
        context.stack().resources(ResourceType.SHIELD_PROTECTION, ShieldProtectionSpec.class);
    if (desired.isEmpty()) {
      return;
    }
    if (!protections.subscribed()) {
      log.info("skipping shield protections stack={}: no active subscription", context.stackId());
      return;
    }
    for (Resource<ShieldProtectionSpec> resource : desired) {
      String resourceArn = context.tokens().resolve(resource.spec().resourceARN());
      Optional<Protection> current = protections.current(resourceArn);
      if (resource.spec().enabled() && current.isEmpty()) {
        context.logWrite(log, "creating", "shieldProtection", resource.id(), resourceArn);
        Map<String, String> tags = context.tagsFor(resource.id(), Map.of());
        String id = protections.create(resourceArn, MANAGED_NAME, tags);
        context.logWrite(log, "created", "shieldProtection", resource.id(), id);
      } else if (!resource.spec().enabled() && current.isPresent()) {
        Protection protection = current.get();
        if (MANAGED_NAMES.contains(protection.name())) {
          context.logWrite(log, "deleting", "shieldProtection", resource.id(), protection.id());
          protections.delete(resourceArn, protection.id());
          context.logWrite(log, "deleted", "shieldProtection", resource.id(), protection.id());
        } else {
          log.info(
              "ignoring unmanaged shield protection stack={} name={} id={}",
              context.stackId(),
              protection.name(),
              protection.id());
        }
      }
    }
  }
}
