package io.lbc.rig;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The control endpoint of the emulator's target health ({@code
 * rig/moto_ext/lbc_moto_ext/target_health.py}): how fast registered targets leave {@code initial}
 * and draining ones leave, which target IDs fail their health checks, and the history of every
 * registration a target group saw. {@code /moto-api/reset} (before every test) restores the
 * default: time scale 0, i.e. healthy at once and no draining, as moto always answered.
 */
public final class TargetHealthControl {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private final URI moto;
  private final HttpClient http = HttpClient.newHttpClient();

  public TargetHealthControl(URI moto) {
    this.moto = moto;
  }

  /**
   * One registration of a target, in epoch milliseconds: when it was registered, when it left
   * {@code initial} for {@code healthy} (null while initial or unhealthy), when it was deregistered
   * and when its draining ended (both null while registered); whether it was registered again while
   * draining, and how many DeregisterTargets calls named it.
   */
  public record Registration(
      String id,
      int port,
      long registeredAt,
      long initialUntil,
      Long healthyAt,
      Long deregisteredAt,
      Long drainedAt,
      boolean reregisteredWhileDraining,
      int deregistrations) {}

  /** The target group's registrations, oldest first, and the emulator's clock when read. */
  public record History(String targetGroupArn, long now, List<Registration> targets) {}

  /**
   * Every emulated duration (health-check interval × healthy threshold, deregistration delay) is
   * multiplied by {@code scale}: 0.01 turns AWS's 300 s of draining into 3 s.
   */
  public void timeScale(double scale) {
    post("settings", Map.of("timeScale", scale));
  }

  /**
   * Makes the target ID (a pod IP or an instance ID) fail its health checks, or pass them again.
   */
  public void unhealthy(String targetId, boolean unhealthy) {
    post("unhealthy", Map.of("id", targetId, "unhealthy", unhealthy));
  }

  public History history(String targetGroupArn) {
    String query = "?targetGroupArn=" + URLEncoder.encode(targetGroupArn, StandardCharsets.UTF_8);
    return send(HttpRequest.newBuilder(uri("history" + query)).GET(), History.class);
  }

  private void post(String path, Map<String, Object> body) {
    try {
      send(
          HttpRequest.newBuilder(uri(path))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))),
          Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private URI uri(String path) {
    return moto.resolve("/moto-api/lbc/target-health/" + path);
  }

  private <T> T send(HttpRequest.Builder request, Class<T> type) {
    try {
      var response =
          http.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "target-health control answered " + response.statusCode() + ": " + response.body());
      }
      return JSON.readValue(response.body(), type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
