package io.lbc.service;

import static io.lbc.service.ServiceObjects.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.k8s.TargetGroupBinding;
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
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} after an nlb-ip Service and an ip-target Ingress converged and one Service
 * failed to build carries the reference controller's metric names with its label keys (the list in
 * {@code metrics/reference-metrics.txt}), so dashboards and alerts written for it keep working; the
 * AWS call histogram has the reference's buckets and the reconcile histogram controller-runtime's;
 * the {@code awslbc_*} series count what happened: the failure under its category, the stages of
 * each controller, the objects in the caches, the target groups of the bindings made, the top
 * talkers of the window.
 */
@RigTest
class ServiceMetricsIT {
  private ServiceRig world;
  private String elsewhere;
  private KubernetesClient kube;

  @AfterEach
  void stop() {
    if (world != null) {
      world.close();
    }
    if (elsewhere != null) {
      kube.namespaces().withName(elsewhere).delete();
    }
  }

  @Test
  void aConvergedServiceLeavesTheReferenceMetricsOnMetrics(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace)
      throws Exception {
    world = new ServiceRig(rig, kube, aws, namespace);
    this.kube = kube;
    elsewhere = world.ns + "-elsewhere";
    servicesElsewhere(kube, elsewhere);
    int metricsPort = ControllerProcess.freePort();
    world.start("--metrics-bind-addr=127.0.0.1:" + metricsPort);
    world.convergeOnPods(
        ServiceObjects.nlbIp(world.ns, "metered", Map.of(), port("http", 80, "TCP", 8080)), 1);
    convergeIngress(kube, world.ns);
    world.create(
        ServiceObjects.nlbIp(
            world.ns,
            "misspelt",
            Map.of(ServiceObjects.PREFIX + "aws-load-balancer-scheme", "internet-facin"),
            port("http", 80, "TCP", 8080)));

    await()
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(scrape(metricsPort))
                    .containsPattern(
                        "awslbc_controller_reconcile_errors_total\\{controller=\"service\","
                            + "error_category=\"build_model_error\"} [1-9]"));
    // the window of top talkers closes every 3 minutes: close it now
    world.controller().runtime().metrics().topTalkers().publish();
    String scrape = scrape(metricsPort);

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
                + " Load Balancing v2\",status_code=\"200\"} 2"); // the NLB and the ALB
    assertThat(scrape)
        .containsPattern(
            "controller_runtime_reconcile_total\\{controller=\"ingress\",result=\"success\"} [1-9]");
    assertAwslbcSeries(scrape, kube, world.ns);
    List<String> reconcileBuckets =
        ReferenceMetrics.buckets(
            scrape, "controller_runtime_reconcile_time_seconds", "controller=\"service\"");
    assertThat(reconcileBuckets).hasSize(41).startsWith("0.005", "0.01").endsWith("60.0", "+Inf");
  }

  private static void assertAwslbcSeries(String scrape, KubernetesClient kube, String ns) {
    // the build failure, under the reference's category (each retry of the bad Service counts)
    assertThat(scrape)
        .containsPattern(
            "awslbc_controller_reconcile_errors_total\\{controller=\"service\","
                + "error_category=\"build_model_error\"} [1-9]");
    Map<String, List<String>> stages =
        Map.of(
            "service",
            List.of(
                "add_finalizers",
                "build_model",
                "deploy_model",
                "update_status",
                "*elbv2.targetGroupSynthesizer",
                "*elbv2.loadBalancerSynthesizer",
                "*elbv2.listenerSynthesizer",
                "*elbv2.targetGroupBindingSynthesizer"),
            "ingress",
            List.of(
                "fetch_ingress",
                "add_group_finalizer",
                "build_model",
                "deploy_model",
                "dns_resolve_and_update_status",
                "*ec2.securityGroupSynthesizer",
                "*elbv2.listenerRuleSynthesizer"),
            "targetGroupBinding",
            List.of("reconcile_targetgroupbinding"));
    stages.forEach(
        (controller, names) ->
            names.forEach(
                stage ->
                    assertThat(scrape)
                        .as(controller + " " + stage)
                        .containsPattern(
                            Pattern.quote(
                                    "awslbc_controller_reconcile_stage_duration_count{controller=\""
                                        + controller
                                        + "\",reconcile_stage=\""
                                        + stage
                                        + "\"} ")
                                + "[1-9]")));
    assertThat(ReferenceMetrics.buckets(scrape, "awslbc_controller_reconcile_stage_duration", ""))
        .containsExactly(
            "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0",
            "+Inf");

    var bindings = kube.resources(TargetGroupBinding.class).inNamespace(ns).list().getItems();
    assertThat(bindings).hasSize(2); // the Service's and the Ingress's, both to Service metered
    assertThat(kube.network().v1().ingresses().inNamespace(ns).list().getItems()).hasSize(1);
    // The controller watches this namespace only: each cache holds exactly what the namespace
    // holds, whatever the rest of the cluster holds (Services in another namespace among them)
    assertCacheCount(scrape, "ingress", 1);
    assertCacheCount(scrape, "targetgroupbinding", bindings.size());
    assertCacheCount(scrape, "pod", kube.pods().inNamespace(ns).list().getItems().size());
    assertThat(kube.services().inAnyNamespace().list().getItems().size())
        .as("Services of the cluster")
        .isGreaterThan(kube.services().inNamespace(ns).list().getItems().size());
    assertCacheCount(scrape, "service", kube.services().inNamespace(ns).list().getItems().size());

    for (TargetGroupBinding binding : bindings) {
      String arn = binding.getSpec().targetGroupARN;
      assertThat(scrape)
          .containsPattern(
              Pattern.quote(
                      "aws_target_group_info{namespace=\""
                          + ns
                          + "\",service=\"metered\",target_group=\""
                          + arn.substring(arn.lastIndexOf(':') + 1)
                          + "\"} ")
                  + "1");
    }

    assertThat(scrape)
        .containsPattern(
            Pattern.quote(
                    "awslbc_controller_top_talkers{controller=\"service\",name=\"metered\","
                        + "namespace=\""
                        + ns
                        + "\"} ")
                + "[1-9]")
        .containsPattern(
            Pattern.quote(
                    "awslbc_controller_top_talkers{controller=\"ingress\",name=\"web\","
                        + "namespace=\""
                        + ns
                        + "\"} ")
                + "[1-9]");
  }

  /** An ip-target Ingress of class alb to Service metered, converged to an ALB. */
  private static void convergeIngress(KubernetesClient kube, String ns) {
    kube.resource(
            new IngressClassBuilder()
                .withNewMetadata()
                .withName("alb")
                .endMetadata()
                .withNewSpec()
                .withController("ingress.k8s.aws/alb")
                .endSpec()
                .build())
        .fieldManager("lbc-it")
        .forceConflicts()
        .serverSideApply();
    kube.resource(
            new IngressBuilder()
                .withNewMetadata()
                .withNamespace(ns)
                .withName("web")
                .withAnnotations(Map.of("alb.ingress.kubernetes.io/target-type", "ip"))
                .endMetadata()
                .withNewSpec()
                .withIngressClassName("alb")
                .withNewDefaultBackend()
                .withNewService()
                .withName("metered")
                .withNewPort()
                .withNumber(80)
                .endPort()
                .endService()
                .endDefaultBackend()
                .endSpec()
                .build())
        .create();
    await()
        .atMost(ServiceRig.CONVERGED)
        .untilAsserted(
            () ->
                assertThat(
                        kube.network()
                            .v1()
                            .ingresses()
                            .inNamespace(ns)
                            .withName("web")
                            .get()
                            .getStatus()
                            .getLoadBalancer()
                            .getIngress())
                    .isNotEmpty());
  }

  private static String scrape(int port) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** Services in another namespace, which a controller watching the test's must not cache. */
  private static void servicesElsewhere(KubernetesClient kube, String namespace) {
    kube.resource(
            new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata()
                .withName(namespace)
                .endMetadata()
                .build())
        .create();
    for (int i = 0; i < 3; i++) {
      kube.resource(
              new io.fabric8.kubernetes.api.model.ServiceBuilder()
                  .withNewMetadata()
                  .withNamespace(namespace)
                  .withName("elsewhere-" + i)
                  .endMetadata()
                  .withNewSpec()
                  .addNewPort()
                  .withPort(80)
                  .endPort()
                  .endSpec()
                  .build())
          .create();
    }
  }

  private static void assertCacheCount(String scrape, String resource, int expected) {
    var line =
        Pattern.compile(
                Pattern.quote(
                        "awslbc_controller_cache_object_total{resource=\"" + resource + "\"} ")
                    + "([0-9]+)\\.0")
            .matcher(scrape);
    assertThat(line.find()).as("a cache count for " + resource).isTrue();
    assertThat(Integer.parseInt(line.group(1))).as(resource).isEqualTo(expected);
  }
}
