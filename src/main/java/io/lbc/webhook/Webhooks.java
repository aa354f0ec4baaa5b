package io.lbc.webhook;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.aws.elbv2.AssumedRoles;
import io.lbc.aws.elbv2.Elbv2;
import io.lbc.config.ControllerConfig;
import io.lbc.config.FeatureGate;
import io.lbc.webhook.core.AlbTargetControlAgentMutator;
import io.lbc.webhook.core.ConfigMapWorkerIds;
import io.lbc.webhook.core.PodReadinessGateMutator;
import io.lbc.webhook.core.QuicServerIdGenerator;
import io.lbc.webhook.core.QuicServerIdMutator;
import io.lbc.webhook.core.ServiceMutator;
import io.lbc.webhook.elbv2.IngressClassParamsValidator;
import io.lbc.webhook.elbv2.TargetGroupBindingMutator;
import io.lbc.webhook.elbv2.TargetGroupBindingValidator;
import io.lbc.webhook.elbv2.TargetGroupCache;
import io.lbc.webhook.networking.IngressValidator;
import io.lbc.webhook.networking.LegacyAnnotationBans;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The admission webhooks of the controller, running: the HTTPS server, its seven handlers (nine
 * under the gate {@code ALBTargetControlAgent}) and the informer caches they read. Runs on every
 * replica, leader or not.
 */
public final class Webhooks implements AutoCloseable {
  /**
   * What the handlers need to know about the controller.
   *
   * @param ingressClass {@code --ingress-class}
   * @param loadBalancerClass {@code --load-balancer-class}
   * @param clusterVpcId a binding's vpcID may be set on update only to this
   * @param featureGates whether a gate is on (some refused keys are read only under a gate)
   * @param quicServerIdVariable {@code --quic-environment-variable-name}
   */
  public record Settings(
      String ingressClass,
      String loadBalancerClass,
      String clusterVpcId,
      boolean podReadinessGateInject,
      boolean serviceMutator,
      LegacyAnnotationBans ingressAnnotationBans,
      Predicate<FeatureGate> featureGates,
      String quicServerIdVariable) {

    public Settings(
        String ingressClass,
        String loadBalancerClass,
        String clusterVpcId,
        boolean podReadinessGateInject,
        boolean serviceMutator,
        LegacyAnnotationBans ingressAnnotationBans,
        Predicate<FeatureGate> featureGates) {
      this(
          ingressClass,
          loadBalancerClass,
          clusterVpcId,
          podReadinessGateInject,
          serviceMutator,
          ingressAnnotationBans,
          featureGates,
          "AWS_LBC_QUIC_SERVER_ID");
    }

    public Settings(
        String ingressClass,
        String loadBalancerClass,
        String clusterVpcId,
        boolean podReadinessGateInject,
        boolean serviceMutator,
        LegacyAnnotationBans ingressAnnotationBans) {
      this(
          ingressClass,
          loadBalancerClass,
          clusterVpcId,
          podReadinessGateInject,
          serviceMutator,
          ingressAnnotationBans,
          FeatureGate::enabledByDefault);
    }

    public Settings(
        String ingressClass,
        String loadBalancerClass,
        String clusterVpcId,
        boolean podReadinessGateInject,
        boolean serviceMutator) {
      this(
          ingressClass,
          loadBalancerClass,
          clusterVpcId,
          podReadinessGateInject,
          serviceMutator,
          LegacyAnnotationBans.NONE,
          FeatureGate::enabledByDefault);
    }

    public static Settings of(ControllerConfig config, String clusterVpcId) {
      var webhooks = config.webhooks();
      return new Settings(
          config.kube().ingressClass(),
          config.kube().loadBalancerClass(),
          clusterVpcId,
          webhooks.podReadinessGateInject(),
          webhooks.serviceMutator(),
          new LegacyAnnotationBans(
              webhooks.ingressClassAnnotationDisabled(),
              webhooks.ingressGroupNameAnnotationDisabled()),
          config.featureGates()::enabled,
          config.targets().quicServerIdVariable());
    }
  }

  private final KubeLookups lookups;
  private final WebhookServer server;

  private Webhooks(KubeLookups lookups, WebhookServer server) {
    this.lookups = lookups;
    this.server = server;
  }

  /**
   * The seven handlers, on the reference controller's paths, and under the gate {@code
   * ALBTargetControlAgent} the two that inject the ALB target control agent.
   *
   * @param quicServerIds a new QUIC server ID per call
   */
  public static List<AdmissionHandler> handlers(
      Settings settings,
      BindingLookups bindings,
      IngressClassLookups ingressClasses,
      AlbTargetControlLookups agentConfigs,
      TargetGroupCache targetGroups,
      Supplier<String> quicServerIds) {
    var handlers = new ArrayList<AdmissionHandler>();
    if (settings.featureGates().test(FeatureGate.ALB_TARGET_CONTROL_AGENT)) {
      handlers.addAll(AlbTargetControlAgentMutator.both(agentConfigs));
    }
    handlers.addAll(
        List.of(
            new TargetGroupBindingMutator(targetGroups),
            new TargetGroupBindingValidator(bindings, targetGroups, settings.clusterVpcId()),
            new IngressValidator(
                ingressClasses,
                settings.ingressClass(),
                settings.ingressAnnotationBans(),
                settings.featureGates()),
            new IngressClassParamsValidator(),
            new ServiceMutator(settings.loadBalancerClass(), settings.serviceMutator()),
            new PodReadinessGateMutator(bindings, settings.podReadinessGateInject()),
            new QuicServerIdMutator(settings.quicServerIdVariable(), quicServerIds)));
    return List.copyOf(handlers);
  }

  public static Webhooks start(
      WebhookServer.Endpoint endpoint,
      Settings settings,
      KubernetesClient kube,
      Elbv2 elbv2,
      MeterRegistry registry) {
    return start(endpoint, settings, kube, Optional.empty(), elbv2, AssumedRoles.none(), registry);
  }

  /**
   * @param watchNamespace {@code --watch-namespace}: the lookups' caches cover it only
   * @param roles ELBv2 as the role a cross-account TargetGroupBinding names
   */
  public static Webhooks start(
      WebhookServer.Endpoint endpoint,
      Settings settings,
      KubernetesClient kube,
      Optional<String> watchNamespace,
      Elbv2 elbv2,
      AssumedRoles roles,
      MeterRegistry registry) {
    KubeLookups lookups = KubeLookups.start(kube, watchNamespace);
    try {
      List<AdmissionHandler> handlers =
          handlers(
              settings,
              lookups,
              lookups,
              lookups,
              TargetGroupCache.standard(elbv2, roles),
              new QuicServerIdGenerator(new ConfigMapWorkerIds(kube))::next);
      return new Webhooks(
          lookups, WebhookServer.start(endpoint, handlers, new WebhookMetrics(registry)));
    } catch (RuntimeException e) {
      lookups.close();
      throw e;
    }
  }

  /** Ready to admit: a valid certificate is in service and the caches hold the cluster. */
  public boolean isReady() {
    return server.servingCertificateValid() && lookups.synced();
  }

  public InetSocketAddress address() {
    return server.address();
  }

  @Override
  public void close() {
    server.close();
    lookups.close();
  }
}
