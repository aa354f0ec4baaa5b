package io.lbc.service;

import static io.lbc.service.ServiceObjects.port;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.metrics.ReferenceMetrics;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.ControllerProcess;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} after one nlb-ip Service converged carries the reference controller's metric
 * names with its label keys (the list in {@code metrics/reference-metrics.txt}), so dashboards and
 * alerts written for it keep working; the AWS call histogram has the reference's buckets and the
 * reconcile histogram controller-runtime's.
 */
@RigTest
class ServiceMetricsIT {
  private ServiceRig world;

  @AfterEach
  void stop() {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void aConvergedServiceLeavesTheReferenceMetricsOnMetrics(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace)
      throws Exception {
    world = new ServiceRig(rig, kube, aws, namespace);
    int metricsPort = ControllerProcess.freePort();
    world.start("--metrics-bind-addr=127.0.0.1:" + metricsPort);
    world.convergeOnPods(
        ServiceObjects.nlbIp(world.ns, "metered", Map.of(), port("http", 80, "TCP", 8080)), 1);

    String scrape =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();

    var families = ReferenceMetrics.families(scrape);
    for (var metric : ReferenceMetrics.load().values()) {
      if (metric.seen()) {
        assertThat(families).as(metric.name()).containsKey(metric.name());
      }
      if (families.containsKey(metric.name())) {
        assertThat(families.get(metric.name()))
            .as(metric.name() + " label keys")
            .containsOnly(metric.labels());
      }
    }
    assertThat(scrape)
        .containsPattern(
            "controller_runtime_reconcile_total\\{controller=\"service\",result=\"success\"} [1-9]")
        .containsPattern("workqueue_adds_total\\{controller=\"service\",name=\"service\"} [1-9]")
        .contains("workqueue_depth{controller=\"service\",name=\"service\"}");
    assertThat(
            ReferenceMetrics.buckets(
                scrape, "aws_api_call_duration_seconds", "operation=\"CreateLoadBalancer\""))
        .containsExactly(
            "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0",
            "+Inf");
    assertThat(
            ReferenceMetrics.buckets(
                scrape, "aws_api_call_retries", "operation=\"CreateLoadBalancer\""))
        .containsExactly(
            "0.0", "1.0", "2.0", "3.0", "4.0", "5.0", "6.0", "7.0", "8.0", "9.0", "10.0", "+Inf");
    assertThat(scrape)
        .containsPattern(
            "aws_api_requests_total\\{error_code=\"\",operation=\"CreateLoadBalancer\",service=\"Elastic"
                + " Load Balancing v2\",status_code=\"200\"} 1");
    List<String> reconcileBuckets =
        ReferenceMetrics.buckets(
            scrape, "controller_runtime_reconcile_time_seconds", "controller=\"service\"");
    assertThat(reconcileBuckets).hasSize(41).startsWith("0.005", "0.01").endsWith("60.0", "+Inf");
  }
}
