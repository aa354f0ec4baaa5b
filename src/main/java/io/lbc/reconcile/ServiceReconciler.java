package io.lbc.reconcile;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.lbc.annotations.Surface;
import io.lbc.deploy.DeployResult;
import io.lbc.deploy.RetryLaterException;
import io.lbc.deploy.StackDeployer;
import io.lbc.deploy.StackResourceFinder;
import io.lbc.k8s.EventReasons;
import io.lbc.k8s.EventRecorder;
import io.lbc.metrics.ReconcileStage;
import io.lbc.metrics.ReconcileStages;
import io.lbc.model.Stack;
import io.lbc.model.StackId;
import io.lbc.model.UserInputException;
import io.lbc.service.BackendServices;
import io.lbc.service.ServiceSelector;
import io.lbc.service.ServiceStackBuilder;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Service → NLB: load, ensure the finalizer, build, deploy, write status, record an event. A
 * Service this controller does not serve costs nothing; one that stops qualifying is cleaned up.
 */
@ControllerConfiguration(
    name = ServiceReconciler.NAME,
    triggerReconcilerOnAllEvents = true,
    // annotations configure the NLB and do not bump metadata.generation: see every update
    generationAwareEventProcessing = false)
public final class ServiceReconciler implements Reconciler<Service> {
  public static final String NAME = "service";
  public static final String FINALIZER = "service.k8s.aws/resources";

  /** What the reconciler works with. */
  public record Dependencies(
      KubernetesClient kube,
      ServiceSelector selector,
      ServiceStackBuilder builder,
      StackDeployer deployer,
      StackResourceFinder finder,
      ServiceStatusWriter status,
      EventRecorder events,
      StackCheckpoints checkpoints,
      StackInputs inputs,
      ReconcileStages stages) {}

  private final Dependencies deps;
  private final UnknownKeyWarnings unknownKeys;
  private final ThrottleBackoff throttled = new ThrottleBackoff();

  /**
   * What the controller's cache keeps of a Service: all of one it manages or holds its finalizer
   * on, of any other only what tells it so ({@link ServiceSelector#selectionOnly}); the reconcile
   * of such a Service reads nothing else.
   */
  public static UnaryOperator<Service> cached(ServiceSelector selector) {
    return service ->
        selector.selects(service) || Finalizers.has(service, FINALIZER)
            ? service
            : ServiceSelector.selectionOnly(service);
  }

  public ServiceReconciler(Dependencies deps) {
    this.deps = deps;
    this.unknownKeys = new UnknownKeyWarnings(deps.events());
  }

  @Override
  public UpdateControl<Service> reconcile(Service service, Context<Service> context) {
    return throttled.run(
        service.getMetadata().getNamespace() + "/" + service.getMetadata().getName(),
        () -> reconcileService(service, context));
  }

  private UpdateControl<Service> reconcileService(Service service, Context<Service> context) {
    if (context.isPrimaryResourceDeleted()) {
      return UpdateControl.noUpdate();
    }
    StackId stackId =
        StackId.service(service.getMetadata().getNamespace(), service.getMetadata().getName());
    try {
      if (deps.selector().selects(service)) {
        return converge(
            deps.stages()
                .time(
                    NAME,
                    ReconcileStage.ADD_FINALIZERS,
                    () -> Finalizers.add(deps.kube(), service, FINALIZER)),
            stackId);
      }
      if (Finalizers.has(service, FINALIZER)) {
        return cleanUp(service);
      }
      return UpdateControl.noUpdate();
    } catch (RetryLaterException e) {
      return UpdateControl.<Service>noUpdate().rescheduleAfter(e.after());
    }
  }

  private UpdateControl<Service> converge(Service service, StackId stackId) {
    // a Service's stack is built from the Service alone (and the configuration)
    StackInputs.Digest inputs =
        deps.inputs().digest(List.of("service=" + StackInputs.of(service)), Map.of());
    if (deps.checkpoints()
        .current(List.of(service))
        .filter(c -> c.digest().equals(inputs.digest()))
        .isPresent()) {
      return UpdateControl.noUpdate();
    }
    unknownKeys.check(Surface.SERVICE_ANNOTATION, service);
    Stack stack;
    try {
      stack =
          deps.stages()
              .time(
                  NAME,
                  ReconcileStage.BUILD_MODEL,
                  () ->
                      deps.builder()
                          .build(
                              service,
                              deps.finder().loadBalancer(stackId),
                              BackendServices.from(deps.kube())));
    } catch (UserInputException e) {
      // the Service now reports an error: once it is fixed, the old checkpoint must not skip the
      // reconcile that makes it ready again
      deps.checkpoints().invalidate(List.of(service), inputs.digest());
      return userError(service, EventReasons.FAILED_BUILD_MODEL, e);
    }
    DeployResult result;
    try {
      deps.checkpoints().invalidate(List.of(service), inputs.digest());
      result =
          deps.stages()
              .time(NAME, ReconcileStage.DEPLOY_MODEL, () -> deps.deployer().deploy(stack));
    } catch (UserInputException e) {
      return userError(service, EventReasons.FAILED_DEPLOY_MODEL, e);
    } catch (RetryLaterException e) {
      throw e;
    } catch (RuntimeException e) {
      deps.events()
          .warning(
              service,
              EventReasons.FAILED_DEPLOY_MODEL,
              "failed to deploy the load balancer: " + e.getMessage());
      deps.status()
          .failed(service, EventReasons.FAILED_DEPLOY_MODEL, String.valueOf(e.getMessage()));
      throw e;
    }
    for (String warning : result.nonConverging()) {
      deps.events().warning(service, EventReasons.NON_CONVERGING_WRITE, warning);
    }
    if (deps.stages()
        .time(
            NAME,
            ReconcileStage.UPDATE_STATUS,
            () -> deps.status().ready(service, result.dnsName()))) {
      deps.events()
          .normal(service, EventReasons.SUCCESSFULLY_RECONCILED, "Successfully reconciled");
    }
    if (result.recheckAfter().isEmpty() && result.nonConverging().isEmpty()) {
      deps.checkpoints().save(List.of(service), inputs);
    }
    return result
        .recheckAfter()
        .map(after -> UpdateControl.<Service>noUpdate().rescheduleAfter(after))
        .orElseGet(UpdateControl::noUpdate);
  }

  private UpdateControl<Service> cleanUp(Service service) {
    Stack empty;
    try {
      empty = ServiceStackBuilder.cleanup(service);
    } catch (UserInputException e) {
      return userError(service, EventReasons.FAILED_CLEANUP, e);
    }
    deps.stages()
        .run(NAME, ReconcileStage.CLEANUP_LOAD_BALANCER, () -> deps.deployer().deploy(empty));
    if (service.getMetadata().getDeletionTimestamp() == null) {
      deps.status().clear(service);
    }
    Finalizers.remove(deps.kube(), service, FINALIZER);
    unknownKeys.forget(service);
    deps.checkpoints().forget(service);
    return UpdateControl.noUpdate();
  }

  /** Bad input: say which field, keep AWS as it is, and wait for the user rather than retry hot. */
  private UpdateControl<Service> userError(Service service, String reason, UserInputException e) {
    deps.events().warning(service, reason, e.getMessage());
    deps.status().failed(service, reason, e.getMessage());
    return UpdateControl.noUpdate();
  }
}
