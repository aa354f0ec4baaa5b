package io.lbc.aws.wafv2;

import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.wafv2.Wafv2Client;
import software.amazon.awssdk.services.wafv2.model.ListWebAcLsResponse;
import software.amazon.awssdk.services.wafv2.model.Scope;
import software.amazon.awssdk.services.wafv2.model.WebACL;
import software.amazon.awssdk.services.wafv2.model.WebACLSummary;

/** {@link Wafv2} over the AWS SDK. */
public final class SdkWafv2 implements Wafv2 {
  private final Supplier<Wafv2Client> client;

  /**
   * @param client the SDK client, built on first use (see {@code AwsClients})
   */
  public SdkWafv2(Supplier<Wafv2Client> client) {
    this.client = client;
  }

  @Override
  public Optional<String> findWebAclArnForResource(String resourceArn) {
    WebACL acl = client.get().getWebACLForResource(r -> r.resourceArn(resourceArn)).webACL();
    return Optional.ofNullable(acl).map(WebACL::arn).filter(a -> !a.isEmpty());
  }

  /** ListWebACLs has no paginator in the SDK: NextMarker is followed by hand. */
  @Override
  public Optional<String> findWebAclArnByName(String name) {
    String marker = null;
    do {
      String next = marker;
      ListWebAcLsResponse page =
          client.get().listWebACLs(r -> r.scope(Scope.REGIONAL).nextMarker(next).limit(100));
      for (WebACLSummary acl : page.webACLs()) {
        if (name.equals(acl.name())) {
          return Optional.of(acl.arn());
        }
      }
      marker = page.webACLs().isEmpty() ? null : page.nextMarker();
    } while (marker != null && !marker.isEmpty());
    return Optional.empty();
  }

  @Override
  public void associateWebAcl(String resourceArn, String webAclArn) {
    client.get().associateWebACL(r -> r.resourceArn(resourceArn).webACLArn(webAclArn));
  }

  @Override
  public void disassociateWebAcl(String resourceArn) {
    client.get().disassociateWebACL(r -> r.resourceArn(resourceArn));
  }
}
