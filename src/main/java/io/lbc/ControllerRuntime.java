package io.lbc;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.lbc.aws.AwsClients;
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
import io.lbc.aws.wafregional.SdkWafRegional;
import io.lbc.aws.wafregional.WafRegional;
import io.lbc.aws.wafv2.SdkWafv2;
import io.lbc.aws.wafv2.Wafv2;
import io.lbc.config.ClusterContext;
import io.lbc.config.ControllerConfig;
import io.lbc.config.FeatureGate;
import io.lbc.deploy.ElbTagCache;
import io.lbc.deploy.StackDeployer;
import io.lbc.deploy.StackResourceFinder;
import io.lbc.deploy.acm.ManagedCertificates;
import io.lbc.deploy.addons.AddOnManagers;
import io.lbc.deploy.addons.ShieldProtections;
import io.lbc.deploy.addons.WebAclAssociations;
import io.lbc.deploy.ec2.BackendSecurityGroup;
import io.lbc.gc.OrphanCollector;
import io.lbc.ingress.AddOnLookups;
import io.lbc.ingress.AlbStackBuilder;
import io.lbc.ingress.CertificateDiscovery;
import io.lbc.ingress.TargetGroupArnLookup;
import io.lbc.ingress.TrustStoreLookup;
import io.lbc.k8s.EventRecorder;
import io.lbc.k8s.InformerPaging;
import io.lbc.k8s.KubeClients;
import io.lbc.metrics.ControllerMetrics;
import io.lbc.metrics.HttpEndpointServer;
import io.lbc.metrics.ReconcileMetrics;
import io.lbc.networking.SecurityGroupResolver;
import io.lbc.networking.SubnetResolver;
import io.lbc.networking.VpcResolver;
import io.lbc.reconcile.IngressGroupReconciler;
import io.lbc.reconcile.IngressReconciler;
import io.lbc.reconcile.IngressStatusWriter;
import io.lbc.reconcile.PerControllerExecutor;
import io.lbc.reconcile.RetryForever;
import io.lbc.reconcile.ServiceReconciler;
import io.lbc.reconcile.ServiceStatusWriter;
import io.lbc.reconcile.StatusOnlyChange;
import io.lbc.reconcile.TargetGroupBindingReconciler;
import io.lbc.service.ServiceSelector;
import io.lbc.service.ServiceStackBuilder;
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
  private final ControllerMetrics metrics = new ControllerMetrics();
  private HttpEndpointServer metricsServer;
  private HttpEndpointServer probeServer;
  private Operator operator;
  private Webhooks webhooks;

  private final Runnable onLeadershipLost;

  private ControllerRuntime(Runnable onLeadershipLost) {
    this.onLeadershipLost = onLeadershipLost;
  }

  /** Starts the controller; it reconciles in the background until {@link #close()}. */
  public static ControllerRuntime start(
      ControllerConfig config, AwsCredentialsProvider credentials) {
    return start(config, credentials, () -> System.exit(Main.FAILURE));
  }

  /**
   * @param onLeadershipLost what to do when another replica took the lease while this one ran (the
   *     process exits; tests that run the controller in their own JVM stop it instead)
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
    var aws = new AwsClients(config.aws(), credentials, metrics.registry());
    resources.push(aws);
    Vpc vpc = VpcResolver.resolve(config.aws(), new SdkEc2(aws.ec2()));
    log.info("cluster {} in VPC {} ({})", config.clusterName(), vpc.vpcId(), vpc.ipv4Cidrs());

    KubernetesClient kube = KubeClients.create(config.kube());
    resources.push(kube);

    // built once: JOSDK may apply the overrider more than once
    LeaderElectionConfiguration election =
        config.leaderElection().enabled() ? leaderElection(config, kube) : null;
    leading.set(election == null);
    operator =
        new Operator(
            o -> {
              o.withKubernetesClient(kube)
                  .withCloseClientOnStop(false)
                  .withMetrics(new ReconcileMetrics(metrics.registry()));
              o.withExecutorService(reconcileExecutor(config));
              if (election != null) {
                o.withLeaderElectionConfiguration(election);
              }
            });
    resources.push(operator::stop);
    var ports =
        new Ports(
            new SdkElbv2(aws.elbv2()),
            new SdkEc2(aws.ec2()),
            new SdkAcm(aws.acm()),
            new SdkRoute53(aws.route53()),
            new SdkWafv2(aws.wafv2()),
            new SdkWafRegional(aws.wafRegional()),
            new SdkShield(aws.shield()),
            new ShieldSubscription(new SdkShield(aws.shield())),
            AwsClients.wafRegionalAvailable(config.aws()));
    AssumedRoles roles =
        (role, externalId) ->
            new SdkElbv2(aws.elbv2AssumingRole(role, externalId, config.clusterName()));
    startWebhookServer(config, kube, ports.elbv2(), roles, vpc);
    registerTargetGroupBindingController(config, ports, roles, vpc, kube);
    registerStackControllers(config, ports, vpc, kube);
    operator.start();
    ready.set(true);
    log.info("controller started");
  }

  /** Each controller's reconciles run on its own bounded pool (the max-concurrent flags). */
  private static PerControllerExecutor reconcileExecutor(ControllerConfig config) {
    var reconciling = config.reconciling();
    return new PerControllerExecutor(
        java.util.Map.of(
            IngressReconciler.NAME,
            reconciling.ingressWorkers(),
            ServiceReconciler.NAME,
            reconciling.serviceWorkers(),
            TargetGroupBindingReconciler.NAME,
            reconciling.bindingWorkers()));
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
            new WebhookServer.Endpoint(address, settings.certFile(), settings.keyFile()),
            Webhooks.Settings.of(config, vpc.vpcId()),
            kube,
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
      boolean wafRegionalAvailable) {}

  private void registerTargetGroupBindingController(
      ControllerConfig config, Ports ports, AssumedRoles roles, Vpc vpc, KubernetesClient kube) {
    var reconciler =
        new TargetGroupBindingReconciler(
            new TargetGroupBindingEngine.Settings(
                config.clusterName(),
                vpc,
                Duration.ofHours(1),
                config.reconciling().maxTargetsPerTargetGroup()),
            ports.elbv2(),
            ports.ec2(),
            kube,
            metrics.registry(),
            roles);
    operator.register(
        reconciler,
        o -> {
          config.kube().watchNamespace().ifPresent(o::settingNamespace);
          o.withInformerListLimit(InformerPaging.LIST_PAGE_SIZE);
          o.withRetry(RetryForever.cappedAt(config.reconciling().bindingMaxBackoff()));
        });
  }

  /** The Ingress and Service controllers: build a stack, deploy it with the shared deployer. */
  private void registerStackControllers(
      ControllerConfig config, Ports ports, Vpc vpc, KubernetesClient kube) {
    var cluster = new ClusterContext(config.clusterName(), vpc.vpcId(), vpc.ipv4Cidrs(), config);
    var tagCache = new ElbTagCache(ports.elbv2());
    var finder =
        new StackResourceFinder(ports.elbv2(), tagCache, config.clusterName(), vpc.vpcId());
    var deployer =
        stackDeployer(
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
                managedCertificates(config, ports)));
    startOrphanSweep(
        new OrphanCollector(
            ports.elbv2(), ports.ec2(), kube, deployer, config.clusterName(), vpc.vpcId()));
    var events = new EventRecorder(kube);
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
                kube, deployer, finder, new IngressStatusWriter(kube), events));
    operator.register(
        new IngressReconciler(cluster, readers, groups, events),
        o -> {
          config.kube().watchNamespace().ifPresent(o::settingNamespace);
          o.withOnUpdateFilter(StatusOnlyChange.ignored(Ingress::getSpec));
          o.withInformerListLimit(InformerPaging.LIST_PAGE_SIZE);
          o.withRetry(RetryForever.cappedAt(RetryForever.DEFAULT_CAP));
        });
    if (config.featureGates().enabled(FeatureGate.ENABLE_SERVICE_CONTROLLER)) {
      var services =
          new ServiceReconciler(
              new ServiceReconciler.Dependencies(
                  kube,
                  new ServiceSelector(config),
                  new ServiceStackBuilder(cluster, subnets, securityGroups, ports.ec2()),
                  deployer,
                  finder,
                  new ServiceStatusWriter(kube, Clock.systemUTC()),
                  events));
      operator.register(
          services,
          o -> {
            config.kube().watchNamespace().ifPresent(o::settingNamespace);
            o.withOnUpdateFilter(StatusOnlyChange.ignored(Service::getSpec));
            o.withInformerListLimit(InformerPaging.LIST_PAGE_SIZE);
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
    return new StackDeployer(
        new StackDeployer.Dependencies(
            elbv2,
            ec2,
            kube,
            tagCache,
            new BackendSecurityGroup(
                ec2, config.clusterName(), vpc.vpcId(), config.build().backendSecurityGroup()),
            config.clusterName(),
            vpc.vpcId(),
            config.build().externalManagedTags(),
            addOns));
  }

  /**
   * Every hour, while leading, deletes what this cluster left in AWS for owners that are gone (an
   * Ingress or Service deleted while no controller ran, or its finalizer removed by hand). The
   * first sweep waits an hour: owners are read fresh from the apiserver each time.
   */
  private void startOrphanSweep(OrphanCollector collector) {
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
            var report = collector.collect(false);
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
            },
            this::stoppedLeading,
            leader -> log.info("leader is {}", leader));
    return new LeaderElectionConfiguration(
        config.leaderElection().id(),
        namespace,
        Duration.ofSeconds(15),
        Duration.ofSeconds(10),
        Duration.ofSeconds(2),
        identity,
        callbacks,
        false);
  }

  /**
   * Losing the lease while running means another replica leads now: exit so nothing reconciles
   * twice. Losing it because this process is stopping is expected; exiting from within the shutdown
   * would deadlock the JVM, so that case only logs.
   */
  private void stoppedLeading() {
    leading.set(false);
    if (closing.get()) {
      log.info("released leadership");
      return;
    }
    log.error("lost leadership; exiting so that only the new leader reconciles");
    new Thread(onLeadershipLost, "leadership-lost").start();
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
