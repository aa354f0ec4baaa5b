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
import io.lbc.k8s.ClusterView;
import io.lbc.k8s.EventReasons;
import io.lbc.k8s.EventRecorder;
import io.lbc.metrics.ReconcileStage;
import io.lbc.metrics.ReconcileStages;
import io.lbc.model.UserInputException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One IngressGroup, end to end: finalizers on its members, build, deploy, status, events, and the
 * finalizers of members that left. A member with bad input is left out and told why; if it was
 * deployed before, its last good version (recorded on it by {@link LastGoodVersions}, so it
 * survives restarts) stays deployed, so a typo loses no traffic (the reference fails the whole
 * group instead). A served member whose last good version is not known holds the group as deployed
 * until it is fixed or deleted, unless another member is leaving: a deletion always completes. A
 * member left out for a key this controller refuses fails closed: its rules go.
 */
public final class IngressGroupReconciler {
  private static final Logger log = LoggerFactory.getLogger(IngressGroupReconciler.class);

  /** What it works with. */
  /**
   * @param planAnnotation the {@code IngressPlanAnnotation} gate: write the built stack to the
   *     first member's {@code dry-run-plan} annotation before each deploy
   */
  public record Dependencies(
      KubernetesClient kube,
      StackDeployer deployer,
      StackResourceFinder finder,
      IngressStatusWriter status,
      EventRecorder events,
      StackCheckpoints checkpoints,
      StackInputs inputs,
      boolean planAnnotation,
      ReconcileStages stages) {}

  /**
   * @param recheckAfter when to reconcile the group again to retry a write held back by its
   *     backoff, if ever
   * @param settled whether AWS now matches the group's inputs (deployed with nothing held back)
   */
  public record Result(Optional<Duration> recheckAfter, boolean settled) {
    static final Result UNSETTLED = new Result(Optional.empty(), false);
    static final Result UNCHANGED = new Result(Optional.empty(), true);
  }

  private final Dependencies deps;
  private final UnknownKeyWarnings unknownKeys;
  private final LastGoodVersions lastGood;
  private final LastGoodBuild builds;
  private final GroupCheckpoint checkpoint;
  private final DryRunPlanAnnotation plans;

  public IngressGroupReconciler(Dependencies deps) {
    this.deps = deps;
    this.unknownKeys = new UnknownKeyWarnings(deps.events());
    this.lastGood = new LastGoodVersions(deps.kube());
    this.builds = new LastGoodBuild(lastGood, deps.finder());
    this.checkpoint = new GroupCheckpoint(deps.checkpoints(), deps.inputs(), lastGood);
    this.plans = new DryRunPlanAnnotation(deps.kube(), deps.planAnnotation());
  }

  /**
   * @param view the cluster as the build sees it
   * @param builders the stack builder over a view
   */
  public Result reconcile(
      IngressGroup group, ClusterView view, Function<ClusterView, AlbStackBuilder> builders) {
    if (checkpoint.unchanged(group, view)) {
      return Result.UNCHANGED;
    }
    stage(ReconcileStage.ADD_GROUP_FINALIZER, () -> addFinalizers(group));
    var recording = new RecordingClusterView(view);
    Optional<LastGoodBuild.Outcome> outcome = build(group, builders.apply(recording));
    if (outcome.isEmpty() || !deployable(group, outcome.get())) {
      return Result.UNSETTLED;
    }
    AlbBuildResult result = outcome.get().result();
    checkpoint.beforeDeploy(group, recording.reads());
    plans.update(group.members().stream().map(GroupMember::ingress).toList(), result.stack());
    Optional<DeployResult> deployed = deploy(result);
    if (deployed.isEmpty()) {
      return Result.UNSETTLED;
    }
    stage(
        ReconcileStage.DNS_RESOLVE_AND_UPDATE_STATUS,
        () -> recordDeployed(group, result, deployed.get()));
    tellMembers(group, result);
    if (!group.leaving().isEmpty()) {
      stage(ReconcileStage.REMOVE_GROUP_FINALIZER, () -> releaseLeaving(group, result));
    }
    boolean settled =
        deployed.get().recheckAfter().isEmpty() && deployed.get().nonConverging().isEmpty();
    if (settled && group.leaving().isEmpty()) {
      checkpoint.settled(group, recording.reads());
    }
    return new Result(deployed.get().recheckAfter(), settled);
  }

  private void addFinalizers(IngressGroup group) {
    for (GroupMember member : group.members()) {
      Finalizers.add(deps.kube(), member.ingress(), group.finalizer());
      unknownKeys.check(Surface.INGRESS_ANNOTATION, member.ingress());
    }
  }

