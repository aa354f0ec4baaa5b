package io.lbc.reconcile;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.annotations.Surface;
import io.lbc.deploy.DeployResult;
import io.lbc.deploy.StackDeployer;
import io.lbc.deploy.StackResourceFinder;
import io.lbc.ingress.AlbBuildResult;
import io.lbc.ingress.AlbStackBuilder;
import io.lbc.ingress.ExcludedMember;
import io.lbc.ingress.GroupMember;
import io.lbc.ingress.IngressGroup;
import io.lbc.ingress.MemberNotice;
import io.lbc.k8s.EventReasons;
import io.lbc.k8s.EventRecorder;
import io.lbc.model.UserInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IngressGroup, end to end: finalizers on its members, build, deploy, status, events, and the
 * finalizers of members that left. A member with bad input is left out and told why; if it built
 * before, its last good version stays deployed so a typo loses no traffic (the reference fails the
 * whole group instead). When that version is not known (the controller restarted since), the group
 * is kept as deployed until the member is fixed or deleted. A member left out for a key this
 * controller refuses fails closed: its rules go, whatever it was before.
 */
public final class IngressGroupReconciler {
  private static final Logger log = LoggerFactory.getLogger(IngressGroupReconciler.class);

  /** What it works with. */
  public record Dependencies(
      KubernetesClient kube,
      StackDeployer deployer,
      StackResourceFinder finder,
      IngressStatusWriter status,
      EventRecorder events) {}

  private final Dependencies deps;
  private final UnknownKeyWarnings unknownKeys;

  /** The last version of each member (by UID) that was deployed. */
  private final Map<String, Ingress> lastGood = new ConcurrentHashMap<>();

  public IngressGroupReconciler(Dependencies deps) {
    this.deps = deps;
    this.unknownKeys = new UnknownKeyWarnings(deps.events());
  }

  /**
   * @return when to reconcile the group again to retry a write held back by its backoff, if ever
   */
  public Optional<Duration> reconcile(IngressGroup group, AlbStackBuilder builder) {
    for (GroupMember member : group.members()) {
      Finalizers.add(deps.kube(), member.ingress(), group.finalizer());
      unknownKeys.check(Surface.INGRESS_ANNOTATION, member.ingress());
    }
    AlbBuildResult result;
    try {
      result = withLastGoodVersions(group, builder);
    } catch (UserInputException e) {
      group
          .members()
          .forEach(
              m ->
                  deps.events()
                      .warning(m.ingress(), EventReasons.FAILED_BUILD_MODEL, e.getMessage()));
      return Optional.empty();
    }
    for (ExcludedMember excluded : result.excluded()) {
      deps.events()
          .warning(
              excluded.ingress(), EventReasons.FAILED_BUILD_MODEL, excluded.error().getMessage());
    }
    if (!result.deployable()) {
      log.info("not deploying group={}: no member built", group.id());
      return Optional.empty();
    }
    List<Ingress> unknownLastGood = servedButUnknown(result);
    if (!unknownLastGood.isEmpty()) {
      holdGroup(group, unknownLastGood);
      return Optional.empty();
    }
    DeployResult deployed;
    try {
      deployed = deps.deployer().deploy(result.stack());
    } catch (UserInputException e) {
      result
          .built()
          .forEach(
              m ->
                  deps.events()
                      .warning(m.ingress(), EventReasons.FAILED_DEPLOY_MODEL, e.getMessage()));
      return Optional.empty();
    } catch (RuntimeException e) {
      result
          .built()
          .forEach(
              m ->
                  deps.events()
                      .warning(
                          m.ingress(),
                          EventReasons.FAILED_DEPLOY_MODEL,
                          "failed to deploy the load balancer: " + e.getMessage()));
      throw e;
    }
    for (GroupMember member : result.built()) {
      for (String warning : deployed.nonConverging()) {
        deps.events().warning(member.ingress(), EventReasons.NON_CONVERGING_WRITE, warning);
      }
      lastGood.put(member.ingress().getMetadata().getUid(), member.ingress());
      Ingress current = current(group, member.ingress());
      if (deps.status()
          .write(
              current, deployed.dnsName(), deployed.frontendNlbDnsName(), result.listenerPorts())) {
        deps.events()
            .normal(current, EventReasons.SUCCESSFULLY_RECONCILED, "Successfully reconciled");
      }
    }
    for (ExcludedMember excluded : result.excluded()) {
      if (excluded.failClosed()) {
        // its rules are gone: its status must not point at a load balancer that no longer serves it
        deps.status().write(excluded.ingress(), Optional.empty(), List.of());
      }
    }
    for (MemberNotice notice : result.notices()) {
      deps.events().warning(current(group, notice.ingress()), notice.reason(), notice.message());
    }
    for (Ingress protectedMember : result.deletionProtected()) {
      deps.events()
          .warning(
              protectedMember,
              EventReasons.FAILED_CLEANUP,
              "deletion protection is enabled on its load balancer (alb.ingress.kubernetes.io/load-balancer-attributes"
                  + " deletion_protection.enabled=true): the load balancer is kept; turn it off to delete this Ingress");
    }
    for (Ingress leaving : group.leaving()) {
      if (result.deletionProtected().stream().noneMatch(p -> sameObject(p, leaving))) {
        lastGood.remove(leaving.getMetadata().getUid());
        unknownKeys.forget(leaving);
        Finalizers.remove(deps.kube(), leaving, group.finalizer());
      }
    }
    return deployed.recheckAfter();
  }

