package io.lbc.rig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The controller jar run as its own process against the rig, the way it runs in a cluster. Its
 * output goes to {@code target/controller-logs/}.
 */
public final class ControllerProcess implements AutoCloseable {
  private final Process process;
  private final int metricsPort;
  private final int probePort;
  private final Path log;

  private ControllerProcess(Process process, int metricsPort, int probePort, Path log) {
    this.process = process;
    this.metricsPort = metricsPort;
    this.probePort = probePort;
    this.log = log;
  }

  /** Starts the jar with the rig's endpoints plus {@code extraFlags}. */
  public static ControllerProcess start(
      Rig rig, AwsTestClients aws, String name, List<String> extraFlags) {
    return start(rig, aws, name, extraFlags, List.of("-Xmx256m"), Map.of());
  }

  /**
   * Starts the jar with the given JVM options instead of the tests' {@code -Xmx256m}, and extra
   * environment variables (e.g. {@code JAVA_TOOL_OPTIONS}, as the manifests set it).
   */
  public static ControllerProcess start(
      Rig rig,
      AwsTestClients aws,
      String name,
      List<String> extraFlags,
      List<String> jvmOptions,
      Map<String, String> extraEnv) {
    int metricsPort = freePort();
    int probePort = freePort();
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-Daws.disableEc2Metadata=true");
    command.add("-jar");
    command.add(System.getProperty("lbc.controller.jar"));
    command.add("--aws-region=" + Rig.REGION);
    // the jar refuses a flag given twice: a default given again in extraFlags is left out
    addDefault(command, extraFlags, "--aws-api-endpoints=" + aws.endpointsFlag());
    addDefault(command, extraFlags, "--aws-max-retries=1");
    if (!extraEnv.containsKey("KUBERNETES_MASTER")) {
      // otherwise the connection comes from the environment, as in a pod without a kubeconfig
      addDefault(command, extraFlags, "--kubeconfig=" + rig.kubeconfig());
    }
    command.add("--metrics-bind-addr=127.0.0.1:" + metricsPort);
    command.add("--health-probe-bind-addr=127.0.0.1:" + probePort);
    if (extraFlags.stream().noneMatch(f -> f.startsWith("--webhook-bind-port"))) {
      // No serving certificate here: the webhook server would keep /readyz at 503 (and share 9443).
      command.add("--webhook-bind-port=0");
    }
    command.addAll(extraFlags);
    try {
      Path logs = Rig.repoRoot().resolve("target/controller-logs");
      Files.createDirectories(logs);
      Path log = logs.resolve(name + ".log");
      var builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      Map<String, String> env = builder.environment();
      env.put("AWS_ACCESS_KEY_ID", "testing");
      env.put("AWS_SECRET_ACCESS_KEY", "testing");
      env.put("AWS_EC2_METADATA_DISABLED", "true");
      env.putAll(extraEnv);
      return new ControllerProcess(builder.start(), metricsPort, probePort, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void addDefault(List<String> command, List<String> extraFlags, String flag) {
    String name = flag.substring(0, flag.indexOf('=') + 1);
    if (extraFlags.stream().noneMatch(f -> f.startsWith(name))) {
      command.add(flag);
    }
  }

  public static int freePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Kills the process at once (SIGKILL): no shutdown hook runs, the lease is not released. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public int exitValue() {
    return process.exitValue();
  }

  /** GETs a path on the probe port; the status code, or -1 when nothing answers. */
  public HttpResult probe(String path) {
    return get(probePort, path);
  }

  public HttpResult metrics() {
    return get(metricsPort, "/metrics");
  }

  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "";
    }
  }

  private static final Pattern SAMPLE = Pattern.compile("^(\\w+)(?:\\{([^}]*)})? (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  /**
   * The sum of a Prometheus metric's samples whose labels include {@code labels}, grouped by the
   * value of label {@code by} (empty key when {@code by} is null); empty when nothing answers.
   */
  public SortedMap<String, Double> metric(String name, Map<String, String> labels, String by) {
    var sums = new TreeMap<String, Double>();
    HttpResult result = metrics();
    if (result.status() != 200) {
      return sums;
    }
    for (String line : result.body().split("\n")) {
      Matcher sample = SAMPLE.matcher(line.trim());
      if (!sample.matches() || !sample.group(1).equals(name)) {
        continue;
      }
      var found = new HashMap<String, String>();
      Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
      while (label.find()) {
        found.put(label.group(1), label.group(2));
      }
      if (found.entrySet().containsAll(labels.entrySet())) {
        String key = by == null ? "" : found.getOrDefault(by, "");
        sums.merge(key, Double.parseDouble(sample.group(3)), Double::sum);
      }
    }
    return sums;
  }

  /** Whether this replica holds the lease now (JOSDK's leader-election gauge). */
  public boolean isLeading() {
    return metric("leader_election_master_status", Map.of(), null).getOrDefault("", 0.0) == 1.0;
  }

  /** AWS calls so far by operation ({@code aws_api_calls_total}, every outcome). */
  public SortedMap<String, Long> awsCallsByOperation() {
    var calls = new TreeMap<String, Long>();
    metric("aws_api_calls_total", Map.of(), "operation")
        .forEach((op, n) -> calls.put(op, Math.round(n)));
    return calls;
  }

  /** AWS calls so far that change something. */
  public long awsWrites() {
    return awsCallsByOperation().entrySet().stream()
        .filter(e -> InProcessController.isWrite(e.getKey()))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /** Reconciles finished so far by controller name ({@code controller_runtime_reconcile_total}). */
  public long reconciles(String controller) {
    return Math.round(
        metric("controller_runtime_reconcile_total", Map.of("controller", controller), null)
            .getOrDefault("", 0.0));
  }

  /** A status code and body; status -1 when the port did not answer. */
  public record HttpResult(int status, String body) {}

  private static HttpResult get(int port, String path) {
    try {
      var response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      return new HttpResult(response.statusCode(), response.body());
    } catch (IOException e) {
      return new HttpResult(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new HttpResult(-1, "interrupted");
    }
  }

  /** Stops the process the way Kubernetes does: SIGTERM, then SIGKILL after a grace period. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
