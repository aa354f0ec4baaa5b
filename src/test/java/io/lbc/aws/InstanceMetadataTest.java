package io.lbc.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** IMDSv2 spoken to a loopback server that, like an instance with HttpTokens=required, wants it. */
class InstanceMetadataTest {
  HttpServer server;
  final List<String> requests = new ArrayList<>();
  int tokenStatus = 200;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String token = exchange.getRequestHeaders().getFirst("X-aws-ec2-metadata-token");
    requests.add(exchange.getRequestMethod() + " " + path + (token == null ? "" : " +token"));
    if (path.equals("/latest/api/token")) {
      String ttl = exchange.getRequestHeaders().getFirst("X-aws-ec2-metadata-token-ttl-seconds");
      reply(exchange, ttl == null ? 400 : tokenStatus, "t-1");
      return;
    }
    if (tokenStatus == 200 && !"t-1".equals(token)) {
      reply(exchange, 401, "");
      return;
    }
    String body =
        Map.of(
                "/latest/meta-data/placement/region", "eu-central-1",
                "/latest/meta-data/mac", "02:00:00:00:00:01",
                "/latest/meta-data/network/interfaces/macs/02:00:00:00:00:01/vpc-id", "vpc-9")
            .get(path);
    reply(exchange, body == null ? 404 : 200, body == null ? "" : body);
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  InstanceMetadata client(Map<String, String> env) {
    URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    return InstanceMetadata.of(Optional.of(endpoint), env, 2);
  }

  @Test
  void readsRegionAndVpcWithOneSessionToken() {
    var metadata = client(Map.of());
    assertThat(metadata.region()).isEqualTo("eu-central-1");
    assertThat(metadata.vpcId()).isEqualTo("vpc-9");
    assertThat(requests)
        .containsExactly(
            "PUT /latest/api/token",
            "GET /latest/meta-data/placement/region +token",
            "GET /latest/meta-data/mac +token",
            "GET /latest/meta-data/network/interfaces/macs/02:00:00:00:00:01/vpc-id +token");
  }

  @Test
  void fallsBackToReadsWithoutATokenWhereOnlyImdsV1Answers() {
    tokenStatus = 404;
    assertThat(client(Map.of()).region()).isEqualTo("eu-central-1");
    assertThat(requests)
        .containsExactly("PUT /latest/api/token", "GET /latest/meta-data/placement/region");
  }

  @Test
  void disabledByTheSdkVariableItAsksNothing() {
    assertThatThrownBy(() -> client(Map.of("AWS_EC2_METADATA_DISABLED", "true")).region())
        .isInstanceOf(InstanceMetadata.Unavailable.class)
        .hasMessageContaining("AWS_EC2_METADATA_DISABLED");
    assertThat(requests).isEmpty();
  }

  @Test
  void aMissingPathSaysWhichAndHowItWasAnswered() {
    assertThatThrownBy(() -> client(Map.of()).get("nothing-here"))
        .isInstanceOf(InstanceMetadata.Unavailable.class)
        .hasMessageContaining("nothing-here")
        .hasMessageContaining("404");
  }

  @Test
  void theEnvironmentNamesTheEndpointWhenTheFlagDoesNot() {
    var metadata =
        InstanceMetadata.of(
            Optional.empty(),
            Map.of(
                "AWS_EC2_METADATA_SERVICE_ENDPOINT",
                "http://127.0.0.1:" + server.getAddress().getPort()),
            0);
    assertThat(metadata.region()).isEqualTo("eu-central-1");
  }
}
