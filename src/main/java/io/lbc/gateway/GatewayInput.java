package io.lbc.gateway;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import io.lbc.k8s.cache.SlimService;
import io.lbc.k8s.gateway.ListenerRuleConfiguration;
import io.lbc.k8s.gateway.ListenerSet;
import io.lbc.k8s.gateway.LoadBalancerConfigurationSpec;
import io.lbc.k8s.gateway.TargetGroupConfiguration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one Gateway's build reads, loaded before building: the Gateway, its merged
 * LoadBalancerConfiguration, the routes of the controller's kinds (all of them; attachment picks
 * those naming this Gateway), and the objects backends, attachment and ExtensionRef filters refer
 * to, and the ListenerSets (all of them, none when the GatewayListenerSet gate is off or the CRD is
 * not served; the handshake picks those naming this Gateway).
 */
public record GatewayInput(
    Gateway gateway,
    GatewayFlavor flavor,
    Optional<LoadBalancerConfigurationSpec> configuration,
    List<RouteView> routes,
    List<SlimService> services,
    List<ReferenceGrant> referenceGrants,
    List<TargetGroupConfiguration> targetGroupConfigurations,
    List<Namespace> namespaces,
    List<ListenerRuleConfiguration> listenerRuleConfigurations,
    List<Secret> oidcSecrets,
    List<ListenerSet> listenerSets) {

  /** An input without ListenerRuleConfigurations. */
  public GatewayInput(
      Gateway gateway,
      GatewayFlavor flavor,
      Optional<LoadBalancerConfigurationSpec> configuration,
      List<RouteView> routes,
      List<SlimService> services,
      List<ReferenceGrant> referenceGrants,
      List<TargetGroupConfiguration> targetGroupConfigurations,
      List<Namespace> namespaces) {
    this(
        gateway,
        flavor,
        configuration,
        routes,
        services,
        referenceGrants,
        targetGroupConfigurations,
        namespaces,
        List.of(),
        List.of(),
        List.of());
  }

  public String namespace() {
    return gateway.getMetadata().getNamespace();
  }

  public String name() {
    return gateway.getMetadata().getName();
  }

  public Optional<SlimService> service(String namespace, String name) {
    return services.stream()
        .filter(s -> namespace.equals(s.meta().namespace()) && name.equals(s.meta().name()))
        .findFirst();
  }

  public Map<String, String> namespaceLabels(String name) {
    return namespaces.stream()
        .filter(n -> name.equals(n.getMetadata().getName()))
        .findFirst()
        .map(
            n ->
                n.getMetadata().getLabels() == null
                    ? Map.<String, String>of()
                    : n.getMetadata().getLabels())
        .orElse(Map.of());
  }

  /** An OIDC Secret a ListenerRuleConfiguration names, as read (label-checked). */
  public Optional<Secret> oidcSecret(String namespace, String name) {
    return oidcSecrets.stream()
        .filter(
            s ->
                namespace.equals(s.getMetadata().getNamespace())
                    && name.equals(s.getMetadata().getName()))
        .findFirst();
  }

  /** The configuration, or an empty one. */
  public LoadBalancerConfigurationSpec config() {
    return configuration.orElseGet(LoadBalancerConfigurationSpec::new);
  }
}
