package io.lbc.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Credentials of a role assumed through STS, as the reference assumes the role of a cross-account
 * TargetGroupBinding ({@code iamRoleArnToAssume}, {@code assumeRoleExternalId}): session name
 * {@code AWS-LBC-<cluster>}, renewed a minute before they expire.
 */
final class AssumedRoleCredentials implements AwsCredentialsProvider {
  static final Duration RENEW_BEFORE = Duration.ofMinutes(1);
  private static final int MAX_SESSION_NAME = 64;

  private final StsClient sts;
  private final String roleArn;
  private final String externalId;
  private final String sessionName;
  private final Clock clock;
  private AwsSessionCredentials current;
  private Instant expires = Instant.MIN;

  AssumedRoleCredentials(
      StsClient sts, String roleArn, String externalId, String clusterName, Clock clock) {
    this.sts = sts;
    this.roleArn = roleArn;
    this.externalId = externalId;
    this.sessionName = sessionName(clusterName);
    this.clock = clock;
  }

  /** {@code AWS-LBC-} and the cluster name without the characters STS refuses. */
  static String sessionName(String clusterName) {
    String name = "AWS-LBC-" + clusterName.replaceAll("[^a-zA-Z0-9=,.@\\-_]+", "");
    return name.length() > MAX_SESSION_NAME ? name.substring(0, MAX_SESSION_NAME) : name;
  }

  @Override
  public synchronized AwsCredentials resolveCredentials() {
    if (current == null || !clock.instant().isBefore(expires.minus(RENEW_BEFORE))) {
      Credentials assumed =
          sts.assumeRole(
                  r -> {
                    r.roleArn(roleArn).roleSessionName(sessionName);
                    if (externalId != null && !externalId.isEmpty()) {
                      r.externalId(externalId);
                    }
                  })
              .credentials();
      current =
          AwsSessionCredentials.create(
              assumed.accessKeyId(), assumed.secretAccessKey(), assumed.sessionToken());
      expires = assumed.expiration();
    }
    return current;
  }
}
