package io.lbc.config;

/**
 * A mistake in what the user gave: a flag, a file, or a resource a flag names that does not exist.
 * The command line prints its message as one plain line on stderr and exits with status 2; the
 * message must therefore say what is wrong and where, without a stack trace to help.
 */
public class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }
}
