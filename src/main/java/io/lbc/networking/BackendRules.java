package io.lbc.networking;

import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.ec2.SecurityGroup;
import io.lbc.model.Token;
import io.lbc.model.ec2.IpPermission;
import io.lbc.model.ec2.IpPermission.IpRange;
import io.lbc.model.ec2.IpPermission.Ipv6Range;
import io.lbc.model.ec2.IpPermission.UserIdGroupPair;
import io.lbc.networking.RuleKey.RuleSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the inbound rules that TargetGroupBindings ask for on their targets' security groups
 * (compat-spec §6.2). Rules of all bindings are aggregated per (group, protocol, source) into one
 * port range, marked with the reference's description {@code
 * elbv2.k8s.aws/targetGroupBinding=shared}.
 *
 * <p>Whenever a binding's needs change, every rule with that description on the groups it touches
 * is reconciled: a range shrinks or goes only when no binding needs it. Bindings that were not
 * reconciled since the controller started are asked for their needs on demand, and only the rules
 * that such a binding could share are held back when that fails; one broken binding does not stop
 * the clean-up of every other rule (the reference's #4896).
 *
 * <p>Keyed by the binding's {@code namespace/name}. Calls are serialized: they are rare.
 */
public final class BackendRules<K> {
  public static final String DESCRIPTION = "elbv2.k8s.aws/targetGroupBinding=shared";
  private static final Logger log = LoggerFactory.getLogger(BackendRules.class);

  /** What the manager needs to know about all the bindings. */
  public interface Bindings<K> {
    /** The bindings whose spec asks for rules with this protocol from this source. */
    Set<K> candidates(String protocol, RuleSource source);

    /** Computes what the binding needs now; throws when that cannot be known. */
    RuleContribution contribution(K binding);
  }

  private final Ec2 ec2;
  private final Bindings<K> bindings;
  private final Map<K, RuleContribution> known = new HashMap<>();

  /**
   * Bindings whose needs were brought in line through their own {@link #update}. Needs learned on
   * demand for another binding's rule only settle that rule, not every rule the binding needs.
   */
  private final Set<K> applied = new HashSet<>();

  public BackendRules(Ec2 ec2, Bindings<K> bindings) {
    this.ec2 = ec2;
    this.bindings = bindings;
  }

  /** Records what the binding needs now and brings the groups it touches (then or now) in line. */
  public synchronized void update(K binding, RuleContribution contribution) {
    RuleContribution previous = known.put(binding, contribution);
    if (!applied.add(binding) && contribution.equals(previous)) {
      return;
    }
    var groups = new TreeSet<>(contribution.groupIds());
    if (previous != null) {
      groups.addAll(previous.groupIds());
    }
    reconcile(groups);
  }

  /** Whether the binding had any rules the last time its needs were recorded. */
  public synchronized boolean hasRules(K binding) {
    RuleContribution contribution = known.get(binding);
    return contribution != null && !contribution.ranges().isEmpty();
  }

  /** Forgets the binding and revokes what nothing else needs. */
  public synchronized void remove(K binding, Optional<RuleContribution> lastKnown) {
    RuleContribution previous = known.remove(binding);
    applied.remove(binding);
    if (previous == null) {
      previous = lastKnown.orElse(RuleContribution.NONE);
    }
    reconcile(previous.groupIds());
  }

  private void reconcile(Set<String> groupIds) {
    if (groupIds.isEmpty()) {
      return;
    }
    for (SecurityGroup group : ec2.describeSecurityGroups(List.copyOf(groupIds))) {
      reconcileGroup(group);
    }
  }

  private void reconcileGroup(SecurityGroup group) {
    Map<RuleKey, List<PortRange>> existing = ours(group);
    var keys = new TreeSet<RuleKey>(Comparator.comparing(RuleKey::toString));
    keys.addAll(existing.keySet());
    // Asking the candidates of one rule may teach us rules they need too (a UDP target's binding
    // also needs its TCP health-check port): gather until nothing new turns up.
    int before;
    do {
      before = keys.size();
      addKnownKeys(group, keys);
      List.copyOf(keys).forEach(this::desired);
      addKnownKeys(group, keys);
    } while (keys.size() != before);

    var authorize = new ArrayList<IpPermission>();
    var revoke = new ArrayList<IpPermission>();
    for (RuleKey key : keys) {
      Desired desired = desired(key);
      List<PortRange> present = existing.getOrDefault(key, List.of());
      desired
          .range()
          .filter(r -> !present.contains(r))
          // Unsure what others need, a range that already covers this one stays as it is.
          .filter(r -> desired.certain() || present.stream().noneMatch(p -> p.covers(r)))
          .ifPresent(r -> authorize.add(permission(key, r)));
      if (desired.certain()) {
        present.stream()
            .filter(r -> desired.range().map(d -> !d.equals(r)).orElse(true))
            .forEach(r -> revoke.add(permission(key, r)));
      }
    }
    if (!authorize.isEmpty()) {
      log.info(
          "authorizing backend rules securityGroup={} rules={}",
          group.groupId(),
          describe(authorize));
      ec2.authorizeIngress(group.groupId(), authorize);
    }
    if (!revoke.isEmpty()) {
      log.info(
          "revoking backend rules securityGroup={} rules={}", group.groupId(), describe(revoke));
      ec2.revokeIngress(group.groupId(), revoke);
    }
  }

  /** Adds the rules of this group that the bindings asked so far need. */
  private void addKnownKeys(SecurityGroup group, Set<RuleKey> keys) {
    known
        .values()
        .forEach(
            c ->
                c.ranges().keySet().stream()
                    .filter(k -> k.groupId().equals(group.groupId()))
                    .forEach(keys::add));
  }

  /** The range every binding together needs, and whether every binding could be asked. */
  private record Desired(Optional<PortRange> range, boolean certain) {}

  private Desired desired(RuleKey key) {
    PortRange range = null;
    boolean certain = true;
    var all = new LinkedHashSet<K>(bindings.candidates(key.protocol(), key.source()));
    known.entrySet().stream()
        .filter(e -> e.getValue().ranges().containsKey(key))
        .forEach(e -> all.add(e.getKey()));
    for (K candidate : all) {
      RuleContribution contribution = known.get(candidate);
      if (contribution == null) {
        try {
          contribution = bindings.contribution(candidate);
          known.put(candidate, contribution);
        } catch (RuntimeException e) {
          log.warn(
              "cannot tell which backend rules binding {} needs, keeping rules it may share: {}",
              candidate,
              e.getMessage());
          certain = false;
          continue;
        }
      }
      PortRange needed = contribution.ranges().get(key);
      if (needed != null) {
        range = range == null ? needed : range.span(needed);
      }
    }
    return new Desired(Optional.ofNullable(range), certain);
  }

  private static Map<RuleKey, List<PortRange>> ours(SecurityGroup group) {
    var result = new HashMap<RuleKey, List<PortRange>>();
    for (IpPermission permission : group.ingress()) {
      if (permission.fromPort() == null || permission.toPort() == null) {
        continue;
      }
      var range = new PortRange(permission.fromPort(), permission.toPort());
      var sources = new ArrayList<RuleSource>();
      nullSafe(permission.ipRanges()).stream()
          .filter(r -> DESCRIPTION.equals(r.description()))
          .forEach(r -> sources.add(RuleSource.cidr(r.cidrIP())));
      nullSafe(permission.ipv6Ranges()).stream()
          .filter(r -> DESCRIPTION.equals(r.description()))
          .forEach(r -> sources.add(RuleSource.cidr(r.cidrIPv6())));
      nullSafe(permission.userIdGroupPairs()).stream()
          .filter(p -> DESCRIPTION.equals(p.description()) && p.groupID() instanceof Token.Literal)
          .forEach(
              p -> sources.add(RuleSource.securityGroup(((Token.Literal) p.groupID()).value())));
      for (RuleSource source : sources) {
        result
            .computeIfAbsent(
                new RuleKey(group.groupId(), permission.ipProtocol(), source),
                k -> new ArrayList<>())
            .add(range);
      }
    }
    return result;
  }

  private static IpPermission permission(RuleKey key, PortRange range) {
    RuleSource source = key.source();
    return new IpPermission(
        key.protocol(),
        range.from(),
        range.to(),
        source.ipv4Cidr() == null
            ? List.of()
            : List.of(new IpRange(source.ipv4Cidr(), DESCRIPTION)),
        source.ipv6Cidr() == null
            ? List.of()
            : List.of(new Ipv6Range(source.ipv6Cidr(), DESCRIPTION)),
        List.of(),
        source.groupId() == null
            ? List.of()
            : List.of(new UserIdGroupPair(Token.of(source.groupId()), DESCRIPTION)));
  }

  private static String describe(List<IpPermission> permissions) {
    return permissions.stream()
        .map(
            p ->
                p.ipProtocol()
                    + "/"
                    + new PortRange(p.fromPort(), p.toPort())
                    + " from "
                    + sourceOf(p))
        .toList()
        .toString();
  }

  private static String sourceOf(IpPermission p) {
    if (!p.ipRanges().isEmpty()) {
      return p.ipRanges().get(0).cidrIP();
    }
    if (!p.ipv6Ranges().isEmpty()) {
      return p.ipv6Ranges().get(0).cidrIPv6();
    }
    return ((Token.Literal) p.userIdGroupPairs().get(0).groupID()).value();
  }

  private static <T> List<T> nullSafe(List<T> list) {
    return list == null ? List.of() : list;
  }
}
