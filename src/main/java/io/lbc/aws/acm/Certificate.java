package io.lbc.aws.acm;

import java.util.List;

/**
 * An ACM certificate.
 *
 * @param type {@code IMPORTED}, {@code AMAZON_ISSUED} or {@code PRIVATE}
 * @param certificateAuthorityArn null unless issued by a private CA
 */
public record Certificate(
    String arn,
    String domainName,
    List<String> subjectAlternativeNames,
    String status,
    String type,
    String certificateAuthorityArn) {}
