package io.lbc.config;

import io.lbc.aws.ApiThrottleConfig;
import io.lbc.aws.AwsService;
import io.lbc.aws.InstanceMetadata;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How the controller reaches AWS.
 *
 * @param discovery how the VPC is found when {@code --aws-vpc-id} is not given
 */
public record AwsSettings(
    String region,
    Optional<String> vpcId,
    Map<String, String> vpcTags,
    Map<AwsService, URI> endpoints,
    int maxRetries,
    Duration callTimeout,
    Duration attemptTimeout,
    ApiThrottleConfig throttle,
    Discovery discovery) {
  /** {@code --aws-vpc-tag-key}'s default; any other value is deprecated, logged and ignored. */
  public static final String DEFAULT_VPC_NAME_TAG_KEY = "Name";

  public AwsSettings(
      String region,
      Optional<String> vpcId,
      Map<String, String> vpcTags,
      Map<AwsService, URI> endpoints,
      int maxRetries,
      Duration callTimeout,
      Duration attemptTimeout,
      ApiThrottleConfig throttle) {
    this(
        region,
        vpcId,
        vpcTags,
        endpoints,
        maxRetries,
        callTimeout,
        attemptTimeout,
        throttle,
        Discovery.none());
  }

  public Optional<URI> endpoint(AwsService service) {
    return Optional.ofNullable(endpoints.get(service));
  }

  /** The instance metadata client these settings and the process environment describe. */
  public InstanceMetadata instanceMetadata() {
    return InstanceMetadata.of(
        endpoint(AwsService.EC2_IMDS), discovery.metadataEnvironment(), maxRetries);
  }

  /**
   * What the VPC lookup may use besides the flags, as in the reference: the instance metadata and
   * {@code $NODENAME} (an instance ID on EKS nodes).
   *
   * @param vpcNameTagKey the deprecated {@code --aws-vpc-tag-key}
   * @param nodeName {@code $NODENAME}
   * @param metadataEnvironment the variables the metadata client reads ({@code
   *     AWS_EC2_METADATA_DISABLED}, {@code AWS_EC2_METADATA_SERVICE_ENDPOINT})
   */
  public record Discovery(
      String vpcNameTagKey, Optional<String> nodeName, Map<String, String> metadataEnvironment) {
    /** No metadata and no node: only the flags find the VPC. */
    public static Discovery none() {
      return new Discovery(
          DEFAULT_VPC_NAME_TAG_KEY, Optional.empty(), Map.of("AWS_EC2_METADATA_DISABLED", "true"));
    }

    static Discovery from(String vpcNameTagKey, Map<String, String> environment) {
      var metadata = new java.util.HashMap<String, String>();
      for (String key :
          java.util.List.of("AWS_EC2_METADATA_DISABLED", "AWS_EC2_METADATA_SERVICE_ENDPOINT")) {
        Optional.ofNullable(environment.get(key)).ifPresent(v -> metadata.put(key, v));
      }
      return new Discovery(
          vpcNameTagKey,
          Optional.ofNullable(environment.get("NODENAME")).filter(n -> !n.isBlank()),
          Map.copyOf(metadata));
    }
  }
}
