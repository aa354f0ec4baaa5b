package io.lbc.deploy;

import io.lbc.aws.elbv2.Elbv2;
import io.lbc.model.Resource;
import io.lbc.model.ResourceType;
import io.lbc.model.Stack;
import io.lbc.model.UserInputException;
import io.lbc.model.elbv2.ListenerSpec;
import io.lbc.model.elbv2.LoadBalancerSpec;
import io.lbc.model.elbv2.TargetGroupSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * The pre-flight check of a stack against the account's load balancer quotas
 * (DescribeAccountLimits, read once an hour): a stack that would exceed one is refused before
 * anything is written, so AWS never holds half of it. Checked: listeners per load balancer, and for
 * ALBs rules (default rules not counted), target groups and certificates (default certificates not
 * counted). The TargetGroupBinding engine reads the targets-per-load-balancer limits from it too.
 */
public final class LoadBalancerQuotas {
  static final Duration CACHE_FOR = Duration.ofHours(1);

  /** A quota the stack would exceed. */
  public record Excess(String quota, int count, int limit) {
    @Override
    public String toString() {
      return quota + ": the stack needs " + count + ", the account's limit is " + limit;
    }
  }

  /** Thrown for a stack over quota: bad input the user must fix, not retried hot. */
  public static final class QuotaExceededException extends UserInputException {
    private final List<Excess> excesses;

    QuotaExceededException(List<Excess> excesses) {
      super(
          "quota",
          "load balancer quota exceeded, nothing was deployed: "
              + String.join("; ", excesses.stream().map(Excess::toString).toList()));
      this.excesses = List.copyOf(excesses);
    }

    public List<Excess> excesses() {
      return excesses;
    }
  }

  private final Supplier<Map<String, Integer>> describe;
  private final Clock clock;
  private Map<String, Integer> limits;
  private Instant readAt = Instant.MIN;

  public LoadBalancerQuotas(Elbv2 elbv2) {
    this(elbv2::describeAccountLimits, Clock.systemUTC());
  }

  LoadBalancerQuotas(Supplier<Map<String, Integer>> describe, Clock clock) {
    this.describe = describe;
    this.clock = clock;
  }

  /**
   * @throws QuotaExceededException naming every quota the stack would exceed
   */
  public void check(Stack stack) {
    List<Resource<LoadBalancerSpec>> lbs =
        stack.resources(ResourceType.LOAD_BALANCER, LoadBalancerSpec.class);
    if (lbs.isEmpty()) {
      return;
    }
    var excesses = new ArrayList<Excess>();
    for (Resource<LoadBalancerSpec> lb : lbs) { // a frontend NLB counts on its own
      excesses.addAll(excesses(stack, lb.id(), lb.spec().type(), limits()));
    }
    if (!excesses.isEmpty()) {
      throw new QuotaExceededException(excesses);
    }
  }

  static List<Excess> excesses(Stack stack, String type, Map<String, Integer> limits) {
    return excesses(stack, LoadBalancerSpec.ID, type, limits);
  }

  /** The quotas one load balancer of the stack would exceed, with its listeners. */
  static List<Excess> excesses(Stack stack, String lbId, String type, Map<String, Integer> limits) {
    boolean alb = "application".equals(type);
    String kind = alb ? "application" : "network";
    var lbArn = ResourceType.LOAD_BALANCER.ref(lbId, LoadBalancerSpec.ARN);
    List<Resource<ListenerSpec>> listeners =
        stack.resources(ResourceType.LISTENER, ListenerSpec.class).stream()
            .filter(l -> lbArn.equals(l.spec().loadBalancerARN()))
            .toList();
    var excesses = new ArrayList<Excess>();
    over(excesses, limits, "listeners-per-" + kind + "-load-balancer", listeners.size());
    if (alb) {
      over(
          excesses,
          limits,
          "rules-per-application-load-balancer",
          stack.all().getOrDefault(ResourceType.LISTENER_RULE, Map.of()).size());
      over(
          excesses,
          limits,
          "target-groups-per-application-load-balancer",
          (int)
              stack.resources(ResourceType.TARGET_GROUP, TargetGroupSpec.class).stream()
                  .filter(tg -> !"alb".equals(tg.spec().targetType())) // the frontend NLB's
                  .count());
      int certificates =
          listeners.stream().mapToInt(l -> Math.max(0, sizeOf(l.spec().certificates()) - 1)).sum();
      over(excesses, limits, "certificates-per-application-load-balancer", certificates);
    }
    return excesses;
  }

  private static int sizeOf(List<?> list) {
    return list == null ? 0 : list.size();
  }

  private static void over(
      List<Excess> excesses, Map<String, Integer> limits, String quota, int count) {
    Integer limit = limits.get(quota);
    if (limit != null && count > limit) {
      excesses.add(new Excess(quota, count, limit));
    }
  }

  /**
   * The account's limit of that name ({@code targets-per-application-load-balancer} …), if told.
   */
  public OptionalInt limit(String quota) {
    Integer limit = limits().get(quota);
    return limit == null ? OptionalInt.empty() : OptionalInt.of(limit);
  }

  private synchronized Map<String, Integer> limits() {
    Instant now = clock.instant();
    if (limits == null || now.isAfter(readAt.plus(CACHE_FOR))) {
      limits = Map.copyOf(describe.get());
      readAt = now;
    }
    return limits;
  }
}
