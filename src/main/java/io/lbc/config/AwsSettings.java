package io.lbc.config;

import io.lbc.aws.ApiThrottleConfig;
import io.lbc.aws.AwsService;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** How the controller reaches AWS. */
public record AwsSettings(
    String region,
    Optional<String> vpcId,
    Map<String, String> vpcTags,
    Map<AwsService, URI> endpoints,
    int maxRetries,
    Duration callTimeout,
    Duration attemptTimeout,
    ApiThrottleConfig throttle) {

  public Optional<URI> endpoint(AwsService service) {
    return Optional.ofNullable(endpoints.get(service));
  }
}
