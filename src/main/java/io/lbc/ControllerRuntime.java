package io.lbc;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.health.InformerWrappingEventSourceHealthIndicator;
import io.lbc.aws.AwsClients;
import io.lbc.aws.CallPriority;
import io.lbc.aws.acm.SdkAcm;
import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.ec2.SdkEc2;
import io.lbc.aws.ec2.Vpc;
import io.lbc.aws.elbv2.AssumedRoles;
import io.lbc.aws.elbv2.Elbv2;
import io.lbc.aws.elbv2.SdkElbv2;
import io.lbc.aws.route53.Route53;
import io.lbc.aws.route53.SdkRoute53;
import io.lbc.aws.shield.SdkShield;
import io.lbc.aws.shield.Shield;
import io.lbc.aws.shield.ShieldSubscription;
import io.lbc.aws.tagging.ResourceTagging;
import io.lbc.aws.tagging.SdkResourceTagging;
import io.lbc.aws.wafregional.SdkWafRegional;
import io.lbc.aws.wafregional.WafRegional;
import io.lbc.aws.wafv2.SdkWafv2;
import io.lbc.aws.wafv2.Wafv2;
import io.lbc.config.ClusterContext;
import io.lbc.config.ControllerConfig;
import io.lbc.config.FeatureGate;
import io.lbc.config.StartupWarnings;
import io.lbc.deploy.ElbTagCache;
import io.lbc.deploy.RetryLaterException;
import io.lbc.deploy.StackDeployer;
import io.lbc.deploy.StackResourceFinder;
import io.lbc.deploy.acm.ManagedCertificates;
import io.lbc.deploy.addons.AddOnManagers;
import io.lbc.deploy.addons.ShieldProtections;
import io.lbc.deploy.addons.WebAclAssociations;
import io.lbc.deploy.ec2.BackendSecurityGroup;
import io.lbc.deploy.elbv2.ListenerFeatures;
import io.lbc.deploy.k8s.StackBindings;
import io.lbc.gateway.AlbGatewayBuilder;
import io.lbc.gateway.GatewayApiDetection;
import io.lbc.gateway.GatewayClassReconciler;
import io.lbc.gateway.GatewayFlavor;
import io.lbc.gateway.GatewayReconciler;
import io.lbc.gateway.GatewayStatusWriter;
import io.lbc.gateway.GatewayTeardown;
import io.lbc.gateway.ListenerRuleConfigurationReconciler;
import io.lbc.gateway.ListenerSetStatusWriter;
import io.lbc.gateway.LoadBalancerConfigurationReconciler;
import io.lbc.gateway.RouteStatusWriter;
import io.lbc.gateway.TargetGroupConfigurationReconciler;
import io.lbc.gateway.l4.NlbGatewayStackBuilder;
import io.lbc.gateway.l4.NlbGatewayStatusWriter;
import io.lbc.gc.OrphanCollector;
import io.lbc.ingress.AddOnLookups;
import io.lbc.ingress.AlbStackBuilder;
import io.lbc.ingress.CertificateDiscovery;
import io.lbc.ingress.TargetGroupArnLookup;
import io.lbc.ingress.TrustStoreLookup;
import io.lbc.k8s.EventRecorder;
import io.lbc.k8s.InformerPaging;
import io.lbc.k8s.KubeClients;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.cache.ClusterCache;
import io.lbc.k8s.cache.InformerStartup;
import io.lbc.k8s.cache.LeanItemStore;
import io.lbc.metrics.ControllerMetrics;
import io.lbc.metrics.HttpEndpointServer;
import io.lbc.metrics.ReconcileMetrics;
import io.lbc.metrics.TopTalkers;
import io.lbc.networking.SecurityGroupResolver;
import io.lbc.networking.SubnetResolver;
import io.lbc.networking.VpcResolver;
import io.lbc.reconcile.IngressGroupReconciler;
import io.lbc.reconcile.IngressReconciler;
import io.lbc.reconcile.IngressStatusWriter;
import io.lbc.reconcile.NlbGatewayReconciler;
import io.lbc.reconcile.PerControllerExecutor;
import io.lbc.reconcile.ReconcileOrder;
import io.lbc.reconcile.RetryForever;
import io.lbc.reconcile.ServiceReconciler;
import io.lbc.reconcile.ServiceStatusWriter;
import io.lbc.reconcile.StackCheckpoints;
import io.lbc.reconcile.StackInputs;
import io.lbc.reconcile.Takeover;
import io.lbc.reconcile.TargetGroupBindingReconciler;
import io.lbc.service.ServiceSelector;
import io.lbc.service.ServiceStackBuilder;
import io.lbc.targets.TargetDiscovery;
import io.lbc.targets.TargetGroupBindingEngine;
import io.lbc.webhook.WebhookServer;
import io.lbc.webhook.Webhooks;
import io.micrometer.core.instrument.Gauge;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** Builds and wires every part of a running controller, in one place, and stops them in reverse. */
public final class ControllerRuntime implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ControllerRuntime.class);

  private final Deque<AutoCloseable> resources = new ArrayDeque<>();
  private final AtomicBoolean ready = new AtomicBoolean();
  private final AtomicBoolean leading = new AtomicBoolean();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final ControllerMetrics metrics =
      new ControllerMetrics(RetryLaterException.class::isInstance);
  private volatile ReconcileOrder order;
  private HttpEndpointServer metricsServer;
  private HttpEndpointServer probeServer;
  private volatile Operator operator;
  private volatile PerControllerExecutor executor;
  private volatile Wiring wiring;
  private Webhooks webhooks;

  private final Runnable onLeadershipLost;

  private ControllerRuntime(Runnable onLeadershipLost) {
    this.onLeadershipLost = onLeadershipLost;
  }

  /** Starts the controller; it reconciles in the background until {@link #close()}. */
  public static ControllerRuntime start(
      ControllerConfig config, AwsCredentialsProvider credentials) {
    return start(config, credentials, () -> {});
  }

  /**
   * @param onLeadershipLost told when another replica took the lease while this one ran, once its
   *     workers stopped and a standby operator replaced them
   */
  public static ControllerRuntime start(
      ControllerConfig config, AwsCredentialsProvider credentials, Runnable onLeadershipLost) {
    var runtime = new ControllerRuntime(onLeadershipLost);
    try {
      runtime.startServing(config);
      runtime.startControllers(config, credentials);
      return runtime;
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  private void startServing(ControllerConfig config) {
    config
        .http()
        .healthProbes()
        .ifPresent(
            address -> {
              probeServer = HttpEndpointServer.probes(address, () -> true, this::isReady);
              resources.push(probeServer);
            });
    config
        .http()
        .metrics()
        .ifPresent(
            address -> {
              metricsServer = HttpEndpointServer.metrics(address, metrics);
              resources.push(metricsServer);
            });
  }

  private void startControllers(ControllerConfig config, AwsCredentialsProvider credentials) {
    StartupWarnings.of(config).forEach(w -> log.warn("not honoured: {}", w));
    var aws = new AwsClients(config.aws(), credentials, metrics.registry());
    resources.push(aws);
    Vpc vpc = VpcResolver.resolve(config.aws(), new SdkEc2(aws.ec2()));
    log.info("cluster {} in VPC {} ({})", config.clusterName(), vpc.vpcId(), vpc.ipv4Cidrs());

    KubernetesClient kube = KubeClients.create(config.kube());
    resources.push(kube);
    ClusterCache cache = ClusterCache.of(kube);
    resources.push(cache);
    cache
        .objectCounts()
        .forEach((kind, size) -> metrics.cacheObjects().watch(kind, "cluster cache", size));
    resources.push(metrics.topTalkers().publishEvery(TopTalkers.WINDOW));

    // built once: JOSDK may apply the overrider more than once
    LeaderElectionConfiguration election =
        config.leaderElection().enabled() ? leaderElection(config, kube) : null;
    leading.set(election == null);
    if (election != null) {
      aws.warmUp(); // a replica that may stand by: ready to act at once when it takes over
    }
    var ports =
        new Ports(
            new SdkElbv2(aws.elbv2()),
            new SdkEc2(aws.ec2()),
            new SdkAcm(aws::acm),
            new SdkRoute53(aws::route53),
            new SdkWafv2(aws::wafv2),
            new SdkWafRegional(aws::wafRegional),
            new SdkShield(aws::shield),
            new ShieldSubscription(new SdkShield(aws::shield)),
            AwsClients.wafRegionalAvailable(config.aws()),
            config.featureGates().enabled(FeatureGate.ENABLE_RGT_API)
                ? Optional.of(new SdkResourceTagging(aws.tagging()))
                : Optional.empty());
    AssumedRoles roles =
        (role, externalId) ->
            new SdkElbv2(aws.elbv2AssumingRole(role, externalId, config.clusterName()));
    startWebhookServer(config, kube, ports.elbv2(), roles, vpc);
    wiring = new Wiring(config, ports, roles, vpc, kube, election);
    resources.push(() -> operator.stop());
    startOperator();
    ready.set(true);
    log.info("controller started");
  }

  /** How often a TargetGroupBinding is verified with no event (its annotation's interval). */
  private static final Duration BINDING_RESYNC = Duration.ofHours(1);

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** What every operator of this process is built from. */
  private record Wiring(
      ControllerConfig config,
      Ports ports,
      AssumedRoles roles,
      Vpc vpc,
      KubernetesClient kube,
      LeaderElectionConfiguration election) {}

  /**
   * A new operator with new controllers (nothing remembered from an earlier term as leader), which
   * lists every watched kind and, under leader election, waits as a standby with warm informers:
   * JOSDK starts the event sources of every replica and only the leader's event processing, which
   * then works from the caches without listing again.
   */
  private synchronized void startOperator() {
    order = new ReconcileOrder();
    var w = wiring;
    var reconciles = reconcileExecutor(w.config(), order);
    if (w.election() != null) {
      reconciles.hold(); // until this replica leads and JOSDK has handed it every object
    }
    executor = reconciles;
    operator =
        new Operator(
            o -> {
              o.withKubernetesClient(w.kube())
                  .withCloseClientOnStop(false)
                  .withMetrics(
                      order.tap(new ReconcileMetrics(metrics.registry(), metrics.topTalkers())));
              InformerStartup.configure(o);
              o.withExecutorService(reconciles);
              if (w.election() != null) {
                o.withLeaderElectionConfiguration(w.election());
              }
            });
    StackBindings bindings =
        registerTargetGroupBindingController(w.config(), w.ports(), w.roles(), w.vpc(), w.kube());
    registerStackControllers(w.config(), w.ports(), w.vpc(), w.kube(), bindings);
    operator.start();
    order.started();
  }

  /** Each controller's reconciles run on its own bounded pool (the max-concurrent flags). */
  private static PerControllerExecutor reconcileExecutor(
      ControllerConfig config, ReconcileOrder order) {
    var reconciling = config.reconciling();
    return new PerControllerExecutor(
        java.util.Map.of(
            IngressReconciler.NAME,
            reconciling.ingressWorkers(),
            ServiceReconciler.NAME,
            reconciling.serviceWorkers(),
            TargetGroupBindingReconciler.NAME,
            reconciling.bindingWorkers(),
            GatewayReconciler.NAME,
            reconciling.albGatewayWorkers(),
            NlbGatewayReconciler.NAME,
            reconciling.nlbGatewayWorkers(),
            GatewayClassReconciler.NAME,
            reconciling.gatewayClassWorkers(),
            ListenerRuleConfigurationReconciler.NAME,
            reconciling.gatewayClassWorkers(),
            LoadBalancerConfigurationReconciler.NAME,
            reconciling.gatewayClassWorkers(),
            TargetGroupConfigurationReconciler.NAME,
            reconciling.gatewayClassWorkers()),
        order);
  }

  /**
   * Admission webhooks run on every replica, leader or not: standbys must answer admissions too.
   * Readiness waits for a valid serving certificate and synced caches.
   */
  private void startWebhookServer(
      ControllerConfig config, KubernetesClient kube, Elbv2 elbv2, AssumedRoles roles, Vpc vpc) {
    var settings = config.webhooks();
    if (settings.port() == 0) {
      log.info("webhook server off (--webhook-bind-port=0)");
      return;
    }
    var address =
        settings.bindHost().isEmpty()
            ? new InetSocketAddress(settings.port())
            : new InetSocketAddress(settings.bindHost(), settings.port());
    webhooks =
        Webhooks.start(
            new WebhookServer.Endpoint(
                address, settings.certFile(), settings.keyFile(), settings.clientCaFile()),
            Webhooks.Settings.of(config, vpc.vpcId()),
            kube,
            config.kube().watchNamespace(),
            elbv2,
            roles,
            metrics.registry());
    resources.push(webhooks);
  }

  /** The AWS ports, built once over the shared clients. */
  private record Ports(
      Elbv2 elbv2,
      Ec2 ec2,
      SdkAcm acm,
      Route53 route53,
      Wafv2 wafv2,
      WafRegional wafRegional,
      Shield shield,
      ShieldSubscription shieldSubscription,
      boolean wafRegionalAvailable,
      Optional<ResourceTagging> tagging) {}

  /**
   * The TargetGroupBinding controller; returns its informer's store as the deployer's source of
   * each stack's bindings (the {@code --watch-namespace} scope, no LIST per deploy).
   */
  private StackBindings registerTargetGroupBindingController(
      ControllerConfig config, Ports ports, AssumedRoles roles, Vpc vpc, KubernetesClient kube) {
    var reconciler =
        new TargetGroupBindingReconciler(
            new TargetGroupBindingEngine.Settings(
                config.clusterName(),
                vpc,
                Duration.ofHours(1),
                config.reconciling().bindingRequeue(),
                config.targets().eniSecurityGroupTags(),
                config.reconciling().maxTargetsPerTargetGroup(),
                new TargetDiscovery(
                    config.targets().endpointSlices(),
                    config.featureGates().enabled(FeatureGate.ENDPOINTS_FAIL_OPEN),
                    config.targets().quicServerIdVariable())),
            ports.elbv2(),
            ports.ec2(),
            kube,
            metrics.registry(),
            roles,
            metrics.stages());
    LeanItemStore<TargetGroupBinding> bindings =
        counted("targetgroupbinding", TargetGroupBindingReconciler.NAME);
    RegisteredController<TargetGroupBinding> registered =
        operator.register(
            reconciler,
            o -> {
              config.kube().watchNamespace().ifPresent(o::settingNamespace);
              o.withInformerListLimit(InformerPaging.LIST_PAGE_SIZE);
              o.withItemStore(bindings);
              o.withOnAddFilter(order.onAdd(TargetGroupBindingReconciler.NAME));
              o.withRetry(RetryForever.cappedAt(config.reconciling().bindingMaxBackoff()));
              // every binding is looked at hourly (its checkpoint), sooner if --sync-period says so
              o.withReconciliationMaxInterval(
                  min(BINDING_RESYNC, config.reconciling().syncPeriod()));
            });
    return StackBindings.cached(bindings::values, () -> informersSynced(registered));
  }

  /** Whether every informer of the controller has completed its first list. */
  private static boolean informersSynced(RegisteredController<?> controller) {
    var sources =
        controller.getControllerHealthInfo().informerEventSourceHealthIndicators().values();
    for (InformerWrappingEventSourceHealthIndicator<?> source : sources) {
      for (InformerHealthIndicator informer : source.informerHealthIndicators().values()) {
        if (!informer.hasSynced()) {
          return false;
        }
      }
    }
    return !sources.isEmpty();
  }

  /**
   * A controller's store of its primary objects, counted by {@code
   * awslbc_controller_cache_object_total}.
   */
  private <R extends HasMetadata> LeanItemStore<R> counted(String resource, String controller) {
    return counted(resource, controller, new LeanItemStore<R>());
  }

  private <R extends HasMetadata> LeanItemStore<R> counted(
      String resource, String controller, LeanItemStore<R> store) {
    metrics.cacheObjects().watch(resource, controller, store::size);
    return store;
  }

  /** The Ingress and Service controllers: build a stack, deploy it with the shared deployer. */
  private void registerStackControllers(
      ControllerConfig config,
      Ports ports,
      Vpc vpc,
      KubernetesClient kube,
      StackBindings bindings) {
    var cluster = new ClusterContext(config.clusterName(), vpc.vpcId(), vpc.ipv4Cidrs(), config);
    var tagCache = new ElbTagCache(ports.elbv2());
    var finder =
        new StackResourceFinder(
            ports.elbv2(), tagCache, config.clusterName(), vpc.vpcId(), ports.tagging());
    var deployer =
        new StackDeployer(
            stackDependencies(
                config,
                ports.elbv2(),
                ports.ec2(),
                kube,
                vpc,
                tagCache,
                new AddOnManagers(
                    config.addOns(),
                    ports.wafRegionalAvailable(),
                    WebAclAssociations.wafv2(ports.wafv2()),
                    WebAclAssociations.wafRegional(ports.wafRegional()),
                    new ShieldProtections(ports.shield(), ports.shieldSubscription()),
                    managedCertificates(config, ports)),
                ports.tagging()),
            metrics.stages(),
            metrics.targetGroupInfo(),
            bindings);
    orphans.set(
        new OrphanCollector(
            ports.elbv2(), ports.ec2(), kube, deployer, config.clusterName(), vpc.vpcId()));
    if (sweeping.compareAndSet(false, true)) {
      startOrphanSweep();
    }
    var events = new EventRecorder(kube);
    var checkpoints = new StackCheckpoints(kube, Clock.systemUTC(), STACK_VERIFY_AFTER);
    var subnets = new SubnetResolver(ports.ec2(), cluster);
    var securityGroups = new SecurityGroupResolver(ports.ec2(), vpc.vpcId());
    var readers =
        new AlbStackBuilder.Readers(
            subnets,
            securityGroups,
            certificateDiscovery(config, ports.acm()),
            TargetGroupArnLookup.over(ports.elbv2()),
            new TrustStoreLookup(ports.elbv2()),
            new AddOnLookups(
                ports.wafv2(), ports.shieldSubscription(), ports.wafRegionalAvailable()));
    var groups =
        new IngressGroupReconciler(
            new IngressGroupReconciler.Dependencies(
                kube,
                deployer,
                finder,
                new IngressStatusWriter(kube),
                events,
                checkpoints,
                new StackInputs(config),
                config.featureGates().enabled(FeatureGate.INGRESS_PLAN_ANNOTATION),
                metrics.stages()));
    LeanItemStore<Ingress> ingresses = counted("ingress", IngressReconciler.NAME);
    operator.register(
        new IngressReconciler(cluster, readers, groups, events, metrics.stages()),
        o -> {
          config.kube().watchNamespace().ifPresent(o::settingNamespace);
          o.withOnUpdateFilter(order.onUpdateOf(IngressReconciler.NAME, Ingress::getSpec));
          o.withOnAddFilter(order.onAdd(IngressReconciler.NAME));
          o.withInformerListLimit(InformerPaging.LIST_PAGE_SIZE);
          o.withItemStore(ingresses);
          o.withRetry(RetryForever.cappedAt(RetryForever.DEFAULT_CAP));
        });
    if (config.featureGates().enabled(FeatureGate.ENABLE_SERVICE_CONTROLLER)) {
      var serviceSelector = new ServiceSelector(config);
      var services =
          new ServiceReconciler(
              new ServiceReconciler.Dependencies(
                  kube,
                  serviceSelector,
                  new ServiceStackBuilder(cluster, subnets, securityGroups, ports.ec2()),
                  deployer,
                  finder,
                  new ServiceStatusWriter(kube, Clock.systemUTC()),
                  events,
                  checkpoints,
                  new StackInputs(config),
                  metrics.stages()));
      LeanItemStore<Service> serviceStore =
          counted(
              "service",
              ServiceReconciler.NAME,
              new LeanItemStore<>(ServiceReconciler.cached(serviceSelector)));
      operator.register(
          services,
          o -> {
            config.kube().watchNamespace().ifPresent(o::settingNamespace);
            o.withOnUpdateFilter(order.onUpdateOf(ServiceReconciler.NAME, Service::getSpec));
            o.withOnAddFilter(order.onAdd(ServiceReconciler.NAME));
            o.withInformerListLimit(InformerPaging.LIST_PAGE_SIZE);
            o.withItemStore(serviceStore);
            o.withRetry(RetryForever.cappedAt(RetryForever.DEFAULT_CAP));
            o.withReconciliationMaxInterval(config.reconciling().syncPeriod());
          });
    }
    registerGatewayControllers(
        config,
        kube,
        cluster,
        new AlbGatewayBuilder.Readers(
            subnets, securityGroups, readers.certificates(), readers.addOns()),
        deployer,
        finder,
        events);
  }

  /**
   * The Gateway API controllers whose gates are on and whose CRDs the apiserver serves: the
   * GatewayClass controller and one Gateway controller per flavor.
   */
  /**
   * Whether Gateways (ALB and NLB) take in ListenerSets: the GatewayListenerSet gate is on and the
   * apiserver serves the kind (an absent CRD turns the feature off with one log line).
   */
  private static boolean listenerSetsOn(ControllerConfig config, KubernetesClient kube) {
    if (!config.featureGates().enabled(FeatureGate.GATEWAY_LISTENER_SET)) {
      return false;
    }
    if (!GatewayApiDetection.listenerSetsServed(kube)) {
      log.info("ListenerSet support off: the apiserver does not serve ListenerSet");
      return false;
    }
    return true;
  }

  private void registerGatewayControllers(
      ControllerConfig config,
      KubernetesClient kube,
      ClusterContext cluster,
      AlbGatewayBuilder.Readers readers,
      StackDeployer deployer,
      StackResourceFinder finder,
      EventRecorder events) {
    Set<GatewayFlavor> running = GatewayApiDetection.enabled(kube, config.featureGates());
    if (running.isEmpty()) {
      return;
    }
    Clock clock = Clock.systemUTC();
    boolean listenerSets = listenerSetsOn(config, kube);
    var teardown =
        new GatewayTeardown(
            new GatewayTeardown.Dependencies(kube, deployer, finder, events, cluster));
    operator.register(
        new GatewayClassReconciler(kube, running, clock, config.kube().watchNamespace()),
        o -> o.withRetry(RetryForever.cappedAt(RetryForever.DEFAULT_CAP)));
    // as the reference: with either Gateway controller on (their detection requires the CRDs)
    var watchNamespace = config.kube().watchNamespace();
    operator.register(
        new ListenerRuleConfigurationReconciler(
            kube, config.kube().requiredSecretsLabel(), watchNamespace),
        o -> {
          watchNamespace.ifPresent(o::settingNamespace);
          o.withRetry(RetryForever.cappedAt(RetryForever.DEFAULT_CAP));
        });
    operator.register(
        new LoadBalancerConfigurationReconciler(kube, watchNamespace),
        o -> {
          watchNamespace.ifPresent(o::settingNamespace);
          o.withRetry(RetryForever.cappedAt(RetryForever.DEFAULT_CAP));
        });
    operator.register(
        new TargetGroupConfigurationReconciler(kube, watchNamespace),
        o -> {
          watchNamespace.ifPresent(o::settingNamespace);
          o.withRetry(RetryForever.cappedAt(RetryForever.DEFAULT_CAP));
        });
    if (running.contains(GatewayFlavor.ALB)) {
      operator.register(
          new GatewayReconciler(
              new GatewayReconciler.Dependencies(
                  kube,
                  new AlbGatewayBuilder(cluster, readers),
                  deployer,
                  finder,
                  new GatewayStatusWriter(kube, clock),
                  new RouteStatusWriter(kube, clock),
                  events,
                  metrics.stages(),
                  listenerSets
                      ? Optional.of(new ListenerSetStatusWriter(kube, clock))
                      : Optional.empty(),
                  teardown,
                  config.kube().requiredSecretsLabel())),
          o -> {
            config.kube().watchNamespace().ifPresent(o::settingNamespace);
            o.withOnUpdateFilter(
                order.onUpdateOf(
                    GatewayReconciler.NAME,
                    io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway::getSpec));
            o.withOnAddFilter(order.onAdd(GatewayReconciler.NAME));
            o.withRetry(RetryForever.cappedAt(RetryForever.DEFAULT_CAP));
          });
    }
    if (running.contains(GatewayFlavor.NLB)) {
      operator.register(
          new NlbGatewayReconciler(
              new NlbGatewayReconciler.Dependencies(
                  kube,
                  new NlbGatewayStackBuilder(cluster, readers),
                  deployer,
                  finder,
                  new NlbGatewayStatusWriter(kube, clock),
                  events,
                  metrics.stages(),
                  listenerSets
                      ? Optional.of(new ListenerSetStatusWriter(kube, clock))
                      : Optional.empty(),
                  teardown)),
          o -> {
            config.kube().watchNamespace().ifPresent(o::settingNamespace);
            o.withOnUpdateFilter(
                order.onUpdateOf(
                    NlbGatewayReconciler.NAME,
                    io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway::getSpec));
            o.withOnAddFilter(order.onAdd(NlbGatewayReconciler.NAME));
            o.withRetry(RetryForever.cappedAt(RetryForever.DEFAULT_CAP));
          });
    }
  }

  /** Under {@code EnableCertificateManagement}: the certificates the controller requests. */
  private static Optional<ManagedCertificates> managedCertificates(
      ControllerConfig config, Ports ports) {
    if (!config.featureGates().enabled(FeatureGate.ENABLE_CERTIFICATE_MANAGEMENT)) {
      return Optional.empty();
    }
    return Optional.of(new ManagedCertificates(ports.acm(), ports.route53()));
  }

  /** Discovery leaves out the certificates a controller requested, under the same gate. */
  private static CertificateDiscovery certificateDiscovery(ControllerConfig config, SdkAcm acm) {
    var allowed = config.build().allowedCertificateAuthorityArns();
    if (!config.featureGates().enabled(FeatureGate.ENABLE_CERTIFICATE_MANAGEMENT)) {
      return new CertificateDiscovery(acm, allowed);
    }
    return new CertificateDiscovery(
        acm, allowed, CertificateDiscovery.requestedByController(acm::tags));
  }

  /** The deployer of Ingress and Service stacks, over the shared ports. */
  public static StackDeployer stackDeployer(
      ControllerConfig config,
      Elbv2 elbv2,
      Ec2 ec2,
      KubernetesClient kube,
      Vpc vpc,
      ElbTagCache tagCache,
      AddOnManagers addOns) {
    return stackDeployer(config, elbv2, ec2, kube, vpc, tagCache, addOns, Optional.empty());
  }

  /**
   * @param tagging the Resource Groups Tagging API, when {@code EnableRGTAPI} is on
   */
  public static StackDeployer stackDeployer(
      ControllerConfig config,
      Elbv2 elbv2,
      Ec2 ec2,
      KubernetesClient kube,
      Vpc vpc,
      ElbTagCache tagCache,
      AddOnManagers addOns,
      Optional<ResourceTagging> tagging) {
    return new StackDeployer(
        stackDependencies(config, elbv2, ec2, kube, vpc, tagCache, addOns, tagging));
  }

  private static StackDeployer.Dependencies stackDependencies(
      ControllerConfig config,
      Elbv2 elbv2,
      Ec2 ec2,
      KubernetesClient kube,
      Vpc vpc,
      ElbTagCache tagCache,
      AddOnManagers addOns,
      Optional<ResourceTagging> tagging) {
    return new StackDeployer.Dependencies(
        elbv2,
        ec2,
        kube,
        tagCache,
        new BackendSecurityGroup(
            ec2, config.clusterName(), vpc.vpcId(), config.build().backendSecurityGroup()),
        config.clusterName(),
        vpc.vpcId(),
        config.build().externalManagedTags(),
        addOns,
        ListenerFeatures.from(config.featureGates()),
        tagging,
        config.reconciling().lbStabilizationInterval());
  }

  /**
   * Every hour, while leading, deletes what this cluster left in AWS for owners that are gone (an
   * Ingress or Service deleted while no controller ran, or its finalizer removed by hand). The
   * first sweep waits an hour: owners are read fresh from the apiserver each time. Its AWS calls
   * are low priority ({@link CallPriority}): reconciles of user changes go first.
   */
  private final java.util.concurrent.atomic.AtomicReference<OrphanCollector> orphans =
      new java.util.concurrent.atomic.AtomicReference<>();

  private final AtomicBoolean sweeping = new AtomicBoolean();

  private void startOrphanSweep() {
    var sweeper =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "orphan-sweep");
              thread.setDaemon(true);
              return thread;
            });
    resources.push(sweeper::shutdownNow);
    sweeper.scheduleWithFixedDelay(
        () -> {
          if (!leading.get() || closing.get()) {
            return;
          }
          try {
            // background work: a user's change is served first from the shared AWS budget
            var report = CallPriority.LOW.callAs(() -> orphans.get().collect(false));
            if (!report.byStack().isEmpty()) {
              log.info(
                  "orphan sweep deleted the resources of {} stacks: {}",
                  report.byStack().size(),
                  OrphanCollector.countByType(report));
            }
          } catch (RuntimeException e) {
            log.warn("orphan sweep failed; it runs again in an hour", e);
          }
        },
        ORPHAN_SWEEP_EVERY.toMinutes(),
        ORPHAN_SWEEP_EVERY.toMinutes(),
        java.util.concurrent.TimeUnit.MINUTES);
  }

  private static final Duration ORPHAN_SWEEP_EVERY = Duration.ofHours(1);

  /**
   * How long a stack checkpoint spares AWS reads: past it, an unchanged stack is read from AWS once
   * more (what only AWS knows: discovered subnets and certificates, changes behind our back).
   */
  private static final Duration STACK_VERIFY_AFTER = Duration.ofHours(1);

  private static final Duration LEASE_DURATION = Duration.ofSeconds(15);

  /**
   * A change seen by a standby at most this long before the lease ran out may not have been served
   * by the old leader: it is served ahead of the start-up backlog when the standby takes over.
   * Older ones (the old leader's own finalizers and bindings among them) wait in the backlog.
   */
  private static final Duration CHANGES_PENDING_AFTER_LEASE = Duration.ofSeconds(5);

  /** How long a new leader waits for JOSDK to hand it every object before it serves what it has. */
  private static final Duration HANDED_OVER_AT_MOST = Duration.ofSeconds(10);

  /** How long a new leader's start-up backlog waits for the user changes served ahead of it. */
  private static final Duration BACKLOG_WAITS_AT_MOST = Duration.ofSeconds(30);

  private LeaderElectionConfiguration leaderElection(
      ControllerConfig config, KubernetesClient kube) {
    // controller-runtime's name, so existing alerts on leadership keep working
    Gauge.builder("leader.election.master.status", leading, l -> l.get() ? 1 : 0)
        .description("1 while this replica holds the leader-election lease")
        .tag("name", config.leaderElection().id())
        .register(metrics.registry());
    String namespace = config.leaderElection().namespace().orElseGet(() -> defaultNamespace(kube));
    String identity = identity();
    log.info(
        "leader election on Lease {}/{} as {}", namespace, config.leaderElection().id(), identity);
    var callbacks =
        new LeaderCallbacks(
            () -> {
              leading.set(true);
              log.info("became leader");
              order.tookOver(LEASE_DURATION.plus(CHANGES_PENDING_AFTER_LEASE));
              Takeover.releaseWhenStarted(
                  operator, executor, HANDED_OVER_AT_MOST, BACKLOG_WAITS_AT_MOST);
            },
            this::stoppedLeading,
            leader -> log.info("leader is {}", leader));
    return new LeaderElectionConfiguration(
        config.leaderElection().id(),
        namespace,
        LEASE_DURATION,
        Duration.ofSeconds(10),
        Duration.ofSeconds(2),
        identity,
        callbacks,
        false);
  }

  /**
   * Losing the lease while running means another replica leads now: the workers stop at once (the
   * whole operator, so nothing reconciles twice) and a new one stands by with warm caches, ready to
   * lead again; the process stays up (webhooks and probes keep answering). Losing it because this
   * process is stopping is expected, so that case only logs.
   */
  private void stoppedLeading() {
    leading.set(false);
    if (closing.get()) {
      log.info("released leadership");
      return;
    }
    log.warn("lost leadership; stopping the workers and standing by");
    new Thread(
            () -> {
              synchronized (this) {
                operator.stop();
                if (!closing.get()) {
                  startOperator();
                  log.info("standing by for leadership");
                }
              }
              onLeadershipLost.run();
            },
            "leadership-lost")
        .start();
  }

  private static String defaultNamespace(KubernetesClient kube) {
    return Optional.ofNullable(kube.getNamespace()).orElse("default");
  }

  /** Unique per process, so two replicas on one host still compete. */
  private static String identity() {
    String host;
    try {
      host =
          Optional.ofNullable(System.getenv("POD_NAME"))
              .orElse(InetAddress.getLocalHost().getHostName());
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    return host + "_" + UUID.randomUUID();
  }

  public boolean isReady() {
    return ready.get() && (webhooks == null || webhooks.isReady());
  }

  public boolean isLeading() {
    return leading.get();
  }

  public ControllerMetrics metrics() {
    return metrics;
  }

  public Optional<InetSocketAddress> metricsAddress() {
    return Optional.ofNullable(metricsServer).map(HttpEndpointServer::address);
  }

  public Optional<InetSocketAddress> probeAddress() {
    return Optional.ofNullable(probeServer).map(HttpEndpointServer::address);
  }

  @Override
  public void close() {
    closing.set(true);
    ready.set(false);
    while (!resources.isEmpty()) {
      try {
        resources.pop().close();
      } catch (Exception e) {
        log.warn("failed to stop a component", e);
      }
    }
  }
}
