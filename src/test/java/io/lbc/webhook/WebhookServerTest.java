package io.lbc.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.lbc.webhook.TestCertificates.KeyFormat;
import io.lbc.webhook.core.ServiceMutator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTPS server on loopback, spoken to as the apiserver does; no cluster needed. */
class WebhookServerTest {
  @TempDir Path dir;
  TestCertificates ca;
  Path cert;
  Path key;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  WebhookServer server;

  static final AdmissionHandler DENYING =
      handler(
          "/deny",
          false,
          r -> {
            throw Denial.invalid("checkSomething", "spec.something: is wrong");
          });
  static final AdmissionHandler BROKEN =
      handler(
          "/broken",
          false,
          r -> {
            throw new IllegalStateException("boom");
          });
  static final AdmissionHandler BROKEN_OPEN =
      handler(
          "/broken-open",
          true,
          r -> {
            throw new IllegalStateException("boom");
          });

  static AdmissionHandler handler(
      String path,
      boolean failOpen,
      java.util.function.Function<AdmissionRequest, Decision> admit) {
    return new AdmissionHandler() {
      @Override
      public String path() {
        return path;
      }

      @Override
      public Kind kind() {
        return Kind.VALIDATING;
      }

      @Override
      public boolean failOpen() {
        return failOpen;
      }

      @Override
      public Decision admit(AdmissionRequest request) {
        return admit.apply(request);
      }
    };
  }

  @BeforeEach
  void start() {
    ca = TestCertificates.newCa(dir);
    cert = dir.resolve("tls.crt");
    key = dir.resolve("tls.key");
    server =
        WebhookServer.start(
            new WebhookServer.Endpoint(new InetSocketAddress("127.0.0.1", 0), cert, key),
            List.of(new ServiceMutator("service.k8s.aws/nlb", true), DENYING, BROKEN, BROKEN_OPEN),
            new WebhookMetrics(registry));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  JsonNode post(String path, String body) throws Exception {
    HttpResponse<String> response =
        TlsClients.http(ca.caPem())
            .send(
                HttpRequest.newBuilder(
                        URI.create("https://127.0.0.1:" + server.address().getPort() + path))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode review = AdmissionObjects.JSON.readTree(response.body());
    assertThat(review.path("apiVersion").asText()).isEqualTo("admission.k8s.io/v1");
    assertThat(review.path("kind").asText()).isEqualTo("AdmissionReview");
    return review.path("response");
  }

  static String review(String operation, String object) {
    return "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{"
        + "\"uid\":\"u-1\",\"operation\":\""
        + operation
        + "\",\"namespace\":\"ns\",\"name\":\"svc\","
        + "\"object\":"
        + object
        + "}}";
  }

  static final String LB_SERVICE =
      "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"svc\",\"namespace\":\"ns\"},"
          + "\"spec\":{\"type\":\"LoadBalancer\",\"ports\":[{\"port\":80}]}}";

  @Test
  void isNotReadyAndRefusesHandshakesUntilACertificateExists() throws Exception {
    assertThat(server.servingCertificateValid()).isFalse();
    assertThatThrownBy(() -> TlsClients.servedCertificate(ca.caPem(), server.address()))
        .isInstanceOf(java.io.IOException.class);

    String serial = ca.issue(cert, key, KeyFormat.PKCS1_RSA);

    assertThat(server.servingCertificateValid()).isTrue();
    assertThat(
            TlsClients.servedCertificate(ca.caPem(), server.address())
                .getSerialNumber()
                .toString(16))
        .isEqualTo(serial);
  }

  @Test
  void answersWithABase64JsonPatch() throws Exception {
    ca.issue(cert, key, KeyFormat.PKCS1_RSA);

    JsonNode response = post(ServiceMutator.PATH, review("CREATE", LB_SERVICE));

    assertThat(response.path("uid").asText()).isEqualTo("u-1");
    assertThat(response.path("allowed").asBoolean()).isTrue();
    assertThat(response.path("patchType").asText()).isEqualTo("JSONPatch");
    String patch = new String(Base64.getDecoder().decode(response.path("patch").asText()));
    assertThat(AdmissionObjects.JSON.readTree(patch))
        .isEqualTo(
            AdmissionObjects.JSON.readTree(
                "[{\"op\":\"add\",\"path\":\"/spec/loadBalancerClass\",\"value\":\"service.k8s.aws/nlb\"}]"));
  }

  @Test
  void refusesWithTheMessageAndCountsTheFailedCheck() throws Exception {
    ca.issue(cert, key, KeyFormat.SEC1_EC);

    JsonNode response = post("/deny", review("CREATE", LB_SERVICE));

    assertThat(response.path("allowed").asBoolean()).isFalse();
    assertThat(response.path("status").path("code").asInt()).isEqualTo(403);
    assertThat(response.path("status").path("message").asText())
        .isEqualTo("spec.something: is wrong");
    assertThat(response.has("patch")).isFalse();
    assertThat(
            registry
                .get("awslbc.webhook.validation.failure")
                .tags("webhook_name", "/deny", "error_category", "checkSomething")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(
            registry
                .get("controller.runtime.webhook.latency")
                .tag("webhook", "/deny")
                .timer()
                .count())
        .isEqualTo(1);
  }

  @Test
  void aFailingHandlerRefusesUnlessItFailsOpen() throws Exception {
    ca.issue(cert, key, KeyFormat.PKCS8_EC);

    JsonNode closed = post("/broken", review("CREATE", LB_SERVICE));
    JsonNode open = post("/broken-open", review("CREATE", LB_SERVICE));

    assertThat(closed.path("allowed").asBoolean()).isFalse();
    assertThat(closed.path("status").path("code").asInt()).isEqualTo(500);
    assertThat(closed.path("status").path("message").asText()).contains("boom");
    assertThat(open.path("allowed").asBoolean()).isTrue();
    assertThat(open.has("patch")).isFalse();
  }

  @Test
  void rotatedCertificatesAreServedWithoutARestart() throws Exception {
    ca.issue(cert, key, KeyFormat.PKCS1_RSA);
    post(ServiceMutator.PATH, review("CREATE", LB_SERVICE));

    String rotated = ca.issue(cert, key, KeyFormat.PKCS1_RSA);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        TlsClients.servedCertificate(ca.caPem(), server.address())
                            .getSerialNumber()
                            .toString(16))
                    .isEqualTo(rotated));
    assertThat(post(ServiceMutator.PATH, review("CREATE", LB_SERVICE)).path("allowed").asBoolean())
        .isTrue();
  }

  @Test
  void garbageIsABadRequest() throws Exception {
    ca.issue(cert, key, KeyFormat.PKCS1_RSA);

    HttpResponse<String> response =
        TlsClients.http(ca.caPem())
            .send(
                HttpRequest.newBuilder(
                        URI.create("https://127.0.0.1:" + server.address().getPort() + "/deny"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"request\":{}}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
  }
}
