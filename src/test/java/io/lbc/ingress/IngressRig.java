package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lbc.reconcile.StackCheckpoints;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Crds;
import io.lbc.rig.Edits;
import io.lbc.rig.InProcessController;
import io.lbc.rig.Rig;
import io.lbc.rig.TestNamespace;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * One Ingress test's world: the CRDs and the {@code alb} IngressClass in the apiserver, the
 * cluster's VPC in moto, and the whole controller running in-process on the test's namespace.
 * Ingresses and Services are written as YAML with {@code %1$s} standing for the namespace.
 */
final class IngressRig implements AutoCloseable {
  static final String CLUSTER = InProcessController.CLUSTER_NAME;
  static final String CLASS = "alb";
  static final Duration CONVERGED = Duration.ofSeconds(60);

  final Rig rig;
  final KubernetesClient kube;
  final AwsTestClients aws;
  final String ns;
  final AwsFixtures.TestVpc vpc;
  final AlbReadback alb;
  private InProcessController controller;

  private IngressRig(
      Rig rig,
      KubernetesClient kube,
      AwsTestClients aws,
      TestNamespace namespace,
      boolean startController,
      String[] flags) {
    this.rig = rig;
    this.kube = kube;
    this.aws = aws;
    this.ns = namespace.name();
    Crds.apply(kube);
    applyIngressClass(kube, CLASS, "ingress.k8s.aws/alb");
    this.vpc = AwsFixtures.clusterVpc(aws.ec2(), CLUSTER);
    this.alb = new AlbReadback(aws, CLUSTER);
    if (startController) {
      this.controller = InProcessController.start(rig, aws, vpc.vpcId(), ns, flags);
    }
  }

  static IngressRig start(
      Rig rig,
      KubernetesClient kube,
      AwsTestClients aws,
      TestNamespace namespace,
      String... extraFlags) {
    return new IngressRig(rig, kube, aws, namespace, true, extraFlags);
  }

  /**
   * The same world with no controller running yet, for a test that lays out AWS and the cluster
   * itself (as another controller left them) before {@link #restartController} takes over.
   */
  static IngressRig withoutController(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    return new IngressRig(rig, kube, aws, namespace, false, new String[0]);
  }

  /** Cluster-scoped and shared by every test: applied server-side, so creating it is idempotent. */
  static void applyIngressClass(KubernetesClient kube, String name, String controller) {
    kube.resource(
            new IngressClassBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withController(controller)
                .endSpec()
                .build())
        .fieldManager("lbc-it")
        .forceConflicts()
        .serverSideApply();
  }

  InProcessController controller() {
    return controller;
  }

  /** Stops the controller and starts a fresh one (empty caches) on the same cluster and VPC. */
  InProcessController restartController(String... extraFlags) {
    return restartController(() -> {}, extraFlags);
  }

  /** Stops the controller, makes a change no controller sees, and starts a fresh one. */
  InProcessController restartController(Runnable whileStopped, String... extraFlags) {
    if (controller != null) {
      controller.close();
    }
    whileStopped.run();
    controller = InProcessController.start(rig, aws, vpc.vpcId(), ns, extraFlags);
    return controller;
  }

  /**
   * Restarts as if no stack checkpoint had been written (an older controller deployed the stacks):
   * the new controller reads every stack from AWS once, which is what restart tests examine.
   */
  InProcessController restartWithoutCheckpoints(Runnable whileStopped, String... extraFlags) {
    return restartController(
        () -> {
          dropCheckpoints();
          whileStopped.run();
        },
        extraFlags);
  }

  /** Removes the stack checkpoint from every Ingress of the namespace. */
  void dropCheckpoints() {
    for (Ingress ingress : kube.network().v1().ingresses().inNamespace(ns).list().getItems()) {
      if (ingress.getMetadata().getAnnotations() != null
          && ingress.getMetadata().getAnnotations().containsKey(StackCheckpoints.ANNOTATION)) {
        edit(
            ingress.getMetadata().getName(),
            i -> {
              i.getMetadata().getAnnotations().remove(StackCheckpoints.ANNOTATION);
              return i;
            });
      }
    }
  }

  Ingress ingress(String yaml) {
    return kube.resource(Serialization.unmarshal(yaml.formatted(ns), Ingress.class)).create();
  }

  /**
   * An Ingress of class {@code alb} routing {@code <name>.example.com/} to port {@code http} of the
   * Service, with the given annotations.
   */
  Ingress simpleIngress(String name, String service, Map<String, String> annotations) {
    String yaml =
        """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {namespace: '%1$s', name: NAME}
        spec:
          ingressClassName: alb
          rules:
            - host: NAME.example.com
              http:
                paths:
                  - {path: /, pathType: Prefix, backend: {service: {name: SERVICE, port: {name: http}}}}
        """
            .replace("NAME", name)
            .replace("SERVICE", service);
    Ingress ingress = Serialization.unmarshal(yaml.formatted(ns), Ingress.class);
    ingress.getMetadata().setAnnotations(new java.util.HashMap<>(annotations));
    return kube.resource(ingress).create();
  }

  Service service(String yaml) {
    return kube.resource(Serialization.unmarshal(yaml.formatted(ns), Service.class)).create();
  }

