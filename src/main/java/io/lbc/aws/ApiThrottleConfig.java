package io.lbc.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * The client-side AWS API rate limits: per SDK service ID, a list of operation patterns, each with
 * a token bucket of {@code rate} calls per second and {@code burst} calls. Written as the reference
 * controller's {@code --aws-api-throttle}: {@code serviceID:operationRegex=rate:burst,...}. The
 * entries given for a service replace that service's defaults; other services keep theirs (the
 * reference's behaviour). A pattern matches anywhere in the operation name unless anchored.
 */
public record ApiThrottleConfig(Map<String, List<Rule>> rules) {

  /** One token bucket: operations of {@code serviceId} that {@code operation} finds. */
  public record Rule(String serviceId, Pattern operation, double rate, int burst) {
    public boolean matches(String service, String operationName) {
      return serviceId.equals(service) && operation.matcher(operationName).find();
    }

    @Override
    public String toString() {
      return serviceId + ":" + operation.pattern() + "=" + formatRate(rate) + ":" + burst;
    }
  }

  public ApiThrottleConfig {
    var copy = new LinkedHashMap<String, List<Rule>>();
    rules.forEach((service, list) -> copy.put(service, List.copyOf(list)));
    rules = java.util.Collections.unmodifiableMap(copy);
  }

  private static final String WAF_REGIONAL = "WAF Regional";
  private static final String WAFV2 = "WAFV2";
  private static final String ELBV2 = "Elastic Load Balancing v2";

  /** The reference's defaults ({@code pkg/aws/throttle/defaults.go}, compat-spec §4). */
  public static ApiThrottleConfig defaults() {
    var rules = new LinkedHashMap<String, List<Rule>>();
    for (String waf : List.of(WAF_REGIONAL, WAFV2)) {
      rules.put(
          waf,
          List.of(
              rule(waf, "^AssociateWebACL|DisassociateWebACL", 0.5, 1),
              rule(waf, "^GetWebACLForResource|ListResourcesForWebACL", 1, 1)));
    }
    rules.put(
        ELBV2,
        List.of(
            rule(ELBV2, "^RegisterTargets|^DeregisterTargets", 4, 20),
            rule(ELBV2, "^Describe.*", 50, 200),
            rule(ELBV2, "^Modify.*", 3, 20)));
    return new ApiThrottleConfig(rules);
  }

  /** The defaults with the flag's entries applied; an empty flag leaves the defaults. */
  public static ApiThrottleConfig fromFlag(String value) {
    ApiThrottleConfig config = defaults();
    return value == null || value.isBlank() ? config : config.withOverrides(value);
  }

  /**
   * Parses {@code serviceID:operationRegex=rate:burst,...}; the services it names have exactly the
   * given rules afterwards.
   *
   * @throws IllegalArgumentException naming the entry that is malformed
   */
  public ApiThrottleConfig withOverrides(String value) {
    var overrides = new LinkedHashMap<String, List<Rule>>();
    for (String pair : value.split(",", -1)) {
      String[] kv = pair.split("=", -1);
      if (kv.length != 2) {
        throw new IllegalArgumentException(
            pair + " must be formatted as serviceID:operationRegex=rate:burst");
      }
      String[] serviceAndPattern = kv[0].split(":", -1);
      if (serviceAndPattern.length != 2) {
        throw new IllegalArgumentException(
            kv[0] + " must be formatted as serviceID:operationRegex");
      }
      String[] rateAndBurst = kv[1].split(":", -1);
      if (rateAndBurst.length != 2) {
        throw new IllegalArgumentException(kv[1] + " must be formatted as rate:burst");
      }
      Pattern pattern;
      try {
        pattern = Pattern.compile(serviceAndPattern[1]);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            serviceAndPattern[1] + " must be valid regex expression for operation");
      }
      double rate;
      try {
        rate = Double.parseDouble(rateAndBurst[0]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            rateAndBurst[0] + " must be valid float number as rate for operations per second");
      }
      int burst;
      try {
        burst = Integer.parseInt(rateAndBurst[1]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            rateAndBurst[1] + " must be valid integer as burst for operations");
      }
      if (!(rate > 0) || Double.isInfinite(rate) || burst < 1) {
        throw new IllegalArgumentException(
            kv[1] + " must have a positive rate and a burst of at least 1");
      }
      String service = serviceAndPattern[0];
      overrides
          .computeIfAbsent(service, s -> new ArrayList<>())
          .add(new Rule(service, pattern, rate, burst));
    }
    var merged = new LinkedHashMap<>(rules);
    merged.putAll(overrides);
    return new ApiThrottleConfig(merged);
  }

  /** The rules that apply to one call, in order. */
  public List<Rule> rulesFor(String serviceId, String operation) {
    return rules.getOrDefault(serviceId, List.of()).stream()
        .filter(r -> r.matches(serviceId, operation))
        .toList();
  }

  /** The flag's syntax, services sorted by ID (as the reference prints its default). */
  @Override
  public String toString() {
    return new TreeMap<>(rules)
        .values().stream()
            .flatMap(List::stream)
            .map(Rule::toString)
            .collect(Collectors.joining(","));
  }

  private static Rule rule(String service, String pattern, double rate, int burst) {
    return new Rule(service, Pattern.compile(pattern), rate, burst);
  }

  private static String formatRate(double rate) {
    return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate);
  }
}
