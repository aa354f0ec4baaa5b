package io.lbc.deploy.addons;

import io.lbc.deploy.DeployContext;
import io.lbc.deploy.Synthesizer;
import io.lbc.model.Resource;
import io.lbc.model.ResourceType;
import io.lbc.model.addons.WafRegionalAssociationSpec;
import io.lbc.model.addons.WebAclAssociation;
import io.lbc.model.addons.WebAclAssociationSpec;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a load balancer's web ACL association what the stack says (WAFv2 or WAF Classic regional):
 * associates when none or another is associated, disassociates for {@code none}. A stack without
 * the resource leaves the association as it is, so nothing is cleaned up afterwards.
 */
public final class WebAclAssociationSynthesizer implements Synthesizer {
  private static final Logger log = LoggerFactory.getLogger(WebAclAssociationSynthesizer.class);

  private final ResourceType type;
  private final Class<? extends WebAclAssociation> spec;
  private final WebAclAssociations associations;

  private WebAclAssociationSynthesizer(
      ResourceType type, Class<? extends WebAclAssociation> spec, WebAclAssociations associations) {
    this.type = type;
    this.spec = spec;
    this.associations = associations;
  }

  public static WebAclAssociationSynthesizer wafv2(WebAclAssociations associations) {
    return new WebAclAssociationSynthesizer(
        ResourceType.WAFV2_WEB_ACL_ASSOCIATION, WebAclAssociationSpec.class, associations);
  }

  public static WebAclAssociationSynthesizer wafRegional(WebAclAssociations associations) {
    return new WebAclAssociationSynthesizer(
        ResourceType.WAF_REGIONAL_WEB_ACL_ASSOCIATION,
        WafRegionalAssociationSpec.class,
        associations);
  }

  @Override
  public String stageName() {
    return type == ResourceType.WAFV2_WEB_ACL_ASSOCIATION
        ? "*wafv2.webACLAssociationSynthesizer"
        : "*wafregional.webACLAssociationSynthesizer";
  }

  @Override
  public void synthesize(DeployContext context) {
    for (Resource<? extends WebAclAssociation> resource : context.stack().resources(type, spec)) {
      String resourceArn = context.tokens().resolve(resource.spec().resourceARN());
      String desired = resource.spec().webAcl();
      Optional<String> current = associations.current(resourceArn);
      if (desired.isEmpty()) {
        if (current.isPresent()) {
          context.logWrite(log, "disassociating", associations.name(), resource.id(), resourceArn);
          associations.disassociate(resourceArn);
          context.logWrite(log, "disassociated", associations.name(), resource.id(), current.get());
        }
      } else if (!current.equals(Optional.of(desired))) {
        context.logWrite(log, "associating", associations.name(), resource.id(), desired);
        associations.associate(resourceArn, desired);
        context.logWrite(log, "associated", associations.name(), resource.id(), desired);
      }
    }
  }
}
