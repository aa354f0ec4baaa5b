package io.lbc;

import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Entry point of the controller jar. */
public final class Main {
  /** Exit status of a bad flag, as the reference controller and picocli use. */
  public static final int USAGE_ERROR = 2;

  /** Exit status when the controller could not start or failed while running. */
  public static final int FAILURE = 1;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.err, true), args));
  }

  /** Parses the flags and runs; a bad flag prints one line naming it and returns 2. */
  static int run(PrintWriter err, String... args) {
    return commandLine(err).execute(args);
  }

  static CommandLine commandLine(PrintWriter err) {
    var commandLine = new CommandLine(new ControllerCommand());
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(
        (error, args) -> {
          err.println(error.getMessage());
          return USAGE_ERROR;
        });
    commandLine.setExecutionExceptionHandler(
        (error, cl, parseResult) -> {
          LoggerFactory.getLogger(Main.class)
              .error("controller failed: {}", error.getMessage(), error);
          return FAILURE;
        });
    return commandLine;
  }
}
