package io.lbc.rig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The controller jar run once as a command (e.g. {@code plan}), its output kept apart. */
public final class JarCommand {
  private JarCommand() {}

  /** Exit status, stdout and stderr of one run. */
  public record Result(int exitCode, String stdout, String stderr) {}

  /** Runs the jar with {@code args}, test credentials and instance metadata disabled. */
  public static Result run(List<String> args) throws Exception {
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-Daws.disableEc2Metadata=true");
    command.add("-jar");
    command.add(System.getProperty("lbc.controller.jar"));
    command.addAll(args);
    Path out = Files.createTempFile("jar", ".out");
    Path err = Files.createTempFile("jar", ".err");
    try {
      var builder =
          new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      builder.environment().put("AWS_ACCESS_KEY_ID", "testing");
      builder.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
      builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
      Process process = builder.start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(args + " did not finish in 120 s: " + Files.readString(err));
      }
      return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
