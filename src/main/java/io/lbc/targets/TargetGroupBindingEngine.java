package io.lbc.targets;

import io.lbc.aws.AwsErrors;
import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.ec2.Vpc;
import io.lbc.aws.elbv2.AssumedRoles;
import io.lbc.aws.elbv2.Elbv2;
import io.lbc.aws.elbv2.TargetHealth;
import io.lbc.k8s.EventReasons;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.TargetGroupBindingSpec.BindingTargetType;
import io.lbc.k8s.cache.SlimPod;
import io.lbc.model.UserInputException;
import io.lbc.networking.TargetSecurityGroups;
import io.lbc.targets.BindingOutcome.Notice;
import io.lbc.targets.BindingResolver.Resolution;
import io.lbc.targets.DesiredTarget.PodRef;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one binding's target group equal to what its Service offers: resolve (informer caches only)
 * → skip when the checkpoint says nothing changed → DescribeTargetHealth once → plan with the
 * fail-safe → the account's targets-per-load-balancer quota → backend security group rules →
 * deregister, then register → readiness gates → checkpoint.
 */
public final class TargetGroupBindingEngine {
  private static final Logger log = LoggerFactory.getLogger(TargetGroupBindingEngine.class);

  /** {@code --targetgroupbinding-requeue-duration}'s default, as in the reference. */
  static final Duration DEFAULT_REQUEUE = Duration.ofSeconds(15);

  /**
   * @param verifyAfter how old a checkpoint may be and still skip the reconcile
   * @param requeue {@code --targetgroupbinding-requeue-duration}: the longest wait before looking
   *     again at target health (readiness gates pending) or at networking that failed
   * @param eniSecurityGroupTags {@code --service-target-eni-security-group-tags}
   * @param maxTargetsPerTargetGroup {@code --max-targets-per-target-group}: the most targets
   *     registered in one target group, 0 for no limit
   * @param discovery where endpoints are read from, and whether to fail open
   */
  public record Settings(
      String clusterName,
      Vpc clusterVpc,
      Duration verifyAfter,
      Duration requeue,
      Map<String, String> eniSecurityGroupTags,
      int maxTargetsPerTargetGroup,
      TargetDiscovery discovery) {
    public Settings(String clusterName, Vpc clusterVpc, Duration verifyAfter) {
      this(
          clusterName,
          clusterVpc,
          verifyAfter,
          DEFAULT_REQUEUE,
          Map.of(),
          0,
          TargetDiscovery.defaults());
    }

    public Settings withDiscovery(TargetDiscovery discovery) {
      return new Settings(
          clusterName,
          clusterVpc,
          verifyAfter,
          requeue,
          eniSecurityGroupTags,
          maxTargetsPerTargetGroup,
          discovery);
    }
  }

  /** Everything the engine talks to. */
  public record Dependencies(
      Elbv2 elbv2,
      Ec2 ec2,
      ClusterView cluster,
      KubeWrites writes,
      MeterRegistry registry,
      Clock clock,
      AssumedRoles roles) {

    public Dependencies(
        Elbv2 elbv2,
        Ec2 ec2,
        ClusterView cluster,
        KubeWrites writes,
        MeterRegistry registry,
        Clock clock) {
      this(elbv2, ec2, cluster, writes, registry, clock, AssumedRoles.none());
    }
  }

  /** The ELBv2 side of the engine in one account: the cluster's own, or an assumed role's. */
  private record Account(
      Elbv2 elbv2,
      TargetGroups targetGroups,
      TargetRegistrar registrar,
      BindingCleanup removal,
      LoadBalancerTargetQuota quota) {}

  private final ClusterView cluster;
  private final Account own;
  private final Map<String, Account> assumed = new ConcurrentHashMap<>();
  private final Dependencies deps;
  private final int maxTargetsPerTargetGroup;
  private final boolean failOpen;
  private final BindingResolver resolver;
  private final BindingNetworking networking;
  private final Checkpoints checkpoints;
  private final TrackedTargets tracked;
  private final ReadinessGates gates;
  private final HealthPollSchedule schedule;
  private final Duration networkRetry;
  private final TargetMetrics metrics;

