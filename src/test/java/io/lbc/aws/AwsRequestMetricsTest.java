package io.lbc.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * One call that AWS throttles twice before it answers: one call with two retries, three HTTP
 * requests, each with its own status and error code (read from the error body of every attempt).
 */
class AwsRequestMetricsTest {
  private static final String THROTTLED =
      "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"
          + "<Message>Rate exceeded</Message></Error><RequestId>r</RequestId></ErrorResponse>";
  private static final String ANSWER =
      "<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancers/>"
          + "</DescribeLoadBalancersResult></DescribeLoadBalancersResponse>";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void everyAttemptIsARequestAndTheRetriesFallInTheReferencesBuckets() throws IOException {
    var served = new AtomicInteger();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          boolean throttle = served.getAndIncrement() < 2;
          byte[] body = (throttle ? THROTTLED : ANSWER).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/xml");
          exchange.sendResponseHeaders(throttle ? 400 : 200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();

    try (var client = client()) {
      client.describeLoadBalancers(r -> {});
    }

    String scrape = registry.scrape();
    String labels = "operation=\"DescribeLoadBalancers\",service=\"Elastic Load Balancing v2\"";
    assertThat(served).hasValue(3);
    assertThat(scrape)
        .contains(
            "aws_api_requests_total{error_code=\"Throttling\","
                + labels
                + ",status_code=\"400\"} 2")
        .contains("aws_api_requests_total{error_code=\"\"," + labels + ",status_code=\"200\"} 1")
        .contains("aws_api_calls_total{error_code=\"\"," + labels + ",status_code=\"200\"} 1")
        .contains("aws_api_request_duration_seconds_count{" + labels + "} 3")
        .contains("aws_api_call_retries_bucket{" + labels + ",le=\"1.0\"} 0")
        .contains("aws_api_call_retries_bucket{" + labels + ",le=\"2.0\"} 1")
        .contains("aws_api_call_retries_sum{" + labels + "} 2.0");
  }

  @Test
  void aCallWithoutRetriesIsObservedInTheZeroBucket() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();

    try (var client = client()) {
      client.describeLoadBalancers(r -> {});
    }

    assertThat(registry.scrape())
        .contains(
            "aws_api_call_retries_bucket{operation=\"DescribeLoadBalancers\",service=\"Elastic"
                + " Load Balancing v2\",le=\"0.0\"} 1");
  }

  private ElasticLoadBalancingV2Client client() {
    return ElasticLoadBalancingV2Client.builder()
        .region(Region.US_WEST_2)
        .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
        .overrideConfiguration(
            o ->
                o.retryStrategy(
                        AwsRetryStrategy.standardRetryStrategy().toBuilder()
                            .maxAttempts(4)
                            .backoffStrategy(BackoffStrategy.retryImmediately())
                            .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
                            .build())
                    .addExecutionInterceptor(new AwsApiCallRecorder(AwsService.ELBV2, registry)))
        .build();
  }
}
