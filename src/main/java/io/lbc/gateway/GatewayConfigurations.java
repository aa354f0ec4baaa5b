package io.lbc.gateway;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalParametersReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParametersReference;
import io.lbc.k8s.gateway.LoadBalancerConfiguration;
import io.lbc.k8s.gateway.LoadBalancerConfigurationSpec;
import io.lbc.model.UserInputException;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The LoadBalancerConfiguration of an ALB Gateway: the one its class's {@code parametersRef} names
 * merged with the one of its {@code spec.infrastructure.parametersRef}. The reconciler looks them
 * up in its informers, {@code plan} in the manifests.
 */
public final class GatewayConfigurations {
  private GatewayConfigurations() {}

  /**
   * @param lookUp finds a LoadBalancerConfiguration by namespace and name
   * @throws UserInputException when a reference names another kind or a missing object
   */
  public static Optional<LoadBalancerConfigurationSpec> of(
      Gateway gateway,
      GatewayClass gatewayClass,
      BiFunction<String, String, Optional<LoadBalancerConfiguration>> lookUp) {
    Optional<LoadBalancerConfigurationSpec> classLevel = Optional.empty();
    ParametersReference classRef =
        gatewayClass.getSpec() == null ? null : gatewayClass.getSpec().getParametersRef();
    if (classRef != null) {
      classLevel =
          Optional.of(
              find(
                  lookUp,
                  classRef.getNamespace(),
                  classRef.getName(),
                  "GatewayClass parametersRef"));
    }
    Optional<LoadBalancerConfigurationSpec> gatewayLevel = Optional.empty();
    var infrastructure = gateway.getSpec().getInfrastructure();
    LocalParametersReference ref =
        infrastructure == null ? null : infrastructure.getParametersRef();
    if (ref != null) {
      if (!"LoadBalancerConfiguration".equals(ref.getKind())) {
        throw new UserInputException(
            "spec.infrastructure.parametersRef",
            "names a " + ref.getKind() + "; only LoadBalancerConfiguration is supported");
      }
      gatewayLevel =
          Optional.of(
              find(
                  lookUp,
                  gateway.getMetadata().getNamespace(),
                  ref.getName(),
                  "spec.infrastructure.parametersRef"));
    }
    return LoadBalancerConfigMerge.merge(classLevel, gatewayLevel);
  }

  /**
   * The configuration of a Gateway whose AWS resources are being deleted, as far as it can still be
   * read: it decides whether deletion protection keeps them (gateway-spec §5 "Deletion"). A
   * configuration that no longer exists (deleted with its namespace, say) contributes nothing, nor
   * does a class that is not ours (any more): its {@code parametersRef} is not ours to read. A
   * reference to another kind was never built from, so there is no configuration at all.
   *
   * @param ourClass the Gateway's class while it is ours
   */
  public static Optional<LoadBalancerConfigurationSpec> forDeletion(
      Gateway gateway,
      Optional<GatewayClass> ourClass,
      BiFunction<String, String, Optional<LoadBalancerConfiguration>> lookUp) {
    BiFunction<String, String, Optional<LoadBalancerConfiguration>> gone =
        (namespace, name) ->
            Optional.of(lookUp.apply(namespace, name).orElseGet(LoadBalancerConfiguration::new));
    try {
      return of(gateway, ourClass.orElseGet(GatewayClass::new), gone);
    } catch (UserInputException e) {
      return Optional.empty();
    }
  }

  private static LoadBalancerConfigurationSpec find(
      BiFunction<String, String, Optional<LoadBalancerConfiguration>> lookUp,
      String namespace,
      String name,
      String field) {
    return lookUp
        .apply(namespace, name)
        .map(c -> c.getSpec() == null ? new LoadBalancerConfigurationSpec() : c.getSpec())
        .orElseThrow(
            () ->
                new UserInputException(
                    field, "LoadBalancerConfiguration " + namespace + "/" + name + " not found"));
  }
}