  /** Builds with last good versions; a group that cannot be built at all tells every member. */
  private Optional<LastGoodBuild.Outcome> build(IngressGroup group, AlbStackBuilder builder) {
    try {
      LastGoodBuild.Outcome outcome =
          deps.stages()
              .time(
                  IngressReconciler.NAME,
                  ReconcileStage.BUILD_MODEL,
                  () -> builds.build(group, builder));
      if (!outcome.result().excluded().isEmpty()) {
        // the reference fails the whole build on a bad member; here it is left out, still an error
        deps.stages().failed(IngressReconciler.NAME, ReconcileStage.BUILD_MODEL.errorCategory());
      }
      for (ExcludedMember excluded : outcome.result().excluded()) {
        warn(excluded.ingress(), EventReasons.FAILED_BUILD_MODEL, excluded.error().getMessage());
      }
      return Optional.of(outcome);
    } catch (UserInputException e) {
      warnAll(group.members(), EventReasons.FAILED_BUILD_MODEL, e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * False when nothing built, or when deploying would drop the rules of a served member whose last
   * good version is unknown and no deletion waits on the deploy.
   */
  private boolean deployable(IngressGroup group, LastGoodBuild.Outcome outcome) {
    if (!outcome.result().deployable()) {
      log.info("not deploying group={}: no member built", group.id());
      return false;
    }
    if (outcome.unknown().isEmpty()) {
      return true;
    }
    String names = outcome.unknown().stream().map(LastGoodBuild::key).sorted().toList().toString();
    if (!group.leaving().isEmpty()) {
      String message =
          "the rules of invalid Ingress "
              + names
              + " are removed: its last good version is not known and another member of the"
              + " group is being deleted, which must complete; fix it to serve it again";
      outcome.unknown().forEach(i -> warn(i, EventReasons.FAILED_BUILD_MODEL, message));
      return true;
    }
    log.info(
        "not deploying group={}: invalid members {} have no known good version", group.id(), names);
    warnAll(
        group.members(),
        EventReasons.FAILED_BUILD_MODEL,
        "the load balancer is kept as deployed: Ingress "
            + names
            + " is invalid and its last good version is not known; fix or delete it to deploy"
            + " changes");
    return false;
  }

  /** Empty when the stack was refused as the user wrote it (told to every built member). */
  private Optional<DeployResult> deploy(AlbBuildResult result) {
    try {
      return Optional.of(
          deps.stages()
              .time(
                  IngressReconciler.NAME,
                  ReconcileStage.DEPLOY_MODEL,
                  () -> deps.deployer().deploy(result.stack())));
    } catch (UserInputException e) {
      warnAll(result.built(), EventReasons.FAILED_DEPLOY_MODEL, e.getMessage());
      return Optional.empty();
    } catch (RuntimeException e) {
      warnAll(
          result.built(),
          EventReasons.FAILED_DEPLOY_MODEL,
          "failed to deploy the load balancer: " + e.getMessage());
      throw e;
    }
  }

  /** Status and last good version of every built member; fail-closed members lose their status. */
  private void recordDeployed(IngressGroup group, AlbBuildResult result, DeployResult deployed) {
    for (GroupMember member : result.built()) {
      deployed
          .nonConverging()
          .forEach(w -> warn(member.ingress(), EventReasons.NON_CONVERGING_WRITE, w));
      Ingress current = current(group, member.ingress());
      if (deps.status()
          .write(
              current, deployed.dnsName(), deployed.frontendNlbDnsName(), result.listenerPorts())) {
        deps.events()
            .normal(current, EventReasons.SUCCESSFULLY_RECONCILED, "Successfully reconciled");
      }
      lastGood.remember(group.id(), current);
    }
    for (ExcludedMember excluded : result.excluded()) {
      if (excluded.failClosed()) {
        // its rules are gone: its status must not point at a load balancer that no longer serves it
        deps.status().write(excluded.ingress(), Optional.empty(), List.of());
      }
    }
  }

  private void tellMembers(IngressGroup group, AlbBuildResult result) {
    for (MemberNotice notice : result.notices()) {
      warn(current(group, notice.ingress()), notice.reason(), notice.message());
    }
    for (Ingress protectedMember : result.deletionProtected()) {
      warn(
          protectedMember,
          EventReasons.FAILED_CLEANUP,
          "deletion protection is enabled on its load balancer (alb.ingress.kubernetes.io/load-balancer-attributes"
              + " deletion_protection.enabled=true): the load balancer is kept; turn it off to delete this Ingress");
    }
  }

  /** Members that left are let go once the stack without them is deployed. */
  private void releaseLeaving(IngressGroup group, AlbBuildResult result) {
    for (Ingress leaving : group.leaving()) {
      if (result.deletionProtected().stream().noneMatch(p -> LastGoodBuild.same(p, leaving))) {
        lastGood.release(leaving);
        checkpoint.forget(leaving);
        unknownKeys.forget(leaving);
        Finalizers.remove(deps.kube(), leaving, group.finalizer());
      }
    }
  }

  private void stage(ReconcileStage stage, Runnable work) {
    deps.stages().run(IngressReconciler.NAME, stage, work);
  }

  private void warn(Ingress ingress, String reason, String message) {
    deps.events().warning(ingress, reason, message);
  }

  private void warnAll(List<GroupMember> members, String reason, String message) {
    members.forEach(m -> warn(m.ingress(), reason, message));
  }

  /** The member's current object (the status is written on it, not on an older version). */
  private static Ingress current(IngressGroup group, Ingress ingress) {
    return group.members().stream()
        .map(GroupMember::ingress)
        .filter(i -> LastGoodBuild.same(i, ingress))
        .findFirst()
        .orElse(ingress);
  }
}
