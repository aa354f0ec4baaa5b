package io.lbc.gateway;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.lbc.k8s.InformerPaging;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The GatewayClasses a Gateway controller watches (cluster-wide, they are cluster-scoped): a change
 * of one re-enqueues the Gateways of that class, whose acceptance, configuration and deletion
 * protection it decides. ALB and NLB Gateways alike.
 */
public final class GatewayClassEvents {
  private GatewayClassEvents() {}

  public static InformerEventSource<GatewayClass, Gateway> source(
      EventSourceContext<Gateway> context) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(GatewayClass.class, Gateway.class)
            .withInformerListLimit(InformerPaging.LIST_PAGE_SIZE)
            .withPrimaryToSecondaryMapper(g -> Set.of())
            .withSecondaryToPrimaryMapper(c -> gatewaysOf(c, context))
            .withWatchAllNamespaces()
            .withFollowControllerNamespacesChanges(false)
            .build(),
        context);
  }

  private static Set<ResourceID> gatewaysOf(
      GatewayClass gatewayClass, EventSourceContext<Gateway> context) {
    String name = gatewayClass.getMetadata().getName();
    return context
        .getPrimaryCache()
        .list(g -> g.getSpec() != null && name.equals(g.getSpec().getGatewayClassName()))
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }
}
