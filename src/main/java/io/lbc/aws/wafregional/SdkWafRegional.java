package io.lbc.aws.wafregional;

import java.util.Optional;
import software.amazon.awssdk.services.waf.model.WebACLSummary;
import software.amazon.awssdk.services.waf.regional.WafRegionalClient;

/** {@link WafRegional} over the AWS SDK (the {@code waf} artifact's regional client). */
public final class SdkWafRegional implements WafRegional {
  private final WafRegionalClient client;

  public SdkWafRegional(WafRegionalClient client) {
    this.client = client;
  }

  @Override
  public Optional<String> findWebAclIdForResource(String resourceArn) {
    WebACLSummary summary =
        client.getWebACLForResource(r -> r.resourceArn(resourceArn)).webACLSummary();
    return Optional.ofNullable(summary).map(WebACLSummary::webACLId).filter(id -> !id.isEmpty());
  }

  @Override
  public void associateWebAcl(String resourceArn, String webAclId) {
    client.associateWebACL(r -> r.resourceArn(resourceArn).webACLId(webAclId));
  }

  @Override
  public void disassociateWebAcl(String resourceArn) {
    client.disassociateWebACL(r -> r.resourceArn(resourceArn));
  }
}
