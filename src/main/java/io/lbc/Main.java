package io.lbc;

import io.lbc.config.HelpLayout;
import io.lbc.config.UserError;
import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Entry point of the controller jar. A user error (bad flag, missing VPC, unreadable manifest)
 * prints one plain line on stderr and exits 2, in every command but {@code plan}, whose 2 means
 * "changes" and whose errors exit 1 ({@link DetailedExitCodes}). JSON logs are the controller
 * process's; a subcommand such as {@code plan} logs plain warnings on stderr and reports any other
 * failure as one line too.
 */
public final class Main {
  /** Exit status of a user error (bad flag, bad file), as the reference controller and picocli. */
  public static final int USAGE_ERROR = 2;

  /** Exit status when the controller could not start or failed while running. */
  public static final int FAILURE = 1;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.err, true), args));
  }

  /** Parses the flags and runs; a user error prints one line and returns 2. */
  static int run(PrintWriter err, String... args) {
    return commandLine(err).execute(args);
  }

  static CommandLine commandLine(PrintWriter err) {
    var commandLine = new CommandLine(new ControllerCommand());
    commandLine.setErr(err);
    HelpLayout.apply(commandLine);
    commandLine.setParameterExceptionHandler(
        (error, args) -> {
          err.println(oneLine(error));
          return userErrorCode(error.getCommandLine());
        });
    commandLine.setExecutionStrategy(
        parseResult -> {
          if (parseResult.subcommand() != null) {
            CliLogging.plainWarningsOnStderr();
          }
          return new CommandLine.RunLast().execute(parseResult);
        });
    commandLine.setExecutionExceptionHandler(
        (error, failed, parseResult) -> {
          if (error instanceof UserError) {
            err.println(oneLine(error));
            return userErrorCode(failed);
          }
          if (failed != commandLine) {
            err.println(failed.getCommandName() + " failed: " + oneLine(error));
            return FAILURE;
          }
          LoggerFactory.getLogger(Main.class)
              .error("controller failed: {}", error.getMessage(), error);
          return FAILURE;
        });
    return commandLine;
  }

  private static int userErrorCode(CommandLine command) {
    return command.getCommand() instanceof DetailedExitCodes ? FAILURE : USAGE_ERROR;
  }

  private static String oneLine(Exception error) {
    String message = error.getMessage() == null ? error.toString() : error.getMessage();
    return message.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
