package io.lbc.rig;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The emulator's log of deleted load balancers ({@code rig/moto_ext/lbc_moto_ext/
 * elbv2_alb_targets.py}), oldest first: the order in which they went away, which the API cannot
 * tell once they are gone. {@code /moto-api/reset} (before every test) clears it.
 */
public final class LoadBalancerDeletions {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** One DeleteLoadBalancer of an existing load balancer. */
  public record Deletion(String arn, String name, String type, long deletedAt) {}

  record Log(List<Deletion> deletedLoadBalancers) {}

  private LoadBalancerDeletions() {}

  public static List<Deletion> read(URI moto) {
    try {
      var response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(moto.resolve("/moto-api/lbc/elbv2/deleted-load-balancers"))
                      .timeout(Duration.ofSeconds(30))
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "deleted-load-balancers answered " + response.statusCode() + ": " + response.body());
      }
      return JSON.readValue(response.body(), Log.class).deletedLoadBalancers();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
