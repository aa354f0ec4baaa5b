package io.lbc.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.ControllerProcess;
import io.lbc.rig.Crds;
import io.lbc.rig.GatewayApiCrds;
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
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Memory of the controller as the cluster grows (issue 11, user-pain §6). For each size a fresh
 * controller process starts against the real apiserver and moto with the JVM settings of {@code
 * manifests/base/deployment.yaml} ({@code JAVA_TOOL_OPTIONS}, and {@code -XX:MaxRAM} set to the
 * container's memory limit, which is what the JVM sizes its heap from in a container). The
 * population per size: pods with two containers, env, resources, a probe and a kubelet-style
 * status; a Service and an EndpointSlice per 10 pods; 20 nodes; 1,000 TLS Secrets; at the top size
 * then also 10,000 Services and 6,000 Secrets in all.
 *
 * <p>Printed per run: time to ready, start-up peak RSS (VmHWM), steady RSS (15 s after ready, no
 * forced GC), live heap (the class histogram's total), live heap per extra pod; {@code
 * target/bench/cache-memory.html} plots RSS and heap against pods. Not part of {@code make test}:
 * {@code make bench}, sizes from {@code -Dlbc.bench.pods=0,5000,10000,20000}; {@code
 * -Dlbc.bench.jvm='-XX:+UseG1GC|-XX:+UseSerialGC'} measures each size once per option set (appended
 * to the manifest's; a token {@code NAME=value} such as {@code MALLOC_ARENA_MAX=2} goes to the
 * environment); {@code -Dlbc.bench.histogram=true} prints the largest live-heap histogram seen
 * during start-up and the one after it ({@code -Dlbc.bench.histogram.lines} lines; {@code =after}
 * only the one after start-up, which forces no full GC while it starts); {@code
 * -Dlbc.bench.heapdump=true} writes a heap dump per run to {@code
 * target/bench/heap-PODS-SERVICES.hprof} after the measurement; {@code -Dlbc.bench.nmt=true} prints
 * native memory tracking per run. Each run also prints its threads by name and RSS anon/file.
 * {@code -Dlbc.bench.gatewayApi=true} installs the Gateway API CRDs first, so the Gateway
 * controllers run and their informers count too. The controller finds the apiserver as in a pod
 * (from the environment, no kubeconfig); {@code -Dlbc.bench.kubeconfig=true} gives it {@code
 * --kubeconfig} instead (fabric8 reads a kubeconfig with its class-path scan: ~600 more classes).
 */
@RigTest
class CacheMemoryBenchmark {
  private static final String CLUSTER = "bench";
  private static final int NODES = 20;
  private static final int SECRETS = 1_000;
  private static final int TOP_SERVICES = 10_000;
  private static final int TOP_SECRETS = 6_000;
  private static final Duration SETTLE =
      Duration.ofSeconds(Long.getLong("lbc.bench.settle.seconds", 15));
  private static final Pattern ENV_VARIABLE = Pattern.compile("[A-Z][A-Z0-9_]*=\\S*");
  private static final Pattern LOADED_CLASSES = Pattern.compile("Total = \\d+\\s+(\\d+)");

  record Population(int pods, int services, int secrets) {}

  record Figures(
      Population population,
      String jvm,
      long readyMillis,
      long peakRss,
      long steadyRss,
      long liveHeap,
      long classes,
      String load) {}

  /** The JVM as the manifests run it: JAVA_TOOL_OPTIONS and the container's memory limit. */
  record ManifestJvm(String toolOptions, long memoryLimitBytes) {
    static ManifestJvm read() throws IOException {
      JsonNode deployment =
          new ObjectMapper(new YAMLFactory())
              .readTree(Rig.repoRoot().resolve("manifests/base/deployment.yaml").toFile());
      JsonNode container = deployment.at("/spec/template/spec/containers/0");
      String options = "";
      for (JsonNode env : container.path("env")) {
        if ("JAVA_TOOL_OPTIONS".equals(env.path("name").asText())) {
          options = env.path("value").asText();
        }
      }
      String limit = container.at("/resources/limits/memory").asText();
      return new ManifestJvm(
          options
              .replace("-Djava.io.tmpdir=/tmp/work", "")
              .replaceAll("-XX:SharedArchiveFile=\\S+", "-XX:SharedArchiveFile=" + archive())
              .trim(),
          Quantity.getAmountInBytes(new Quantity(limit)).longValueExact());
    }

    /** The manifest's options, without its collector when the variant chooses another one. */
    String toolOptionsFor(String variant) {
      return variant.matches(".*-XX:\\+Use\\w+GC.*")
          ? toolOptions.replaceAll("-XX:\\+Use\\w+GC", "").trim()
          : toolOptions;
    }

    /**
     * The class-data-sharing archive of this jar, made as the Dockerfile makes the image's: a
     * training run that starts the controller until it finds no AWS credentials.
     */
    private static Path archive() throws IOException {
      Path archive = Rig.repoRoot().resolve("target/bench/controller.jsa");
      Path jar = Path.of(System.getProperty("lbc.controller.jar"));
      // an archive of an older jar is refused by the JVM (-Xshare:auto then runs without it)
      if (Files.exists(archive)
          && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0) {
        return archive;
      }
      Files.deleteIfExists(archive);
      Files.createDirectories(archive.getParent());
      var training =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-XX:ArchiveClassesAtExit=" + archive,
                  "-XX:TieredStopAtLevel=1",
                  "-XX:+UseSerialGC",
                  "-Daws.disableEc2Metadata=true",
                  "-jar",
                  System.getProperty("lbc.controller.jar"),
                  "--cluster-name=cds-training",
                  "--aws-region=us-west-2",
                  "--aws-vpc-id=vpc-00000000",
                  "--kubeconfig=/nonexistent")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      training.environment().put("AWS_EC2_METADATA_DISABLED", "true");
      try {
        training.start().waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return archive;
    }
  }

  @Test
  void memoryAgainstPods(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace ns)
      throws Exception {
    Crds.apply(kube);
    if (Boolean.getBoolean("lbc.bench.gatewayApi")) {
      GatewayApiCrds.apply(rig, kube);
    }
    var vpc = AwsFixtures.clusterVpc(aws.ec2(), CLUSTER);
    int[] sizes =
        Arrays.stream(System.getProperty("lbc.bench.pods", "0,5000,10000,20000").split(","))
            .mapToInt(s -> Integer.parseInt(s.trim()))
            .sorted()
            .toArray();
    List<String> variants =
        Arrays.stream(System.getProperty("lbc.bench.jvm", "").split("\\|"))
            .map(String::trim)
            .toList();
    boolean top = !"false".equals(System.getProperty("lbc.bench.top"));
    var jvm = ManifestJvm.read();
    String prefix = ns.name();
    for (int i = 0; i < NODES; i++) {
      Node node = ClusterObjects.node(prefix, i);
      Node created = kube.resource(node).create();
      created.setStatus(node.getStatus());
      kube.resource(created).updateStatus();
    }

    List<Figures> results = new ArrayList<>();
    var population = new Population(0, 0, 0);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      for (int size : sizes) {
        var next = new Population(size, size / ClusterObjects.PODS_PER_SERVICE, SECRETS);
        grow(kube, pool, ns.name(), prefix, population, next);
        population = next;
        for (String variant : variants) {
          results.add(measure(rig, aws, vpc.vpcId(), population, jvm, variant));
          System.out.println("measured: " + results.get(results.size() - 1));
        }
      }
      if (top && sizes.length > 0) {
        var next =
            new Population(
                population.pods(), Math.max(population.services(), TOP_SERVICES), TOP_SECRETS);
        grow(kube, pool, ns.name(), prefix, population, next);
        population = next;
        for (String variant : variants) {
          results.add(measure(rig, aws, vpc.vpcId(), population, jvm, variant));
        }
      }
    } finally {
      pool.shutdownNow();
      kube.nodes().withLabel("topology.kubernetes.io/zone", "us-west-2a").list().getItems().stream()
          .filter(n -> n.getMetadata().getName().startsWith(prefix))
          .forEach(n -> kube.resource(n).delete());
    }
    report(results, jvm);
    for (Figures f : results) {
      assertThat(f.readyMillis()).as("ready with %s", f.population()).isPositive();
      assertThat(f.liveHeap()).as("heap read with %s", f.population()).isPositive();
    }
  }

  private static void grow(
      KubernetesClient kube,
      ExecutorService pool,
      String ns,
      String prefix,
      Population from,
      Population to)
      throws Exception {
    List<Callable<Object>> work = new ArrayList<>();
    for (int i = from.pods(); i < to.pods(); i++) {
      int index = i;
      work.add(
          () -> {
            var created =
                kube.resource(ClusterObjects.pod(ns, index, prefix + "-node-" + index % NODES))
                    .create();
            return kube.resource(ClusterObjects.withRunningStatus(created, index)).updateStatus();
          });
    }
    int withPods = to.pods() / ClusterObjects.PODS_PER_SERVICE;
    for (int s = from.services(); s < to.services(); s++) {
      int service = s;
      work.add(
          () -> {
            kube.resource(ClusterObjects.service(ns, service)).create();
            return kube.resource(
                    service < withPods
                        ? ClusterObjects.endpointSlice(ns, service)
                        : ClusterObjects.emptySlice(ns, service))
                .create();
          });
    }
    for (int s = from.secrets(); s < to.secrets(); s++) {
      int secret = s;
      work.add(() -> kube.resource(ClusterObjects.tlsSecret(ns, secret)).create());
    }
    List<Future<Object>> pending = new ArrayList<>();
    for (var w : work) {
      pending.add(pool.submit(w));
    }
    for (Future<?> f : pending) {
      f.get();
    }
  }

  private static Figures measure(
      Rig rig,
      AwsTestClients aws,
      String vpcId,
      Population population,
      ManifestJvm jvm,
      String variant)
      throws Exception {
    long started = System.nanoTime();
    var jvmOptions = new ArrayList<String>();
    jvmOptions.add("-XX:MaxRAM=" + jvm.memoryLimitBytes());
    var env = new java.util.HashMap<String, String>();
    env.put("JAVA_TOOL_OPTIONS", jvm.toolOptionsFor(variant));
    for (String option : variant.split(" ")) {
      if (ENV_VARIABLE.matcher(option).matches()) {
        env.put(
            option.substring(0, option.indexOf('=')), option.substring(option.indexOf('=') + 1));
      } else if (!option.isBlank()) {
        jvmOptions.add(option);
      }
    }
    if (!Boolean.getBoolean("lbc.bench.kubeconfig")) {
      // as in a pod: no kubeconfig to parse (fabric8 parses one with its class-path scan), the
      // apiserver, token and CA from the environment
      env.put("KUBERNETES_MASTER", rig.apiServerUrl());
      env.put("KUBERNETES_AUTH_TOKEN", rig.adminToken());
      env.put(
          "KUBERNETES_CERTS_CA_FILE",
          rig.kubeconfig().resolveSibling("pki/apiserver.crt").toString());
      env.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
      env.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
      env.put("KUBERNETES_NAMESPACE", "default");
    }
    boolean nmt = Boolean.getBoolean("lbc.bench.nmt");
    if (nmt) {
      jvmOptions.add("-XX:NativeMemoryTracking=summary");
    }
    try (var controller =
        ControllerProcess.start(
            rig,
            aws,
            "bench-" + population.pods() + "-" + population.services(),
            List.of(
                "--cluster-name=" + CLUSTER,
                "--aws-vpc-id=" + vpcId,
                "--enable-leader-election=false",
                "--webhook-bind-port=0"),
            jvmOptions,
            env)) {
      String peakHistogram = "";
      long peakLive = 0;
      long lastHistogram = 0;
      long deadline = started + Duration.ofMinutes(10).toNanos();
      while (controller.probe("/readyz").status() != 200) {
        assertThat(controller.isAlive()).as("controller alive: %s", controller.output()).isTrue();
        assertThat(System.nanoTime()).as("ready within 10 minutes").isLessThan(deadline);
        if ("true".equals(System.getProperty("lbc.bench.histogram"))
            && System.nanoTime() - lastHistogram > 2_000_000_000L) {
          String h = histogram(controller.pid());
          lastHistogram = System.nanoTime();
          long live = histogramTotal(h);
          if (live > peakLive) {
            peakLive = live;
            peakHistogram = h;
          }
        }
        Thread.sleep(50);
      }
      long readyMillis = (System.nanoTime() - started) / 1_000_000;
      String load = Files.readString(Path.of("/proc/loadavg")).trim();
      Thread.sleep(SETTLE.toMillis());
      long steadyRss = procStatus(controller.pid(), "VmRSS");
      long peakRss = procStatus(controller.pid(), "VmHWM");
      System.out.printf(
          "%s, %s: RSS anon %d KiB, file %d KiB; %d threads: %s%n",
          population,
          variant,
          procStatus(controller.pid(), "RssAnon") >> 10,
          procStatus(controller.pid(), "RssFile") >> 10,
          threads(controller.pid()).size(),
          threadNames(controller.pid()));
      if (nmt) {
        System.out.printf(
            "native memory, %s, %s:%n%s%n",
            population, variant, jcmdOutput(controller.pid(), "VM.native_memory", "summary"));
      }
      // the live heap: the class histogram collects first and counts only reachable objects (the
      // heap used read after a GC also counted what the controller allocated since: +15-25 MiB)
      long liveHeap = histogramTotal(histogram(controller.pid()));
      String histogramMode = System.getProperty("lbc.bench.histogram", "false");
      if (histogramMode.equals("true")) {
        System.out.printf("largest live heap during start-up, %s:%n%s", population, peakHistogram);
      }
      if (histogramMode.equals("true") || histogramMode.equals("after")) {
        System.out.printf(
            "heap histogram after start-up, %s:%n%s", population, histogram(controller.pid()));
      }
      if (Boolean.getBoolean("lbc.bench.heapdump")) {
        Path dump =
            Rig.repoRoot()
                .resolve(
                    "target/bench/heap-%d-%d.hprof"
                        .formatted(population.pods(), population.services()));
        Files.deleteIfExists(dump);
        System.out.printf(
            "heap dump, %s: %s%n",
            population, jcmdOutput(controller.pid(), "GC.heap_dump", dump.toString()).trim());
      }
      return new Figures(
          population,
          variant.isBlank() ? "manifest" : variant,
          readyMillis,
          peakRss,
          steadyRss,
          liveHeap,
          loadedClasses(controller.pid()),
          load);
    }
  }

  /** Classes loaded by every class loader, from {@code jcmd VM.classloader_stats}. */
  private static long loadedClasses(long pid) throws Exception {
    Matcher m = LOADED_CLASSES.matcher(jcmdOutput(pid, "VM.classloader_stats"));
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  private static String jcmdOutput(long pid, String... command) throws Exception {
    var args = new ArrayList<String>(List.of(jcmd(), Long.toString(pid)));
    args.addAll(List.of(command));
    Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    return text;
  }

  private static List<Path> threads(long pid) throws IOException {
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      return tasks.toList();
    }
  }

  /** The process's threads by name, pools folded into one entry with a count. */
  private static Map<String, Long> threadNames(long pid) throws IOException {
    var names = new java.util.TreeMap<String, Long>();
    for (Path task : threads(pid)) {
      try {
        String name = Files.readString(task.resolve("comm")).trim().replaceAll("[-#]?\\d+$", "");
        names.merge(name, 1L, Long::sum);
      } catch (IOException gone) {
        // the thread ended while we listed
      }
    }
    return names;
  }

  private static String jcmd() {
    return Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
  }

  /** The classes holding the most heap, from {@code jcmd GC.class_histogram}, and the total. */
  private static String histogram(long pid) throws Exception {
    Process histogram =
        new ProcessBuilder(jcmd(), Long.toString(pid), "GC.class_histogram")
            .redirectErrorStream(true)
            .start();
    String text = new String(histogram.getInputStream().readAllBytes());
    histogram.waitFor();
    var lines = text.lines().toList();
    return String.join(
            "\n",
            lines.stream().limit(Integer.getInteger("lbc.bench.histogram.lines", 28)).toList())
        + "\n"
        + (lines.isEmpty() ? "" : lines.get(lines.size() - 1))
        + "\n";
  }

  private static long histogramTotal(String histogram) {
    Matcher m = Pattern.compile("Total\\s+\\d+\\s+(\\d+)").matcher(histogram);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  private static long procStatus(long pid, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
    }
    return 0;
  }

  private static void report(List<Figures> results, ManifestJvm jvm) throws IOException {
    var text = new StringBuilder();
    text.append(
        "cache-memory benchmark: %d nodes; JAVA_TOOL_OPTIONS=%s -XX:MaxRAM=%dMi; %d CPUs%n"
            .formatted(
                NODES,
                jvm.toolOptions(),
                jvm.memoryLimitBytes() >> 20,
                Runtime.getRuntime().availableProcessors()));
    String header = "%7s %9s %8s %-22s %9s %13s %15s %12s %11s %14s %8s  %s%n";
    text.append(
        header.formatted(
            "pods",
            "services",
            "secrets",
            "jvm",
            "ready ms",
            "peak RSS MiB",
            "steady RSS MiB",
            "peak/steady",
            "live heap MiB",
            "heap B/pod",
            "classes",
            "load (1/5/15 min)"));
    var table = new StringBuilder("<table><tr>");
    for (String h :
        List.of(
            "pods",
            "services",
            "secrets",
            "jvm",
            "ready ms",
            "peak RSS MiB",
            "steady RSS MiB",
            "peak/steady",
            "live heap MiB",
            "heap B/extra pod",
            "classes",
            "load")) {
      table.append("<th>").append(h).append("</th>");
    }
    table.append("</tr>");
    for (Figures f : results) {
      String perPod = perPod(results, f);
      String row =
          "%7d %9d %8d %-22s %9d %13.1f %15.1f %12.2f %11.1f %14s %8d  %s%n"
              .formatted(
                  f.population().pods(),
                  f.population().services(),
                  f.population().secrets(),
                  f.jvm(),
                  f.readyMillis(),
                  mib(f.peakRss()),
                  mib(f.steadyRss()),
                  (double) f.peakRss() / f.steadyRss(),
                  mib(f.liveHeap()),
                  perPod,
                  f.classes(),
                  f.load());
      text.append(row);
      table.append("<tr>");
      for (String cell : row.trim().split("\\s{2,}|\\s(?=\\S)")) {
        table.append("<td>").append(cell).append("</td>");
      }
      table.append("</tr>");
    }
    table.append("</table>");
    System.out.print(text);
    Path dir = Rig.repoRoot().resolve("target/bench");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("cache-memory.txt"), text);
    var series = new ArrayList<BenchChart.Series>();
    String[] colors = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};
    int c = 0;
    for (String variant : results.stream().map(Figures::jvm).distinct().toList()) {
      var rows =
          results.stream()
              .filter(f -> f.jvm().equals(variant))
              .filter(f -> f.population().secrets() == SECRETS)
              .toList();
      String suffix = variant.equals("manifest") ? "" : " (" + variant + ")";
      series.add(
          new BenchChart.Series(
              "steady RSS" + suffix,
              colors[c++ % colors.length],
              points(rows, Figures::steadyRss)));
      series.add(
          new BenchChart.Series(
              "peak RSS" + suffix, colors[c++ % colors.length], points(rows, Figures::peakRss)));
      series.add(
          new BenchChart.Series(
              "live heap" + suffix, colors[c++ % colors.length], points(rows, Figures::liveHeap)));
    }
    BenchChart.write(
        dir.resolve("cache-memory.html"),
        "Controller memory against pods",
        "pods (a Service + EndpointSlice per 10 pods, 1,000 TLS Secrets, 20 nodes)",
        "MiB",
        series,
        table.toString(),
        text.toString());
  }

  private static List<BenchChart.Point> points(
      List<Figures> rows, java.util.function.ToLongFunction<Figures> value) {
    return rows.stream()
        .map(f -> new BenchChart.Point(f.population().pods(), mib(value.applyAsLong(f))))
        .toList();
  }

  /** Live heap per pod above the smallest size of the same JVM and base population. */
  private static String perPod(List<Figures> results, Figures f) {
    var base =
        results.stream()
            .filter(b -> b.jvm().equals(f.jvm()) && b.population().secrets() == SECRETS)
            .findFirst();
    if (base.isEmpty()
        || f.population().secrets() != SECRETS
        || f.population().pods() == base.get().population().pods()) {
      return "-";
    }
    return Long.toString(
        (f.liveHeap() - base.get().liveHeap())
            / (f.population().pods() - base.get().population().pods()));
  }

  private static double mib(long bytes) {
    return bytes / 1024.0 / 1024.0;
  }
}
