package io.lbc.model.acm;

import io.lbc.model.ResourceSpec;
import io.lbc.model.ResourceType;
import io.lbc.model.Token;
import java.util.List;
import java.util.Map;

/**
 * An ACM certificate the controller requests for an Ingress ({@code create-acm-cert}, compat-spec
 * §1.3 #70–71, §7). Resource id {@code <type>/<domain>-<hash8 of ns/name>} as the reference's;
 * status field {@code certificateARN}, which the HTTPS listeners reference.
 *
 * @param type {@code AMAZON_ISSUED} (DNS validation through Route 53) or {@code PRIVATE}
 * @param certificateAuthorityARN the private CA of a {@code PRIVATE} certificate, else null
 * @param domainName the first host
 * @param subjectAlternativeNames every host of the Ingress, sorted, the domain name included
 * @param validationMethod {@code DNS}
 * @param tags the user's tags (default tags, then the Ingress's); the tracking tags come on top
 */
public record CertificateSpec(
    String type,
    String certificateAuthorityARN,
    String domainName,
    List<String> subjectAlternativeNames,
    String validationMethod,
    Map<String, String> tags)
    implements ResourceSpec {
  public static final String ARN = "certificateARN";
  public static final String AMAZON_ISSUED = "AMAZON_ISSUED";
  public static final String PRIVATE = "PRIVATE";

  @Override
  public ResourceType resourceType() {
    return ResourceType.ACM_CERTIFICATE;
  }

  /** The ARN of the certificate with this resource id, once requested. */
  public static Token.Ref arnOf(String resourceId) {
    return ResourceType.ACM_CERTIFICATE.ref(resourceId, ARN);
  }
}
