package io.lbc.aws.wafregional;

import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.waf.model.WebACLSummary;
import software.amazon.awssdk.services.waf.regional.WafRegionalClient;

/** {@link WafRegional} over the AWS SDK (the {@code waf} artifact's regional client). */
public final class SdkWafRegional implements WafRegional {
  private final Supplier<WafRegionalClient> client;

  /**
   * @param client the SDK client, built on first use (see {@code AwsClients})
   */
  public SdkWafRegional(Supplier<WafRegionalClient> client) {
    this.client = client;
  }

  @Override
  public Optional<String> findWebAclIdForResource(String resourceArn) {
    WebACLSummary summary =
        client.get().getWebACLForResource(r -> r.resourceArn(resourceArn)).webACLSummary();
    return Optional.ofNullable(summary).map(WebACLSummary::webACLId).filter(id -> !id.isEmpty());
  }

  @Override
  public void associateWebAcl(String resourceArn, String webAclId) {
    client.get().associateWebACL(r -> r.resourceArn(resourceArn).webACLId(webAclId));
  }

  @Override
  public void disassociateWebAcl(String resourceArn) {
    client.get().disassociateWebACL(r -> r.resourceArn(resourceArn));
  }
}
