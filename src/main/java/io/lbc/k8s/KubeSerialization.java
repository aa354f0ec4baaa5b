package io.lbc.k8s;

import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.cfg.HandlerInstantiator;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.jsontype.TypeIdResolver;
import com.fasterxml.jackson.databind.jsontype.TypeResolverBuilder;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.internal.KubernetesDeserializer;
import io.lbc.k8s.gateway.ListenerRuleConfiguration;
import io.lbc.k8s.gateway.ListenerSet;
import io.lbc.k8s.gateway.LoadBalancerConfiguration;
import io.lbc.k8s.gateway.TCPRoute;
import io.lbc.k8s.gateway.TLSRoute;
import io.lbc.k8s.gateway.TargetGroupConfiguration;
import io.lbc.k8s.gateway.UDPRoute;
import java.util.List;

/**
 * The controller's JSON mapping of Kubernetes objects, without fabric8's class-path scan.
 *
 * <p>fabric8's default serialization, the first time it reads a field typed {@code
 * KubernetesResource} (the object of every watch event, of an admission request), loads and
 * instantiates every kind that every model jar on the class path lists for the {@code
 * ServiceLoader}: 322 kinds, ~600 classes and ~5 MiB of metaspace, 0.3–1.4 s at start-up (measured
 * with {@code -Xlog:class+load}). Here only the kinds the controller reads are registered; an
 * object of any other kind is read as a {@code GenericKubernetesResource}, which fabric8's watch
 * converts to the watched type (as it already did for this controller's own CRDs), so what the
 * controllers receive is the same. {@code plan}, which reads manifests of any kind, keeps fabric8's
 * full mapping.
 */
public final class KubeSerialization {
  /** The kinds the controllers watch, read or receive in admission requests. */
  static final List<Class<? extends KubernetesResource>> KINDS =
      List.of(
          // a watch's ERROR event carries a Status: fabric8 must read it as one to re-list
          Status.class,
          Pod.class,
          Node.class,
          Service.class,
          Endpoints.class,
          EndpointSlice.class,
          Secret.class,
          ConfigMap.class,
          Namespace.class,
          Event.class,
          Lease.class,
          Ingress.class,
          IngressClass.class,
          IngressClassParams.class,
          TargetGroupBinding.class,
          AlbTargetControlConfig.class,
          Gateway.class,
          GatewayClass.class,
          HTTPRoute.class,
          GRPCRoute.class,
          TCPRoute.class,
          TLSRoute.class,
          UDPRoute.class,
          ReferenceGrant.class,
          ListenerSet.class,
          LoadBalancerConfiguration.class,
          TargetGroupConfiguration.class,
          ListenerRuleConfiguration.class);

  private KubeSerialization() {}

  /** A serialization of fabric8's settings with {@link #KINDS} registered and no scan. */
  public static KubernetesSerialization create() {
    var serialization = new KubernetesSerialization(new ObjectMapper(), false);
    KINDS.forEach(serialization::registerKubernetesResource);
    return serialization;
  }

  /**
   * For a plain Jackson mapper that reads fabric8 model objects (the admission webhooks): a field
   * typed {@code KubernetesResource} is read without the scan, as a {@code
   * GenericKubernetesResource} (callers convert it to the type they expect).
   */
  public static HandlerInstantiator withoutScan() {
    return new HandlerInstantiator() {
      @Override
      public JsonDeserializer<?> deserializerInstance(
          DeserializationConfig config, Annotated annotated, Class<?> deserClass) {
        return deserClass == KubernetesDeserializer.class
            ? new KubernetesDeserializer(false)
            : null;
      }

      @Override
      public KeyDeserializer keyDeserializerInstance(
          DeserializationConfig config, Annotated annotated, Class<?> keyDeserClass) {
        return null;
      }

      @Override
      public com.fasterxml.jackson.databind.JsonSerializer<?> serializerInstance(
          SerializationConfig config, Annotated annotated, Class<?> serClass) {
        return null;
      }

      @Override
      public TypeResolverBuilder<?> typeResolverBuilderInstance(
          MapperConfig<?> config, Annotated annotated, Class<?> builderClass) {
        return null;
      }

      @Override
      public TypeIdResolver typeIdResolverInstance(
          MapperConfig<?> config, Annotated annotated, Class<?> resolverClass) {
        return null;
      }
    };
  }
}
