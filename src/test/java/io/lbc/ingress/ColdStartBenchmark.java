package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.fake.K8sObjects;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.TargetGroupBindingSpec.BindingTargetType;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.InProcessController;
import io.lbc.rig.Population;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * Convergence at scale (issue 11, user-pain #3): Ingresses in groups of ten, LoadBalancer Services,
 * and the TargetGroupBindings their stacks make. Measures the convergence time as the Ingresses
 * grow (10 %, 50 %, 100 % of the size, each step added to the converged rest), then a fresh
 * controller (new runtime, empty caches) over the converged world: time until every object is
 * reconciled, its AWS writes (target 0) and reads per stack (target ≤ 1), and — in a second fresh
 * start — the time a change made right after start-up takes to reach AWS (target ≤ 10 s). Sizes
 * scale with {@code -Dlbc.bench.scale} (1 = 1,000 Ingresses / 100 groups / 200 Services). Prints
 * the figures and writes {@code target/bench/cold-start.html}. Run by {@code make bench}.
 */
@RigTest
class ColdStartBenchmark {
  private static final Logger log = LoggerFactory.getLogger(ColdStartBenchmark.class);
  private static final Duration LONG = Duration.ofMinutes(60);

  private final double scale = Double.parseDouble(System.getProperty("lbc.bench.scale", "1"));
  private final Map<String, Object> figures = new LinkedHashMap<>();
  private final List<long[]> curve = new ArrayList<>();

  @Test
  void convergesAndRestartsAtScale(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace)
      throws Exception {
    int ingresses = Math.max(10, (int) Math.round(1000 * scale) / 10 * 10);
    int services = Math.max(1, (int) Math.round(200 * scale));
    int standalone = Math.max(0, (int) Math.round(2000 * scale) - ingresses - services);
    IngressRig it = IngressRig.start(rig, kube, aws, namespace);
    var population = new Population(kube, it.ns, ingresses, services);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      int made = 0;
      for (double step : new double[] {0.1, 0.5, 1.0}) {
        int upTo = (int) Math.round(ingresses * step) / 10 * 10;
        if (upTo <= made) {
          continue;
        }
        long started = System.nanoTime();
        int from = made;
        population.createIngresses(pool, from, upTo);
        awaitHostnames(it, upTo);
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        curve.add(new long[] {upTo, millis});
        log.info("measured convergence of {} Ingresses (+{}): {} ms", upTo, upTo - from, millis);
        made = upTo;
      }
      long started = System.nanoTime();
      population.createServices(pool, 0, services);
      await()
          .atMost(LONG)
          .pollInterval(Duration.ofSeconds(2))
          .until(() -> servedServices(it) >= services);
      figures.put(
          "services converged (ms)", Duration.ofNanos(System.nanoTime() - started).toMillis());
      settle(it.controller());
      started = System.nanoTime();
      try (var retrying = aws.retryingElbv2()) {
        Population.run(pool, 0, standalone, i -> standaloneBinding(it, retrying, i, ingresses));
      }
      settle(it.controller());
      figures.put(
          "standalone bindings converged (ms)",
          Duration.ofNanos(System.nanoTime() - started).toMillis());
      int bindings =
          kube.resources(TargetGroupBinding.class).inNamespace(it.ns).list().getItems().size();
      int stacks = ingresses / 10 + services;
      figures.put(
          "load",
          ingresses
              + " Ingresses in "
              + ingresses / 10
              + " groups, "
              + services
              + " LoadBalancer Services, "
              + bindings
              + " TargetGroupBindings; machine load "
              + loadAverage());

      // a fresh controller over the converged world
      InProcessController fresh = it.restartController();
      long restarted = System.nanoTime();
      awaitAllReconciled(fresh, ingresses, services, bindings);
      figures.put(
          "fresh start: all reconciled (ms)",
          Duration.ofNanos(System.nanoTime() - restarted).toMillis());
      settle(it.controller());
      long reads = fresh.awsCallsTotal() - fresh.awsWrites();
      figures.put("fresh start: AWS writes", fresh.awsWrites());
      figures.put("fresh start: AWS reads", reads);
      figures.put(
          "fresh start: AWS reads per stack",
          String.format(Locale.ROOT, "%.2f", (double) reads / stacks));
      figures.put("fresh start: calls by operation", fresh.awsCallsByOperation());

      // another fresh start, with changes made while it catches up: an Ingress and a Service
      InProcessController again = it.restartController();
      String target = "m-" + (ingresses - 1);
      String service = "lb-" + (services - 1);
      var groups = Map.of(target, targetGroupOf(it, target), service, targetGroupOf(it, service));
      long changed = System.nanoTime();
      it.annotate(target, Population.INGRESS_INTERVAL, "25");
      population.changeInterval(ingresses + services - 1, 25);
      var latency = new LinkedHashMap<String, Long>();
      var progress = new LinkedHashMap<String, String>();
      await()
          .atMost(LONG)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                for (String name : List.of(target, service)) {
                  if (!latency.containsKey(name) && intervalOf(aws, groups.get(name)) == 25) {
                    latency.put(name, Duration.ofNanos(System.nanoTime() - changed).toMillis());
                    progress.put(name, catchUp(again, ingresses, services, bindings));
                  }
                }
                return latency.size() == 2;
              });
      figures.put("change during catch-up reached AWS: Ingress (ms)", latency.get(target));
      figures.put("change during catch-up reached AWS: Service (ms)", latency.get(service));
      figures.put("reconciles done when the Ingress change landed", progress.get(target));
      figures.put("reconciles done when the Service change landed", progress.get(service));
      long caughtUp = System.nanoTime();
      awaitAllReconciled(again, ingresses, services, bindings);
      figures.put(
          "second fresh start: all reconciled (ms)",
          Duration.ofNanos(System.nanoTime() - changed).toMillis());
      log.info(
          "second fresh start: caught up {} ms after both changes landed",
          Duration.ofNanos(System.nanoTime() - caughtUp).toMillis());

      figures.forEach((k, v) -> log.info("measured {}: {}", k, v));
      writePlot();
      assertThat(fresh.awsWrites()).isZero();
    } finally {
      pool.shutdownNow();
      it.close();
    }
  }

  /**
   * A target group made outside the controller and a TargetGroupBinding onto one of the members'
   * NodePort Services, as users bind their own target groups.
   */
  private static void standaloneBinding(
      IngressRig it, ElasticLoadBalancingV2Client elbv2, int i, int members) {
    String arn =
        AwsFixtures.targetGroup(elbv2, "own-" + i, it.vpc.vpcId(), TargetTypeEnum.INSTANCE);
    TargetGroupBinding binding =
        K8sObjects.binding(
            it.ns, "own-" + i, arn, BindingTargetType.INSTANCE, "m-" + i % members, 80);
    binding.getMetadata().setUid(null);
    binding.getMetadata().setGeneration(null);
    it.kube.resource(binding).create();
  }

  /** {@code done/total} reconciles of each controller so far: how far the catch-up has come. */
  private static String catchUp(
      InProcessController controller, int ingresses, int services, int bindings) {
    return String.format(
        Locale.ROOT,
        "ingress %d/%d, service %d/%d, targetGroupBinding %d/%d",
        reconciles(controller, "ingress"),
        ingresses,
        reconciles(controller, "service"),
        ingresses + services,
        reconciles(controller, "targetGroupBinding"),
        bindings);
  }

  /** Until the controller made no AWS call for five seconds. */
  private static void settle(InProcessController controller) {
    var last = new java.util.concurrent.atomic.AtomicLong(-1);
    await()
        .atMost(LONG)
        .pollDelay(Duration.ofSeconds(5))
        .pollInterval(Duration.ofSeconds(5))
        .until(() -> controller.awsCallsTotal() == last.getAndSet(controller.awsCallsTotal()));
  }

  private static long servedServices(IngressRig it) {
    return it.kube.services().inNamespace(it.ns).list().getItems().stream()
        .filter(s -> s.getMetadata().getName().startsWith("lb-"))
        .filter(s -> s.getStatus() != null && s.getStatus().getLoadBalancer() != null)
        .filter(s -> s.getStatus().getLoadBalancer().getIngress() != null)
        .filter(s -> !s.getStatus().getLoadBalancer().getIngress().isEmpty())
        .count();
  }

  private static void awaitHostnames(IngressRig it, int count) {
    await()
        .atMost(LONG)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                it.kube.network().v1().ingresses().inNamespace(it.ns).list().getItems().stream()
                        .map(IngressRig::hostname)
                        .filter(java.util.Optional::isPresent)
                        .count()
                    >= count);
  }

  /** Until each controller has finished at least one reconcile per object (JOSDK's counter). */
  private static void awaitAllReconciled(
      InProcessController controller, int ingresses, int services, int bindings) {
    await()
        .atMost(LONG)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                reconciles(controller, "ingress") >= ingresses
                    // every Service is reconciled: the members' NodePort ones and the LoadBalancers
                    && reconciles(controller, "service") >= ingresses + services
                    && reconciles(controller, "targetGroupBinding") >= bindings);
  }

  private static long reconciles(InProcessController controller, String name) {
    return Math.round(
        controller
            .registry()
            .find("controller.runtime.reconcile")
            .tag("controller", name)
            .counters()
            .stream()
            .mapToDouble(Counter::count)
            .sum());
  }

  /** The target group of an Ingress member or an NLB Service, by the tags the controller set. */
  private static String targetGroupOf(IngressRig it, String name) {
    String suffix = "-" + name + ":";
    for (TargetGroup tg : it.alb.targetGroups()) {
      var tags = it.alb.tags(tg.targetGroupArn());
      if (tags.getOrDefault("ingress.k8s.aws/resource", "").contains(suffix)
          || tags.getOrDefault("service.k8s.aws/stack", "").endsWith("/" + name)) {
        return tg.targetGroupArn();
      }
    }
    throw new AssertionError("no target group of " + name);
  }

  private static int intervalOf(AwsTestClients aws, String targetGroupArn) {
    return aws.elbv2()
        .describeTargetGroups(r -> r.targetGroupArns(targetGroupArn))
        .targetGroups()
        .get(0)
        .healthCheckIntervalSeconds();
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Convergence time against Ingresses as an inline SVG, and the figures as a table. */
  private void writePlot() throws IOException {
    int width = 480;
    int height = 240;
    long maxX = curve.stream().mapToLong(p -> p[0]).max().orElse(1);
    long maxY = Math.max(1, curve.stream().mapToLong(p -> p[1]).max().orElse(1));
    var points = new StringBuilder();
    var labels = new StringBuilder();
    for (long[] p : curve) {
      double x = 40 + (width - 60) * (double) p[0] / maxX;
      double y = height - 30 - (height - 50) * (double) p[1] / maxY;
      points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      labels.append(
          String.format(
              Locale.ROOT,
              "<circle cx='%.1f' cy='%.1f' r='3'/><text x='%.1f' y='%.1f' font-size='11'>%d: %.1f s</text>",
              x,
              y,
              x - 30,
              y - 8,
              p[0],
              p[1] / 1000.0));
    }
    var rows = new StringBuilder();
    figures.forEach(
        (k, v) ->
            rows.append("<tr><td>").append(k).append("</td><td>").append(v).append("</td></tr>"));
    String html =
        "<!doctype html><html><head><meta charset='utf-8'><title>Cold start and convergence</title></head><body>"
            + "<h1>Convergence time against Ingresses</h1>"
            + "<svg xmlns='http://www.w3.org/2000/svg' width='"
            + width
            + "' height='"
            + height
            + "'>"
            + "<line x1='40' y1='"
            + (height - 30)
            + "' x2='"
            + (width - 10)
            + "' y2='"
            + (height - 30)
            + "' stroke='black'/>"
            + "<line x1='40' y1='10' x2='40' y2='"
            + (height - 30)
            + "' stroke='black'/>"
            + "<text x='"
            + (width / 2)
            + "' y='"
            + (height - 5)
            + "' font-size='12'>Ingresses</text>"
            + "<text x='2' y='20' font-size='12'>time</text>"
            + "<polyline fill='none' stroke='steelblue' stroke-width='2' points='"
            + points
            + "'/>"
            + labels
            + "</svg><h2>Figures</h2><table border='1'>"
            + rows
            + "</table></body></html>";
    Path out = Path.of("target", "bench", "cold-start.html");
    Files.createDirectories(out.getParent());
    Files.writeString(out, html);
    log.info("measured plot written to {}", out.toAbsolutePath());
  }
}
