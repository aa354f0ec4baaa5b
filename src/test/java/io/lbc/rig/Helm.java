package io.lbc.rig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The rig's helm (built by {@code rig/install} from its Go module, like kubectl): runs it with a
 * private home so that no user or repository configuration leaks into a test, and reads what it
 * rendered.
 */
public final class Helm {
  private final Path binary;
  private final Path home;

  private Helm(Path binary, Path home) {
    this.binary = binary;
    this.home = home;
  }

  /** The helm of a running rig. */
  public static Helm of(Rig rig) {
    return at(rig.helm());
  }

  /** The helm {@code rig/install} put in {@code LBC_RIG_HOME}, for tests without a rig. */
  public static Helm installed() {
    return at(Rig.defaultHelm());
  }

  private static Helm at(Path binary) {
    if (!Files.isExecutable(binary)) {
      throw new IllegalStateException(binary + " is missing: run rig/install (make rig)");
    }
    try {
      return new Helm(binary, Files.createTempDirectory("lbc-helm-"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Exit status and combined output of one run. */
  public record Result(int exitCode, String output) {
    public Result requireSuccess() {
      if (exitCode != 0) {
        throw new AssertionError("helm exited " + exitCode + ": " + output);
      }
      return this;
    }
  }

  public Result run(String... args) throws IOException, InterruptedException {
    var command = new ArrayList<String>();
    command.add(binary.toString());
    command.addAll(List.of(args));
    var builder = new ProcessBuilder(command).redirectErrorStream(true);
    var env = builder.environment();
    env.put("HELM_CACHE_HOME", home.resolve("cache").toString());
    env.put("HELM_CONFIG_HOME", home.resolve("config").toString());
    env.put("HELM_DATA_HOME", home.resolve("data").toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("helm " + List.of(args) + " did not finish in 120 s");
    }
    return new Result(process.exitValue(), output);
  }

  /** The documents of a rendered manifest stream, empty ones left out. */
  public static List<JsonNode> documents(String yaml) throws IOException {
    var documents = new ArrayList<JsonNode>();
    try (MappingIterator<JsonNode> it =
        new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
      while (it.hasNext()) {
        JsonNode node = it.next();
        if (node != null && node.isObject() && !node.isEmpty()) {
          documents.add(node);
        }
      }
    }
    return documents;
  }

  /** The {@code args} of the named container of the one Deployment in a rendered stream. */
  public static List<String> deploymentArgs(String yaml, String container) throws IOException {
    var deployments =
        documents(yaml).stream().filter(d -> "Deployment".equals(d.path("kind").asText())).toList();
    if (deployments.size() != 1) {
      throw new AssertionError("expected one Deployment, rendered " + deployments.size());
    }
    for (JsonNode c :
        deployments.get(0).path("spec").path("template").path("spec").path("containers")) {
      if (container.equals(c.path("name").asText())) {
        var args = new ArrayList<String>();
        c.path("args").forEach(a -> args.add(a.asText()));
        return List.copyOf(args);
      }
    }
    throw new AssertionError("no container " + container + " in the rendered Deployment");
  }
}
