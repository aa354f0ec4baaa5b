package io.lbc.gateway;

import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.RuleCondition;
import io.lbc.model.elbv2.RuleTransform;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One ALB rule before its priority is known: a (route, rule, match, hostname) unit with its
 * conditions, actions and the precedence keys of gateway-spec §4.3.
 */
record RuleUnit(
    RouteView route,
    int ruleIndex,
    int matchIndex,
    String hostname,
    int matchType,
    int pathLength,
    int grpcMethodLength,
    boolean hasMethod,
    int headerCount,
    int queryCount,
    List<RuleCondition> conditions,
    List<Action> actions,
    List<RuleTransform> transforms,
    Map<String, String> tags) {

  RuleUnit(
      RouteView route,
      int ruleIndex,
      int matchIndex,
      String hostname,
      int matchType,
      int pathLength,
      int grpcMethodLength,
      boolean hasMethod,
      int headerCount,
      int queryCount,
      List<RuleCondition> conditions,
      List<Action> actions) {
    this(
        route,
        ruleIndex,
        matchIndex,
        hostname,
        matchType,
        pathLength,
        grpcMethodLength,
        hasMethod,
        headerCount,
        queryCount,
        conditions,
        actions,
        List.of(),
        Map.of());
  }

  /**
   * This unit with a ListenerRuleConfiguration's extra conditions and tags and the rule's
   * transforms.
   */
  RuleUnit extended(
      List<RuleCondition> moreConditions,
      List<RuleTransform> ruleTransforms,
      Map<String, String> ruleTags) {
    var all = new java.util.ArrayList<>(conditions);
    all.addAll(moreConditions);
    return new RuleUnit(
        route,
        ruleIndex,
        matchIndex,
        hostname,
        matchType,
        pathLength,
        grpcMethodLength,
        hasMethod,
        headerCount,
        queryCount,
        List.copyOf(all),
        actions,
        List.copyOf(ruleTransforms),
        Map.copyOf(ruleTags));
  }

  /** Most specific first; ties by age, name, rule, match, hostname. */
  static final Comparator<RuleUnit> PRECEDENCE =
      Comparator.comparingInt((RuleUnit u) -> -hostnameClass(u.hostname))
          .thenComparingInt(u -> -dots(u.hostname))
          .thenComparingInt(u -> -u.hostname.length())
          .thenComparingInt(u -> -u.matchType)
          .thenComparingInt(u -> -u.pathLength)
          .thenComparingInt(u -> -u.grpcMethodLength)
          .thenComparingInt(u -> u.hasMethod ? 0 : 1)
          .thenComparingInt(u -> -u.headerCount)
          .thenComparingInt(u -> -u.queryCount)
          .thenComparingLong(u -> u.route.createdMillis())
          .thenComparing(u -> u.route.key())
          .thenComparingInt(RuleUnit::ruleIndex)
          .thenComparingInt(RuleUnit::matchIndex)
          .thenComparing(RuleUnit::hostname);

  /** A concrete hostname beats a wildcard, which beats none. */
  private static int hostnameClass(String hostname) {
    if (hostname.isEmpty()) {
      return 0;
    }
    return hostname.startsWith("*") ? 1 : 2;
  }

  private static int dots(String hostname) {
    return (int) hostname.chars().filter(c -> c == '.').count();
  }
}
