package io.lbc.ingress;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks the regular expressions users give for ALB regex conditions and rewrites (compat-spec §1.3
 * #28–#30). The reference passes them to AWS unchecked, where a bad one fails the whole group's
 * deploy; a pattern that does not even compile is refused here instead, with the member that holds
 * it, and the message names it.
 */
final class RegexValues {
  private RegexValues() {}

  /** The first value that is empty or does not compile, described; empty when all are fine. */
  static Optional<String> problem(List<String> regexes) {
    for (String regex : regexes) {
      Optional<String> problem = problem(regex);
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  static Optional<String> problem(String regex) {
    if (regex == null || regex.isEmpty()) {
      return Optional.of("a regex cannot be empty");
    }
    try {
      Pattern.compile(regex);
      return Optional.empty();
    } catch (PatternSyntaxException e) {
      return Optional.of(
          "\""
              + regex
              + "\" is not a valid regex: "
              + e.getDescription()
              + " near index "
              + e.getIndex());
    }
  }
}
