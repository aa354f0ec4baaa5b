package io.lbc.rig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * moto's dump of its model objects ({@code GET /moto-api/data.json}): state the AWS API never
 * returns, such as the OIDC client secret a listener rule holds ({@code rig/moto_ext}
 * elbv2_auth_actions exposes it there as {@code oidc_client_secret}).
 */
public final class MotoModels {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MotoModels() {}

  /** Every tracked instance of a model, e.g. {@code elbv2} / {@code FakeListenerRule}. */
  public static List<JsonNode> instances(Rig rig, String service, String model) {
    var request =
        HttpRequest.newBuilder(rig.motoUrl().resolve("/moto-api/data.json"))
            .timeout(Duration.ofSeconds(30))
            .build();
    try {
      var response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
      var result = new ArrayList<JsonNode>();
      JSON.readTree(response.body()).path(service).path(model).forEach(result::add);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The OIDC client secret the rule (or listener) with this ARN holds now, if any. */
  public static Optional<String> oidcClientSecret(Rig rig, String model, String arn) {
    return instances(rig, "elbv2", model).stream()
        .filter(i -> arn.equals(i.path("arn").asText()))
        .reduce((first, later) -> later)
        .map(i -> i.path("oidc_client_secret"))
        .filter(n -> !n.isNull() && !n.isMissingNode())
        .map(JsonNode::asText);
  }
}
