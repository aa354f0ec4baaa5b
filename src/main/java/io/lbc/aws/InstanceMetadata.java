package io.lbc.aws;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The EC2 instance metadata service (IMDSv2: a session token from {@code PUT /latest/api/token},
 * sent with every read), consulted only for what the flags did not say: the region and the VPC. Its
 * endpoint is {@code ec2imds} of {@code --aws-api-endpoints} (as in the reference), else {@code
 * AWS_EC2_METADATA_SERVICE_ENDPOINT}, else the link-local address; {@code
 * AWS_EC2_METADATA_DISABLED=true} turns it off, as it does in the AWS SDKs. On a host that answers
 * only IMDSv1 (the token call refused with 403/404/405) reads go without a token, as the SDKs fall
 * back.
 */
public final class InstanceMetadata {
  static final URI DEFAULT_ENDPOINT = URI.create("http://169.254.169.254");
  private static final String TOKEN_TTL_SECONDS = "21600";

  private final HttpClient http;
  private final URI endpoint;
  private final boolean enabled;
  private final int attempts;
  private Optional<String> token;

  InstanceMetadata(URI endpoint, boolean enabled, int attempts) {
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    this.endpoint = endpoint;
    this.enabled = enabled;
    this.attempts = Math.max(1, attempts);
  }

  /** The metadata client the settings and the process environment describe. */
  public static InstanceMetadata of(
      Optional<URI> endpointOverride, Map<String, String> environment, int maxRetries) {
    URI endpoint =
        endpointOverride
            .or(
                () ->
                    Optional.ofNullable(environment.get("AWS_EC2_METADATA_SERVICE_ENDPOINT"))
                        .filter(v -> !v.isBlank())
                        .map(URI::create))
            .orElse(DEFAULT_ENDPOINT);
    boolean disabled = "true".equalsIgnoreCase(environment.get("AWS_EC2_METADATA_DISABLED"));
    // the reference's IMDS client retries as its AWS clients do, bounded: a host without IMDS
    // must fail fast
    return new InstanceMetadata(endpoint, !disabled, Math.min(maxRetries + 1, 3));
  }

  /** {@code placement/region}. */
  public String region() {
    return get("placement/region");
  }

  /** The VPC of the instance's primary interface ({@code mac}, then its {@code vpc-id}). */
  public String vpcId() {
    String mac = get("mac");
    return get("network/interfaces/macs/" + mac + "/vpc-id");
  }

  /** Reads one metadata path; throws {@link Unavailable} saying why it could not. */
  public synchronized String get(String path) {
    if (!enabled) {
      throw new Unavailable("instance metadata is disabled (AWS_EC2_METADATA_DISABLED=true)");
    }
    Unavailable last = null;
    for (int attempt = 0; attempt < attempts; attempt++) {
      try {
        HttpResponse<String> response = read(path);
        if (response.statusCode() == 401) {
          token = null; // expired or refused: a new session on the next attempt
          last = new Unavailable("GET " + path + " answered 401");
          continue;
        }
        if (response.statusCode() != 200) {
          throw new Unavailable("GET " + path + " answered " + response.statusCode());
        }
        return response.body().strip();
      } catch (IOException e) {
        last = new Unavailable("GET " + path + " from " + endpoint + ": " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Unavailable("interrupted reading " + path);
      }
    }
    throw last;
  }

  private HttpResponse<String> read(String path) throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(endpoint.resolve("/latest/meta-data/" + path))
            .timeout(Duration.ofSeconds(5))
            .GET();
    session().ifPresent(t -> request.header("X-aws-ec2-metadata-token", t));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @SuppressWarnings("OptionalAssignedToNull")
  private Optional<String> session() throws IOException, InterruptedException {
    if (token != null) {
      return token;
    }
    var request =
        HttpRequest.newBuilder(endpoint.resolve("/latest/api/token"))
            .timeout(Duration.ofSeconds(5))
            .header("X-aws-ec2-metadata-token-ttl-seconds", TOKEN_TTL_SECONDS)
            .PUT(HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    int status = response.statusCode();
    if (status == 200) {
      token = Optional.of(response.body().strip());
    } else if (status == 403 || status == 404 || status == 405) {
      token = Optional.empty(); // IMDSv1 only
    } else {
      throw new IOException("PUT /latest/api/token answered " + status);
    }
    return token;
  }

  /** The metadata could not be read; the message says why. */
  public static final class Unavailable extends RuntimeException {
    Unavailable(String message) {
      super(message);
    }
  }
}