  public TargetGroupBindingEngine(Settings settings, Dependencies deps) {
    this.cluster = deps.cluster();
    this.deps = deps;
    this.maxTargetsPerTargetGroup = settings.maxTargetsPerTargetGroup();
    this.failOpen = settings.discovery().failOpen();
    this.metrics = new TargetMetrics(deps.registry());
    var addressing = new VpcAddressing(settings.clusterVpc(), deps.ec2());
    this.resolver = new BindingResolver(deps.cluster(), addressing, settings.discovery());
    this.schedule = new HealthPollSchedule(settings.requeue());
    this.networkRetry = settings.requeue();
    var groups =
        new TargetSecurityGroups(
            deps.ec2(),
            settings.clusterName(),
            settings.eniSecurityGroupTags(),
            deps.clock(),
            Duration.ofMinutes(10));
    this.networking =
        new BindingNetworking(
            deps.ec2(), deps.cluster(), resolver, addressing, groups, this::targetType);
    this.checkpoints = new Checkpoints(deps.writes(), deps.clock(), settings.verifyAfter());
    this.tracked = new TrackedTargets(deps.writes());
    this.gates = new ReadinessGates(deps.writes(), metrics, deps.clock());
    this.own = account(deps.elbv2());
  }

  /**
   * @throws UserInputException for a spec only the user can fix
   */
  public BindingOutcome reconcile(TargetGroupBinding binding) {
    BindingKey key = BindingKey.of(binding);
    Account account = account(binding);
    String arn = account.targetGroups().arn(binding.getSpec());
    BindingTargetType type = targetType(binding);
    Optional<Resolution> resolution = resolver.resolve(binding, type);
    ResolvedTargets resolved = resolution.map(Resolution::targets).orElse(ResolvedTargets.empty());
    String checkpoint = Checkpoint.of(resolved, binding.getSpec());
    Function<PodRef, Optional<SlimPod>> pods = ref -> cluster.pod(ref.namespace(), ref.name());
    boolean gatesPending =
        type == BindingTargetType.IP
            && ReadinessGates.anyPending(key.name(), resolved.ready(), pods);
    if (resolution.isEmpty()) {
      return backendNotFound(binding, arn, checkpoint);
    }
    if (!gatesPending && checkpoints.isCurrent(binding, checkpoint)) {
      log.debug("skipping reconcile, inputs unchanged binding={}", key);
      schedule.reset(key);
      return BindingOutcome.upToDate();
    }

    List<TargetHealth> health = account.elbv2().describeTargetHealth(arn);
    TargetPlan plan =
        TargetPlan.compute(resolved, health, tracked.deregistrable(binding), failOpen)
            .limitRegistrations(maxTargetsPerTargetGroup, TargetPlan.active(health));
    if (BindingResolver.quic(binding.getSpec())) {
      plan = plan.withoutTargetsMissingServerIds(t -> quicTargetMissingServerId(key, t));
    }
    var warnings = new ArrayList<Notice>();
    if (!plan.keptByFailSafe().isEmpty()) {
      metrics.failSafeEngaged(key);
      warnings.add(BindingOutcome.failSafe(binding, plan));
    }
    Optional<Notice> overQuota = Optional.empty();
    if (!plan.register().isEmpty()) {
      overQuota = overQuota(account, key, arn, TargetPlan.active(health), plan);
      if (overQuota.isPresent()) {
        warnings.add(overQuota.get());
        plan = plan.withoutRegistrations(); // none of them: no partial apply of the additions
      }
    }
    Optional<Notice> networkFailure = reconcileNetworking(binding, type, resolution.get());
    networkFailure.ifPresent(warnings::add);

    if (plan.changes()) {
      checkpoints.invalidate(binding);
      tracked.beforeChanges(binding, plan);
      applyPlan(account, key, arn, plan);
    }
    tracked.afterChanges(binding, plan.desired());

    Map<TargetKey, TargetHealth> healthByKey = new HashMap<>();
    health.forEach(h -> healthByKey.put(TargetKey.of(h.target()), h));
    plan.register().forEach(t -> healthByKey.remove(t.key()));
    ReadinessGates.Pending pending =
        type == BindingTargetType.IP
            ? gates.update(key, resolved.ready(), healthByKey, pods)
            : ReadinessGates.Pending.NONE;

    Optional<Duration> requeue = Optional.empty();
    if (pending.pods() > 0) {
      requeue = Optional.of(schedule.next(key, pending.anyInitial(), !plan.register().isEmpty()));
    } else {
      schedule.reset(key);
    }
    if (networkFailure.isPresent() || overQuota.isPresent()) {
      requeue =
          Optional.of(requeue.filter(d -> d.compareTo(networkRetry) < 0).orElse(networkRetry));
    } else if (!checkpoints.isCurrent(binding, checkpoint)) {
      checkpoints.save(binding, checkpoint);
    }
    BindingOutcome outcome = BindingOutcome.reconciled(plan, arn, warnings, requeue);
    return overQuota.map(outcome::notReady).orElse(outcome);
  }

