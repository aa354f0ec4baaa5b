package io.lbc.ingress;

import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.Action.RedirectConfig;
import io.lbc.model.elbv2.RuleCondition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Drops rules of one listener that could never do any good, as the reference does for its {@code
 * actions.ssl-redirect} idiom: a redirect to the very listener it is on (an endless loop), and any
 * rule after a redirect rule whose hosts and paths cover it.
 */
final class RuleOptimizer {
  private RuleOptimizer() {}

  static List<RuleDraft> optimize(int port, String protocol, List<RuleDraft> rules) {
    var kept = new ArrayList<RuleDraft>();
    for (RuleDraft rule : rules) {
      if (redirectsToItself(port, protocol, rule)) {
        continue;
      }
      boolean shadowed =
          kept.stream()
              .anyMatch(
                  earlier ->
                      redirect(earlier.actions()) != null
                          && covers(earlier.conditions(), rule.conditions()));
      if (!shadowed) {
        kept.add(rule);
      }
    }
    return kept;
  }

  private static RedirectConfig redirect(List<Action> actions) {
    return actions.stream()
        .filter(a -> a.type().equals("redirect"))
        .map(Action::redirectConfig)
        .findFirst()
        .orElse(null);
  }

  private static boolean redirectsToItself(int port, String protocol, RuleDraft rule) {
    RedirectConfig redirect = redirect(rule.actions());
    if (redirect == null) {
      return false;
    }
    Set<String> hosts = values(rule.conditions(), "host-header");
    Set<String> paths = values(rule.conditions(), "path-pattern");
    return keeps(redirect.host(), "#{host}", hosts)
        && keeps(redirect.path(), "/#{path}", paths)
        && keeps(redirect.port(), "#{port}", Set.of(String.valueOf(port)))
        && keeps(redirect.protocol(), "#{protocol}", Set.of(protocol))
        && (redirect.query() == null || redirect.query().equals("#{query}"));
  }

  /** Whether a redirect component leaves the request where the rule already matches it. */
  private static boolean keeps(String value, String placeholder, Set<String> matched) {
    return value == null || value.equals(placeholder) || matched.contains(value);
  }

  private static boolean covers(List<RuleCondition> wider, List<RuleCondition> narrower) {
    if (wider.stream()
        .anyMatch(c -> !c.field().equals("host-header") && !c.field().equals("path-pattern"))) {
      return false;
    }
    if (hasRegex(wider) || hasRegex(narrower)) {
      return false; // which strings a regex matches is not compared: keep the rule
    }
    Set<String> wideHosts = values(wider, "host-header");
    Set<String> widePaths = values(wider, "path-pattern");
    Set<String> narrowHosts = values(narrower, "host-header");
    Set<String> narrowPaths = values(narrower, "path-pattern");
    boolean hosts =
        wideHosts.isEmpty() || (!narrowHosts.isEmpty() && wideHosts.containsAll(narrowHosts));
    boolean paths =
        widePaths.isEmpty()
            || widePaths.contains("/*")
            || (!narrowPaths.isEmpty() && widePaths.containsAll(narrowPaths));
    return hosts && paths;
  }

  private static boolean hasRegex(List<RuleCondition> conditions) {
    return conditions.stream()
        .anyMatch(
            c ->
                (c.hostHeaderConfig() != null && c.hostHeaderConfig().regexValues() != null)
                    || (c.pathPatternConfig() != null
                        && c.pathPatternConfig().regexValues() != null));
  }

  private static Set<String> values(List<RuleCondition> conditions, String field) {
    var values = new HashSet<String>();
    for (RuleCondition condition : conditions) {
      if (condition.field().equals(field)) {
        values.addAll(
            field.equals("host-header")
                ? condition.hostHeaderConfig().valuesOrEmpty()
                : condition.pathPatternConfig().valuesOrEmpty());
      }
    }
    return values;
  }
}
