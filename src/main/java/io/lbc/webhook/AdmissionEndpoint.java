package io.lbc.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponseBuilder;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serves one {@link AdmissionHandler} over HTTP: AdmissionReview v1 in, AdmissionReview v1 out. */
final class AdmissionEndpoint implements HttpHandler {
  private static final Logger log = LoggerFactory.getLogger(AdmissionEndpoint.class);

  /** The apiserver caps a request at 3 MiB; an update carries the object twice. */
  static final int MAX_BODY_BYTES = 8 << 20;

  private final AdmissionHandler handler;
  private final WebhookMetrics metrics;

  AdmissionEndpoint(AdmissionHandler handler, WebhookMetrics metrics) {
    this.handler = handler;
    this.metrics = metrics;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    long start = System.nanoTime();
    int status = 200;
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        status = 405;
        send(exchange, status, "only POST is served");
        return;
      }
      AdmissionReview review;
      try {
        review = read(exchange.getRequestBody());
      } catch (IOException | IllegalArgumentException e) {
        status = 400;
        send(exchange, status, "not an AdmissionReview: " + e.getMessage());
        return;
      }
      AdmissionResponse response = respond(review.getRequest());
      var answer = new AdmissionReview();
      answer.setApiVersion(
          review.getApiVersion() == null ? "admission.k8s.io/v1" : review.getApiVersion());
      answer.setKind("AdmissionReview");
      answer.setResponse(response);
      byte[] body = AdmissionObjects.JSON.writeValueAsBytes(answer);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
    } finally {
      metrics.request(handler.path(), status, Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private static AdmissionReview read(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      throw new IllegalArgumentException("larger than " + MAX_BODY_BYTES + " bytes");
    }
    try {
      AdmissionReview review = AdmissionObjects.JSON.readValue(body, AdmissionReview.class);
      if (review.getRequest() == null || review.getRequest().getUid() == null) {
        throw new IllegalArgumentException("no request or no request uid");
      }
      return review;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
  }

  AdmissionResponse respond(AdmissionRequest request) {
    Decision decision;
    try {
      decision = handler.admit(request);
    } catch (Denial denial) {
      if (handler.failOpen()) {
        return admitUnchanged(request, denial);
      }
      decision = Decision.deny(denial);
    } catch (RuntimeException e) {
      if (handler.failOpen()) {
        return admitUnchanged(request, e);
      }
      log.error(
          "webhook failed webhook={} object={}",
          handler.path(),
          AdmissionObjects.describe(request),
          e);
      decision = Decision.deny(Denial.failed("internalError", "webhook failed: " + e.getMessage()));
    }
    if (!decision.allowed()) {
      decision.failedChecks().forEach(check -> metrics.failure(handler, check));
      log.info(
          "denied admission webhook={} operation={} object={} reason={}",
          handler.path(),
          request.getOperation(),
          AdmissionObjects.describe(request),
          decision.message());
    } else if (!decision.patch().isEmpty()) {
      log.debug(
          "mutated object webhook={} object={} patch={}",
          handler.path(),
          AdmissionObjects.describe(request),
          decision.patch());
    }
    return response(request, decision);
  }

  /** A fail-open webhook never refuses: whatever went wrong, the object goes in as it came. */
  private AdmissionResponse admitUnchanged(AdmissionRequest request, RuntimeException e) {
    List<String> checks = e instanceof Denial denial ? denial.checks() : List.of("internalError");
    checks.forEach(check -> metrics.failure(handler, check));
    log.warn(
        "admitting unchanged after a webhook failure webhook={} object={}",
        handler.path(),
        AdmissionObjects.describe(request),
        e);
    return response(request, Decision.allow());
  }

  private static AdmissionResponse response(AdmissionRequest request, Decision decision) {
    var builder = new AdmissionResponseBuilder().withUid(request.getUid());
    if (!decision.allowed()) {
      return builder
          .withAllowed(false)
          .withStatus(
              new StatusBuilder()
                  .withCode(decision.code())
                  .withMessage(decision.message())
                  .withReason(decision.code() == Denial.FORBIDDEN ? "Forbidden" : null)
                  .build())
          .build();
    }
    builder.withAllowed(true);
    if (!decision.patch().isEmpty()) {
      try {
        byte[] patch = AdmissionObjects.JSON.writeValueAsBytes(decision.patch());
        builder.withPatchType("JSONPatch").withPatch(Base64.getEncoder().encodeToString(patch));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot encode a JSON patch", e);
      }
    }
    return builder.build();
  }

  private static void send(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    exchange.getResponseBody().write(body);
  }
}