  /**
   * Whether the plan's registrations would take a load balancer of the target group over the
   * account's targets-per-load-balancer quota: then a Warning naming the quota, count and limit.
   */
  private Optional<Notice> overQuota(
      Account account, BindingKey key, String arn, int activeNow, TargetPlan plan) {
    int after = activeNow - plan.deregister().size() + plan.register().size();
    return account
        .quota()
        .excess(arn, after)
        .map(
            excess -> {
              log.warn(
                  "targets quota exceeded binding={} targetGroup={} quota={} count={} limit={}",
                  key,
                  arn,
                  excess.quota(),
                  excess.count(),
                  excess.limit());
              return new Notice(EventReasons.TARGETS_QUOTA_EXCEEDED, excess.message());
            });
  }

  /**
   * As the reference: a QUIC target without a server ID is not registered, but logged and counted.
   */
  private void quicTargetMissingServerId(BindingKey key, DesiredTarget target) {
    log.info(
        "dropping registration of QUIC target with no server ID binding={} target={}",
        key,
        target.key());
    metrics.quicTargetMissingServerId(key);
  }

  /** Deregisters the binding's targets, revokes its rules and releases its pods' gates. */
  public void cleanup(TargetGroupBinding binding) {
    BindingKey key = BindingKey.of(binding);
    BindingCleanup removal = account(binding).removal();
    removal.deregisterAll(binding);
    networking.remove(binding);
    removal.releaseGates(binding);
    tracked.delete(binding);
    checkpoints.forget(binding);
    schedule.reset(key);
  }

  private BindingOutcome backendNotFound(
      TargetGroupBinding binding, String arn, String checkpoint) {
    String service = binding.getMetadata().getNamespace() + "/" + binding.getSpec().serviceRef.name;
    var notice = new Notice(EventReasons.BACKEND_NOT_FOUND, "Service " + service + " not found");
    Optional<String> changes = Optional.empty();
    if (!checkpoints.isCurrent(binding, checkpoint)) {
      int deregistered = account(binding).removal().deregisterAll(binding);
      if (deregistered > 0) {
        changes = Optional.of("deregistered " + deregistered + " targets of " + arn);
      }
      networking.remove(binding);
      checkpoints.save(binding, checkpoint);
    }
    return BindingOutcome.backendNotFound(notice, changes);
  }

  private Optional<Notice> reconcileNetworking(
      TargetGroupBinding binding, BindingTargetType type, Resolution resolution) {
    try {
      networking.reconcile(binding, type, resolution);
      return Optional.empty();
    } catch (UserInputException e) {
      throw e;
    } catch (RuntimeException e) {
      log.warn(
          "failed to reconcile backend rules binding={}: {}",
          BindingKey.of(binding),
          e.getMessage());
      return Optional.of(new Notice(EventReasons.FAILED_NETWORK_RECONCILE, e.getMessage()));
    }
  }

  /** The port reads a missing target group as one without targets; a write tells them apart. */
  private void applyPlan(Account account, BindingKey key, String arn, TargetPlan plan) {
    try {
      account.registrar().apply(key, arn, plan);
    } catch (RuntimeException e) {
      if (AwsErrors.isNotFound(e)) {
        throw account.targetGroups().forget(arn);
      }
      throw e;
    }
  }

  private Account account(Elbv2 elbv2) {
    var targetGroups = new TargetGroups(elbv2);
    var registrar = new TargetRegistrar(elbv2, metrics, deps.clock());
    return new Account(
        elbv2,
        targetGroups,
        registrar,
        new BindingCleanup(
            new BindingCleanup.Parts(
                elbv2,
                targetGroups,
                tracked,
                checkpoints,
                registrar,
                deps.cluster(),
                deps.writes(),
                deps.clock())),
        new LoadBalancerTargetQuota(elbv2));
  }

  /** The account of the binding's target group: the cluster's, or the role's it assumes. */
  private Account account(TargetGroupBinding binding) {
    String role = binding.getSpec().iamRoleArnToAssume;
    if (role == null || role.isBlank()) {
      return own;
    }
    String externalId =
        binding.getSpec().assumeRoleExternalId == null
            ? ""
            : binding.getSpec().assumeRoleExternalId;
    return assumed.computeIfAbsent(
        role + "\n" + externalId, k -> account(deps.roles().elbv2(role, externalId)));
  }

  BindingTargetType targetType(TargetGroupBinding binding) {
    if (binding.getSpec().targetType != null) {
      return binding.getSpec().targetType;
    }
    TargetGroups targetGroups = account(binding).targetGroups();
    String type = targetGroups.describe(targetGroups.arn(binding.getSpec())).targetType();
    return "ip".equals(type) ? BindingTargetType.IP : BindingTargetType.INSTANCE;
  }
}
