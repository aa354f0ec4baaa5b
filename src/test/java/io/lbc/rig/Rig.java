package io.lbc.rig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A running set of test peers (etcd + kube-apiserver + moto), described by the {@code rig.env} file
 * that {@code rig/up} writes. Either started for this test run or reused from the file named by
 * {@code LBC_RIG_ENV}.
 */
public final class Rig implements AutoCloseable {
  public static final String REGION = "us-west-2";

  /** Must match {@code HELM_VERSION} in {@code rig/lib.sh}; {@code RigTest} holds them together. */
  public static final String HELM_VERSION = "v4.3.2";

  private final Map<String, String> env;
  private final boolean ownsProcesses;

  private Rig(Map<String, String> env, boolean ownsProcesses) {
    this.env = env;
    this.ownsProcesses = ownsProcesses;
  }

  /** Reuses the rig named by {@code LBC_RIG_ENV}, or starts one with {@code rig/up}. */
  static Rig startOrReuse() {
    String existing = System.getenv("LBC_RIG_ENV");
    if (existing != null && !existing.isBlank()) {
      return new Rig(readEnv(Path.of(existing)), false);
    }
    try {
      Path state = Files.createTempDirectory("lbc-rig-");
      runScript("up", state);
      return new Rig(readEnv(state.resolve("rig.env")), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path repoRoot() {
    return Path.of(System.getProperty("lbc.repo.root", ".")).toAbsolutePath();
  }

  public Path kubeconfig() {
    return Path.of(env.get("LBC_RIG_KUBECONFIG"));
  }

  public String apiServerUrl() {
    return env.get("LBC_RIG_APISERVER");
  }

  public String adminToken() {
    return env.get("LBC_RIG_ADMIN_TOKEN");
  }

  public URI motoUrl() {
    return URI.create(env.get("LBC_RIG_MOTO"));
  }

  /** The apiserver's audit log of every request made with a ServiceAccount token (JSON lines). */
  public Path auditLog() {
    return Path.of(env.get("LBC_RIG_AUDIT_LOG"));
  }

  public Path kubectl() {
    return Path.of(env.get("LBC_RIG_KUBECTL"));
  }

  /**
   * The rig's helm (built by {@code rig/install} from its Go module). A reused rig whose env file
   * predates helm falls back to the same location {@code rig/lib.sh} uses.
   */
  public Path helm() {
    String fromEnv = env.get("LBC_RIG_HELM");
    return fromEnv != null ? Path.of(fromEnv) : defaultHelm();
  }

  /** Where {@code rig/install} puts helm, for tests that need it without starting a rig. */
  public static Path defaultHelm() {
    String home = System.getenv("LBC_RIG_HOME");
    Path rigHome =
        home != null && !home.isBlank()
            ? Path.of(home)
            : Path.of(System.getProperty("user.home"), ".cache", "lbc-rig");
    return rigHome.resolve("bin").resolve("helm-" + HELM_VERSION).resolve("helm");
  }

  /** Wipes every moto backend; the default VPC comes back on the next EC2 call. */
  public void resetMoto() {
    var request =
        HttpRequest.newBuilder(motoUrl().resolve("/moto-api/reset"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(30))
            .build();
    try {
      var response =
          HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("moto reset answered " + response.statusCode());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (ownsProcesses) {
      runScript("down", Path.of(env.get("LBC_RIG_STATE")));
    }
  }

  private static Map<String, String> readEnv(Path file) {
    try {
      var values = new LinkedHashMap<String, String>();
      for (String line : Files.readAllLines(file)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          values.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
      return values;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rig env " + file, e);
    }
  }

  private static void runScript(String name, Path state) {
    Path script = repoRoot().resolve("rig").resolve(name);
    try {
      Process process =
          new ProcessBuilder(script.toString(), state.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.INHERIT)
              .start();
      if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException("rig/" + name + " failed; see its output above");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