  /**
   * A NodePort Service with port {@code http} (80 → 8080) and the given annotations; the apiserver
   * picks the node port (Services of earlier tests keep theirs: namespaces never finish deleting).
   */
  Service nodePortService(String name, Map<String, String> annotations) {
    String yaml =
        """
        apiVersion: v1
        kind: Service
        metadata: {namespace: '%1$s', name: NAME}
        spec:
          type: NodePort
          selector: {app: NAME}
          ports: [{name: http, port: 80, targetPort: 8080}]
        """
            .replace("NAME", name);
    Service service = Serialization.unmarshal(yaml.formatted(ns), Service.class);
    service.getMetadata().setAnnotations(annotations);
    return kube.resource(service).create();
  }

  Optional<Ingress> get(String name) {
    return Optional.ofNullable(
        kube.network().v1().ingresses().inNamespace(ns).withName(name).get());
  }

  Ingress edit(String name, UnaryOperator<Ingress> change) {
    return Edits.edit(kube.network().v1().ingresses().inNamespace(ns).withName(name), change);
  }

  Ingress annotate(String name, String key, String value) {
    return edit(
        name,
        i -> {
          var annotations = new java.util.HashMap<String, String>();
          if (i.getMetadata().getAnnotations() != null) {
            annotations.putAll(i.getMetadata().getAnnotations());
          }
          annotations.put(key, value);
          i.getMetadata().setAnnotations(annotations);
          return i;
        });
  }

  void delete(String name) {
    kube.network().v1().ingresses().inNamespace(ns).withName(name).delete();
  }

  /** Waits until the Ingress is gone: the controller removed its finalizer after the clean-up. */
  void awaitGone(String name) {
    await().atMost(CONVERGED).until(() -> get(name).isEmpty());
  }

  /** The hostname in the Ingress status once there is one. */
  String awaitHostname(String name) {
    return await()
        .atMost(CONVERGED)
        .until(() -> get(name).flatMap(IngressRig::hostname), Optional::isPresent)
        .orElseThrow();
  }

  /** Waits until each of the Ingresses has a hostname in its status. */
  void awaitHostnames(String... names) {
    await()
        .atMost(CONVERGED)
        .until(
            () ->
                Arrays.stream(names)
                    .allMatch(n -> get(n).flatMap(IngressRig::hostname).isPresent()));
  }

  /** Waits until no load balancer, target group or security group of the cluster is left. */
  void awaitNothingLeftInAws() {
    await()
        .atMost(CONVERGED)
        .untilAsserted(
            () -> {
              assertThat(alb.loadBalancers()).isEmpty();
              assertThat(alb.targetGroups()).isEmpty();
              assertThat(alb.securityGroups()).isEmpty();
            });
  }

  static Optional<String> hostname(Ingress ingress) {
    if (ingress.getStatus() == null
        || ingress.getStatus().getLoadBalancer() == null
        || ingress.getStatus().getLoadBalancer().getIngress() == null) {
      return Optional.empty();
    }
    return ingress.getStatus().getLoadBalancer().getIngress().stream()
        .map(IngressLoadBalancerIngress::getHostname)
        .findFirst();
  }

  /** Events about the Ingress with the reason. */
  List<Event> events(String ingress, String reason) {
    return kube.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> ingress.equals(e.getInvolvedObject().getName()))
        .filter(e -> "Ingress".equals(e.getInvolvedObject().getKind()))
        .filter(e -> reason.equals(e.getReason()))
        .toList();
  }

  /**
   * Waits until the controller has made no AWS call for {@code quiet}: whatever the last change
   * triggered has been reconciled.
   */
  void awaitSettled(Duration quiet) {
    var last = new AtomicLong(-1);
    var since = new AtomicLong(System.nanoTime());
    await()
        .atMost(CONVERGED)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              long calls = controller.awsCallsTotal();
              long now = System.nanoTime();
              if (calls != last.getAndSet(calls)) {
                since.set(now);
                return false;
              }
              return Duration.ofNanos(now - since.get()).compareTo(quiet) >= 0;
            });
  }

  void awaitSettled() {
    awaitSettled(Duration.ofSeconds(2));
  }

  /**
   * Waits for the reconcile a change triggered: until the controller makes AWS calls again (a
   * reconcile reads before it writes), then until it is quiet.
   */
  void awaitReconcileAfter(long callsBefore) {
    await().atMost(CONVERGED).until(() -> controller.awsCallsTotal() > callsBefore);
    awaitSettled();
  }

  /** The calls made since {@code before}, by operation. */
  Map<String, Long> callsSince(Map<String, Long> before) {
    var since = new java.util.TreeMap<String, Long>();
    controller
        .awsCallsByOperation()
        .forEach(
            (operation, count) -> {
              long delta = count - before.getOrDefault(operation, 0L);
              if (delta > 0) {
                since.put(operation, delta);
              }
            });
    return since;
  }

  /** AWS calls of the operation that failed, whatever the error. */
  long failedAwsCalls(String operation) {
    return Math.round(
        controller.registry().find("aws.api.calls").tag("operation", operation).counters().stream()
            .filter(c -> !c.getId().getTag("error_code").isEmpty())
            .mapToDouble(io.micrometer.core.instrument.Counter::count)
            .sum());
  }

  @Override
  public void close() {
    if (controller != null) {
      controller.close();
    }
  }
}
