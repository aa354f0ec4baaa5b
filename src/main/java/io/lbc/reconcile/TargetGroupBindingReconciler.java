package io.lbc.reconcile;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.elbv2.AssumedRoles;
import io.lbc.aws.elbv2.Elbv2;
import io.lbc.k8s.EventReasons;
import io.lbc.k8s.EventRecorder;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.metrics.ReconcileStage;
import io.lbc.metrics.ReconcileStages;
import io.lbc.model.UserInputException;
import io.lbc.targets.BindingOutcome;
import io.lbc.targets.FabricKubeWrites;
import io.lbc.targets.TargetGroupBindingEngine;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keeps each TargetGroupBinding's target group registered with its Service's endpoints: load →
 * (JOSDK adds the finalizer) → engine → status → events. Reconciles are driven by Service,
 * EndpointSlice, Pod and Node events, not by a polling period.
 */
@ControllerConfiguration(
    name = TargetGroupBindingReconciler.NAME,
    finalizerName = TargetGroupBinding.FINALIZER,
    // A safety net only: events drive reconciles, and an unchanged binding costs no AWS call
    // until its checkpoint is an hour old.
    maxReconciliationInterval = @MaxReconciliationInterval(interval = 1, timeUnit = TimeUnit.HOURS))
// Failures other than user errors (AWS throttling, apiserver hiccups) are retried for as long as
// they last: ControllerRuntime sets RetryForever, capped by
// --targetgroupbinding-max-exponential-backoff-delay.
public class TargetGroupBindingReconciler
    implements Reconciler<TargetGroupBinding>, Cleaner<TargetGroupBinding> {
  public static final String NAME = "targetGroupBinding";
  static final Duration USER_ERROR_RETRY = Duration.ofMinutes(5);
  static final Duration CLEANUP_RETRY = Duration.ofSeconds(30);

  private final TargetGroupBindingSources sources;
  private final TargetGroupBindingStatuses statuses;
  private final TargetGroupBindingEngine engine;
  private final EventRecorder events;
  private final ReconcileStages stages;
  private final ThrottleBackoff throttled = new ThrottleBackoff();

  public TargetGroupBindingReconciler(
      TargetGroupBindingEngine.Settings settings,
      Elbv2 elbv2,
      Ec2 ec2,
      KubernetesClient kube,
      MeterRegistry registry) {
    this(settings, elbv2, ec2, kube, registry, AssumedRoles.none(), ReconcileStages.off());
  }

  /**
   * @param roles ELBv2 as the role a cross-account binding names
   * @param stages times the reconcile of each binding and counts its failures
   */
  public TargetGroupBindingReconciler(
      TargetGroupBindingEngine.Settings settings,
      Elbv2 elbv2,
      Ec2 ec2,
      KubernetesClient kube,
      MeterRegistry registry,
      AssumedRoles roles,
      ReconcileStages stages) {
    this.sources = new TargetGroupBindingSources(settings.discovery().endpointSlices());
    this.stages = stages;
    this.statuses = new TargetGroupBindingStatuses(kube, Clock.systemUTC());
    this.events = new EventRecorder(kube);
    this.engine =
        new TargetGroupBindingEngine(
            settings,
            new TargetGroupBindingEngine.Dependencies(
                elbv2,
                ec2,
                sources,
                new FabricKubeWrites(kube),
                registry,
                Clock.systemUTC(),
                roles));
  }

  @Override
  public List<EventSource<?, TargetGroupBinding>> prepareEventSources(
      EventSourceContext<TargetGroupBinding> context) {
    return sources.create(context);
  }

  @Override
  public UpdateControl<TargetGroupBinding> reconcile(
      TargetGroupBinding binding, Context<TargetGroupBinding> context) {
    return throttled.run(
        binding.getMetadata().getNamespace() + "/" + binding.getMetadata().getName(),
        () -> reconcileBinding(binding));
  }

  private UpdateControl<TargetGroupBinding> reconcileBinding(TargetGroupBinding binding) {
    BindingOutcome outcome;
    try {
      outcome =
          stages.time(
              NAME, ReconcileStage.RECONCILE_TARGETGROUPBINDING, () -> engine.reconcile(binding));
    } catch (UserInputException e) {
      events.warning(binding, EventReasons.FAILED_RECONCILE, e.getMessage());
      return status(binding, false, EventReasons.FAILED_RECONCILE, e.getMessage())
          .rescheduleAfter(USER_ERROR_RETRY);
    }
    outcome.warnings().forEach(w -> events.warning(binding, w.reason(), w.message()));
    outcome
        .changes()
        .ifPresent(c -> events.normal(binding, EventReasons.SUCCESSFULLY_RECONCILED, c));
    UpdateControl<TargetGroupBinding> control =
        outcome.skipped() && TargetGroupBindingStatuses.isReady(binding)
            ? UpdateControl.noUpdate()
            : status(binding, outcome.ready(), outcome.reason(), outcome.message());
    outcome.requeueAfter().ifPresent(control::rescheduleAfter);
    return control;
  }

  @Override
  public ErrorStatusUpdateControl<TargetGroupBinding> updateErrorStatus(
      TargetGroupBinding binding, Context<TargetGroupBinding> context, Exception e) {
    events.warning(binding, EventReasons.FAILED_RECONCILE, e.getMessage());
    return statuses.apply(binding, false, EventReasons.FAILED_RECONCILE, e.getMessage())
        ? ErrorStatusUpdateControl.patchStatus(TargetGroupBindingStatuses.statusOnly(binding))
        : ErrorStatusUpdateControl.noStatusUpdate();
  }

  @Override
  public DeleteControl cleanup(TargetGroupBinding binding, Context<TargetGroupBinding> context) {
    try {
      engine.cleanup(binding);
      return DeleteControl.defaultDelete();
    } catch (RuntimeException e) {
      events.warning(binding, EventReasons.FAILED_CLEANUP, e.getMessage());
      try {
        statuses.patchNow(binding, EventReasons.FAILED_CLEANUP, e.getMessage());
      } catch (KubernetesClientException statusFailure) {
        events.warning(binding, EventReasons.FAILED_UPDATE_STATUS, statusFailure.getMessage());
      }
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(CLEANUP_RETRY);
    }
  }

  private UpdateControl<TargetGroupBinding> status(
      TargetGroupBinding binding, boolean ready, String reason, String message) {
    return statuses.apply(binding, ready, reason, message)
        ? UpdateControl.patchStatus(TargetGroupBindingStatuses.statusOnly(binding))
        : UpdateControl.noUpdate();
  }
}
