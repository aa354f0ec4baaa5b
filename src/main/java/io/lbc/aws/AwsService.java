package io.lbc.aws;

import java.util.Arrays;
import java.util.Optional;

/**
 * The AWS services the controller talks to, keyed by the SDK service ID that {@code
 * --aws-api-endpoints} uses (the reference controller's keys).
 */
public enum AwsService {
  EC2("EC2"),
  ELBV2("Elastic Load Balancing v2"),
  ACM("ACM"),
  WAFV2("WAFV2"),
  WAF_REGIONAL("WAF Regional"),
  SHIELD("Shield"),
  TAGGING("Resource Groups Tagging API"),
  STS("STS"),
  /** The instance metadata service (not an SDK client): region and VPC when no flag gives them. */
  EC2_IMDS("ec2imds"),
  ROUTE53("Route 53");

  private final String serviceId;

  AwsService(String serviceId) {
    this.serviceId = serviceId;
  }

  public String serviceId() {
    return serviceId;
  }

  public static Optional<AwsService> byServiceId(String serviceId) {
    return Arrays.stream(values()).filter(s -> s.serviceId.equals(serviceId)).findFirst();
  }
}
