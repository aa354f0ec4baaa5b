package io.lbc.reconcile;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.lbc.config.ClusterContext;
import io.lbc.deploy.RetryLaterException;
import io.lbc.ingress.AlbStackBuilder;
import io.lbc.ingress.IngressGroup;
import io.lbc.ingress.IngressGroupLoader;
import io.lbc.k8s.EventReasons;
import io.lbc.k8s.EventRecorder;
import io.lbc.metrics.ReconcileStage;
import io.lbc.metrics.ReconcileStages;
import io.lbc.model.StackId;
import io.lbc.model.UserInputException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Ingress → ALB. An event on any Ingress reconciles the IngressGroups it belongs to or still holds
 * a finalizer of; each group is deployed as one unit, one deploy at a time, and deploys requested
 * while one runs are coalesced into the next.
 */
@ControllerConfiguration(
    name = IngressReconciler.NAME,
    triggerReconcilerOnAllEvents = true,
    // An Ingress is configured by its annotations, which do not bump metadata.generation: every
    // update must be seen (StatusOnlyChange drops the status-only ones).
    generationAwareEventProcessing = false)
public final class IngressReconciler implements Reconciler<Ingress> {
  public static final String NAME = "ingress";
  private final ClusterContext cluster;
  private final AlbStackBuilder.Readers readers;
  private final IngressGroupReconciler groups;
  private final EventRecorder events;
  private final ReconcileStages stages;
  private final IngressSources sources = new IngressSources();
  private final KeyedSerializer<String> serializer = new KeyedSerializer<>();
  private final ThrottleBackoff throttled = new ThrottleBackoff();
  private OidcSecretSource<Ingress> secrets;

  public IngressReconciler(
      ClusterContext cluster,
      AlbStackBuilder.Readers readers,
      IngressGroupReconciler groups,
      EventRecorder events,
      ReconcileStages stages) {
    this.cluster = cluster;
    this.readers = readers;
    this.groups = groups;
    this.events = events;
    this.stages = stages;
  }

  @Override
  public List<EventSource<?, Ingress>> prepareEventSources(EventSourceContext<Ingress> context) {
    secrets =
        new OidcSecretSource<>(context.getClient(), cluster.config().kube().requiredSecretsLabel());
    var all = new ArrayList<EventSource<?, Ingress>>(sources.create(context));
    all.add(secrets);
    return all;
  }

  @Override
  public UpdateControl<Ingress> reconcile(Ingress ingress, Context<Ingress> context) {
    return throttled.run(
        ingress.getMetadata().getNamespace() + "/" + ingress.getMetadata().getName(),
        () -> reconcileGroups(ingress, context));
  }

  private UpdateControl<Ingress> reconcileGroups(Ingress ingress, Context<Ingress> context) {
    var view = new InformerClusterView(context.getPrimaryCache(), sources, secrets::get);
    var loader = new IngressGroupLoader(view, cluster.config());
    Set<StackId> touched = new LinkedHashSet<>(IngressGroupLoader.groupsOfFinalizers(ingress));
    if (!context.isPrimaryResourceDeleted()) {
      try {
        loader.groupOf(ingress).ifPresent(touched::add);
      } catch (UserInputException e) {
        events.warning(ingress, EventReasons.FAILED_LOAD_GROUP_ID, e.getMessage());
      }
    }
    Optional<Duration> recheck = Optional.empty();
    try {
      for (StackId group : touched) {
        Optional<Duration> after =
            serializer.run(
                group.value(),
                () ->
                    reconcileGroup(
                        stages.time(NAME, ReconcileStage.FETCH_INGRESS, () -> loader.load(group)),
                        context));
        if (after != null && after.isPresent()) {
          recheck = recheck.filter(r -> r.compareTo(after.get()) <= 0).or(() -> after);
        }
      }
    } catch (RetryLaterException e) {
      return UpdateControl.<Ingress>noUpdate().rescheduleAfter(e.after());
    }
    return recheck
        .map(after -> UpdateControl.<Ingress>noUpdate().rescheduleAfter(after))
        .orElseGet(UpdateControl::noUpdate);
  }

  /**
   * Builds and deploys one group; the Secrets its build read are watched from then on.
   *
   * @return when to look again, if the group asks for it
   */
  private Optional<Duration> reconcileGroup(IngressGroup group, Context<Ingress> context) {
    var read = new HashSet<OidcSecretSource.SecretKey>();
    var view =
        new InformerClusterView(
            context.getPrimaryCache(),
            sources,
            key -> {
              read.add(key);
              return secrets.get(key);
            });
    try {
      return groups
          .reconcile(group, view, v -> new AlbStackBuilder(cluster, v, readers))
          .recheckAfter();
    } finally {
      secrets.retain(group.id().value(), memberIds(group), read);
    }
  }

  private static Set<ResourceID> memberIds(IngressGroup group) {
    var ids = new HashSet<ResourceID>();
    group.members().forEach(m -> ids.add(ResourceID.fromResource(m.ingress())));
    group.leaving().forEach(i -> ids.add(ResourceID.fromResource(i)));
    group.excluded().forEach(e -> ids.add(ResourceID.fromResource(e.ingress())));
    return ids;
  }
}