  /**
   * Excluded members that were served (their status has the address) but whose last good version
   * this process never saw, e.g. since a restart. Deploying without them would delete their rules.
   */
  private List<Ingress> servedButUnknown(AlbBuildResult result) {
    if (result.excluded().stream().anyMatch(e -> e.failClosed() && served(e.ingress()))) {
      return List.of(); // holding would keep serving a member that asked for what we refuse
    }
    return result.excluded().stream()
        .filter(e -> !e.failClosed())
        .map(ExcludedMember::ingress)
        .filter(i -> !lastGood.containsKey(i.getMetadata().getUid()))
        .filter(IngressGroupReconciler::served)
        .toList();
  }

  private static boolean served(Ingress ingress) {
    return ingress.getStatus() != null
        && ingress.getStatus().getLoadBalancer() != null
        && ingress.getStatus().getLoadBalancer().getIngress() != null
        && !ingress.getStatus().getLoadBalancer().getIngress().isEmpty();
  }

  /** Keeps the group's load balancer as deployed, and says why on every member. */
  private void holdGroup(IngressGroup group, List<Ingress> unknown) {
    String names =
        unknown.stream()
            .map(i -> i.getMetadata().getNamespace() + "/" + i.getMetadata().getName())
            .sorted()
            .toList()
            .toString();
    log.info(
        "not deploying group={}: invalid members {} have no known good version", group.id(), names);
    String message =
        "the load balancer is kept as deployed: Ingress "
            + names
            + " is invalid and its last good version is not known since the controller started;"
            + " fix or delete it to deploy changes";
    group
        .members()
        .forEach(m -> deps.events().warning(m.ingress(), EventReasons.FAILED_BUILD_MODEL, message));
  }

  /**
   * Builds the group; members excluded for bad input that were deployed before are built again from
   * their last good version.
   */
  private AlbBuildResult withLastGoodVersions(IngressGroup group, AlbStackBuilder builder) {
    AlbBuildResult first = builder.build(group, deps.finder().loadBalancer(group.id()));
    var substitutes = new ArrayList<GroupMember>();
    for (ExcludedMember excluded : first.excluded()) {
      if (excluded.failClosed()) {
        lastGood.remove(excluded.ingress().getMetadata().getUid());
        continue;
      }
      Ingress previous = lastGood.get(excluded.ingress().getMetadata().getUid());
      if (previous != null && previous != excluded.ingress()) {
        substitutes.add(new GroupMember(previous, memberParams(group, excluded.ingress())));
      }
    }
    if (substitutes.isEmpty()) {
      return first;
    }
    var members = new ArrayList<GroupMember>();
    for (GroupMember member : group.members()) {
      members.add(
          substitutes.stream()
              .filter(s -> sameObject(s.ingress(), member.ingress()))
              .findFirst()
              .orElse(member));
    }
    for (GroupMember substitute : substitutes) {
      if (members.stream().noneMatch(m -> sameObject(m.ingress(), substitute.ingress()))) {
        members.add(substitute);
      }
    }
    List<ExcludedMember> stillExcluded =
        group.excluded().stream()
            .filter(e -> substitutes.stream().noneMatch(s -> sameObject(s.ingress(), e.ingress())))
            .toList();
    AlbBuildResult second =
        builder.build(
            new IngressGroup(group.id(), members, group.leaving(), stillExcluded),
            deps.finder().loadBalancer(group.id()));
    var excluded = new ArrayList<>(first.excluded());
    return new AlbBuildResult(
        second.stack(),
        second.built().stream()
            .filter(
                m -> first.excluded().stream().noneMatch(e -> sameObject(e.ingress(), m.ingress())))
            .toList(),
        excluded,
        second.deletionProtected(),
        second.deployable(),
        second.notices());
  }

  private static Optional<io.lbc.k8s.IngressClassParams> memberParams(
      IngressGroup group, Ingress ingress) {
    return group.members().stream()
        .filter(m -> sameObject(m.ingress(), ingress))
        .findFirst()
        .flatMap(GroupMember::classParams);
  }

  /** The member's current object (the status is written on it, not on an older version). */
  private static Ingress current(IngressGroup group, Ingress ingress) {
    return group.members().stream()
        .map(GroupMember::ingress)
        .filter(i -> sameObject(i, ingress))
        .findFirst()
        .orElse(ingress);
  }

  private static boolean sameObject(Ingress a, Ingress b) {
    return a.getMetadata().getUid() != null
        && a.getMetadata().getUid().equals(b.getMetadata().getUid());
  }
}
