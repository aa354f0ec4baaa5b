package io.lbc.rig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The emulator's ELBv2 account limits ({@code rig/moto_ext/lbc_moto_ext/elbv2_account_limits.py}):
 * DescribeAccountLimits answers AWS's defaults until a test lowers one, as if the account had
 * another quota. {@code /moto-api/reset} (before every test) restores the defaults.
 */
public final class ElbAccountLimits {
  private final URI moto;

  public ElbAccountLimits(URI moto) {
    this.moto = moto;
  }

  /** From now on DescribeAccountLimits answers these values for these names. */
  public void set(Map<String, Integer> limits) {
    String body =
        limits.entrySet().stream()
            .map(e -> "\"" + e.getKey() + "\": " + e.getValue())
            .collect(Collectors.joining(", ", "{", "}"));
    try {
      var response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(moto.resolve("/moto-api/lbc/elbv2/account-limits"))
                      .timeout(Duration.ofSeconds(30))
                      .header("Content-Type", "application/json")
                      .POST(HttpRequest.BodyPublishers.ofString(body))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "account-limits control answered " + response.statusCode() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
