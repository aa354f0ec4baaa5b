package io.lbc.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.ControllerProcess;
import io.lbc.rig.Crds;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Memory of the controller's informer caches as the cluster grows (user-pain §6): for each pod
 * count, a fresh controller process (-Xmx256m, as in the ITs) starts against the real apiserver and
 * lists everything; the benchmark prints the time to ready, the highest heap sampled during
 * start-up, the heap after a full GC, and the RSS. Not part of {@code make test}: run with {@code
 * make bench} ({@code -Dlbc.bench.pods=0,2500,5000} to choose the sizes).
 */
@RigTest
class CacheMemoryBenchmark {
  private static final String CLUSTER = "bench";
  private static final int NODES = 20;
  private static final Pattern HEAP_USED =
      Pattern.compile("jvm_memory_used_bytes\\{area=\"heap\"[^}]*} (\\S+)");

  record Figures(
      int pods,
      int services,
      int slices,
      long readyMillis,
      long peakHeap,
      long heapAfterGc,
      long rss) {}

  @Test
  void cacheMemoryGrowsWithTheCluster(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace ns) throws Exception {
    Crds.apply(kube);
    var vpc = AwsFixtures.clusterVpc(aws.ec2(), CLUSTER);
    int[] sizes =
        Arrays.stream(System.getProperty("lbc.bench.pods", "0,2500,5000").split(","))
            .mapToInt(s -> Integer.parseInt(s.trim()))
            .sorted()
            .toArray();
    String prefix = ns.name();
    for (int i = 0; i < NODES; i++) {
      Node node = ClusterObjects.node(prefix, i);
      Node created = kube.resource(node).create();
      created.setStatus(node.getStatus());
      kube.resource(created).updateStatus();
    }

    List<Figures> results = new ArrayList<>();
    int pods = 0;
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      for (int size : sizes) {
        grow(kube, pool, ns.name(), prefix, pods, size);
        pods = size;
        results.add(measure(rig, aws, vpc.vpcId(), pods));
      }
    } finally {
      pool.shutdownNow();
      kube.nodes().withLabel("topology.kubernetes.io/zone", "us-west-2a").list().getItems().stream()
          .filter(n -> n.getMetadata().getName().startsWith(prefix))
          .forEach(n -> kube.resource(n).delete());
    }
    print(results);
    for (Figures f : results) {
      assertThat(f.readyMillis()).as("ready with %d pods", f.pods()).isPositive();
      assertThat(f.heapAfterGc()).as("heap read with %d pods", f.pods()).isPositive();
    }
  }

  private static void grow(
      KubernetesClient kube, ExecutorService pool, String ns, String prefix, int from, int to)
      throws Exception {
    List<Future<?>> pending = new ArrayList<>();
    for (int i = from; i < to; i++) {
      int index = i;
      pending.add(
          pool.submit(
              () -> {
                var created =
                    kube.resource(ClusterObjects.pod(ns, index, prefix + "-node-" + index % NODES))
                        .create();
                kube.resource(ClusterObjects.withRunningStatus(created, index)).updateStatus();
              }));
    }
    int servicesBefore = from / ClusterObjects.PODS_PER_SERVICE;
    int servicesAfter = to / ClusterObjects.PODS_PER_SERVICE;
    for (int s = servicesBefore; s < servicesAfter; s++) {
      int service = s;
      pending.add(
          pool.submit(
              () -> {
                kube.resource(ClusterObjects.service(ns, service)).create();
                kube.resource(ClusterObjects.endpointSlice(ns, service)).create();
              }));
    }
    for (Future<?> f : pending) {
      f.get();
    }
  }

  private static Figures measure(Rig rig, AwsTestClients aws, String vpcId, int pods)
      throws Exception {
    long started = System.nanoTime();
    try (var controller =
        ControllerProcess.start(
            rig,
            aws,
            "bench-" + pods,
            List.of(
                "--cluster-name=" + CLUSTER,
                "--aws-vpc-id=" + vpcId,
                "--enable-leader-election=false",
                "--webhook-bind-port=0"))) {
      long peak = 0;
      long deadline = started + Duration.ofMinutes(3).toNanos();
      while (controller.probe("/readyz").status() != 200) {
        assertThat(controller.isAlive()).as("controller alive: %s", controller.output()).isTrue();
        assertThat(System.nanoTime()).as("ready within 3 minutes").isLessThan(deadline);
        peak = Math.max(peak, heapUsed(controller));
        Thread.sleep(100);
      }
      long readyMillis = (System.nanoTime() - started) / 1_000_000;
      peak = Math.max(peak, heapUsed(controller));
      fullGc(controller.pid());
      Thread.sleep(500);
      if (Boolean.getBoolean("lbc.bench.histogram")) {
        System.out.printf("heap histogram with %d pods:%n%s", pods, histogram(controller.pid()));
      }
      return new Figures(
          pods,
          pods / ClusterObjects.PODS_PER_SERVICE,
          pods / ClusterObjects.PODS_PER_SERVICE,
          readyMillis,
          peak,
          heapUsed(controller),
          rss(controller.pid()));
    }
  }

  private static long heapUsed(ControllerProcess controller) {
    var metrics = controller.metrics();
    if (metrics.status() != 200) {
      return 0;
    }
    Matcher m = HEAP_USED.matcher(metrics.body());
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
    }
    return (long) sum;
  }

  private static void fullGc(long pid) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process gc =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(gc.waitFor()).as("jcmd GC.run").isZero();
  }

  /** The classes holding the most heap, from {@code jcmd GC.class_histogram}. */
  private static String histogram(long pid) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process histogram =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
            .redirectErrorStream(true)
            .start();
    String text = new String(histogram.getInputStream().readAllBytes());
    histogram.waitFor();
    return String.join("\n", text.lines().limit(28).toList()) + "\n";
  }

  private static long rss(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
    }
    return 0;
  }

  private static void print(List<Figures> results) {
    var out = new StringBuilder();
    out.append(
        "cache-memory benchmark (controller -Xmx256m, %d nodes; heap after a full GC via jcmd)%n"
            .formatted(NODES));
    out.append(
        "%7s %9s %8s %10s %15s %15s %9s %16s%n"
            .formatted(
                "pods",
                "services",
                "slices",
                "ready ms",
                "peak heap MiB",
                "heap/GC MiB",
                "RSS MiB",
                "bytes/pod (GC)"));
    Figures base = results.get(0);
    for (Figures f : results) {
      String perPod =
          f.pods() == base.pods()
              ? "-"
              : Long.toString((f.heapAfterGc() - base.heapAfterGc()) / (f.pods() - base.pods()));
      out.append(
          "%7d %9d %8d %10d %15.1f %15.1f %9.1f %16s%n"
              .formatted(
                  f.pods(),
                  f.services(),
                  f.slices(),
                  f.readyMillis(),
                  mib(f.peakHeap()),
                  mib(f.heapAfterGc()),
                  mib(f.rss()),
                  perPod));
    }
    System.out.print(out);
  }

  private static double mib(long bytes) {
    return bytes / 1024.0 / 1024.0;
  }
}
