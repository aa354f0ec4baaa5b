package io.lbc.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.reconcile.Conditions;
import io.lbc.reconcile.ServiceReconciler;
import io.lbc.reconcile.StackCheckpoints;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsFixtures.TestVpc;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Crds;
import io.lbc.rig.Edits;
import io.lbc.rig.InProcessController;
import io.lbc.rig.KwokNodes;
import io.lbc.rig.Rig;
import io.lbc.rig.TestNamespace;
import io.lbc.rig.Workloads;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/**
 * One Service test's world: a cluster VPC in moto, the controller running in-process and watching
 * the test's namespace, and the pods behind the Services, run by the rig on kwok nodes ({@link
 * #runPods}, {@link #convergedWebOnPods}, {@link #kwokNode}). {@link #close()} deletes the test's
 * Services and waits for the controller to let go of them, so no finalizer outlives the test;
 * nodes, which are cluster-wide, are deleted too.
 */
final class ServiceRig implements AutoCloseable {
  static final Duration CONVERGED = Duration.ofSeconds(60);

  final Rig rig;
  final KubernetesClient kube;
  final AwsTestClients aws;
  final String ns;
  final TestVpc vpc;
  private final NlbReadback readback;
  private final KwokNodes kwok;
  private String kwokPodGroup;
  private InProcessController controller;

  ServiceRig(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    this.rig = rig;
    this.kube = kube;
    this.aws = aws;
    this.ns = namespace.name();
    this.readback = new NlbReadback(aws);
    Crds.apply(kube);
    vpc = AwsFixtures.clusterVpc(aws.ec2(), InProcessController.CLUSTER_NAME);
    kwok = new KwokNodes(kube, aws.ec2());
  }

  /**
   * The cluster security group {@code pods} of the kwok node's pod interfaces; the node (in the
   * first private subnet) is made with it on first use.
   */
  String kwokPodGroup() {
    if (kwokPodGroup == null) {
      kwokPodGroup = clusterSecurityGroup("pods");
      kwok.add(ns + "-kwok", vpc.privateSubnetIds().get(0), kwokPodGroup);
    }
    return kwokPodGroup;
  }

  /**
   * A kwok node named {@code <namespace>-<suffix>} in the first private subnet, on a new instance
   * in the security groups; at most three per test, the {@link #kwokPodGroup()} node included.
   */
  KwokNodes.KwokNode kwokNode(String suffix, String... securityGroupIds) {
    return kwok.add(ns + "-" + suffix, vpc.privateSubnetIds().get(0), securityGroupIds);
  }

  /**
   * Runs the Deployment {@code app} (pods labelled {@code app: <app>}, which the Service of that
   * name selects) on the kwok node; waits until its pods are Ready and returns their IPs, sorted.
   */
  List<String> runPods(String app, int replicas) {
    kwokPodGroup();
    kube.resource(Workloads.deployment(ns, app, replicas, 8080, 1)).create();
    await().atMost(CONVERGED).until(() -> Workloads.rolledOut(kube, ns, app));
    return podIps(app);
  }

  /** The IPs of the Deployment's live pods, sorted. */
  List<String> podIps(String app) {
    return Workloads.livePods(kube, ns, app).stream()
        .map(p -> p.getStatus().getPodIP())
        .sorted()
        .toList();
  }

  /** The Deployment's live pods as targets on the port, sorted. */
  List<String> podTargets(String app, int port) {
    return podIps(app).stream().map(ip -> ip + ":" + port).toList();
  }

  /**
   * The nlb-ip Service "web" (port 80 → 8080) over two pods the rig runs on a kwok node (the
   * endpoint-slice controller publishes them), converged.
   */
  LoadBalancer convergedWebOnPods() {
    convergeOnPods(
        ServiceObjects.nlbIp(ns, "web", Map.of(), ServiceObjects.port("http", 80, "TCP", 8080)), 2);
    return state().requireLoadBalancer(ns, "web");
  }

  /**
   * Runs {@code replicas} pods the Service selects ({@link #runPods}), creates the Service, and
   * waits until it is ready with exactly those pods registered on every port; returns the Service
   * as it was when it turned ready.
   */
  Service convergeOnPods(Service service, int replicas) {
    String name = service.getMetadata().getName();
    List<String> podIps = runPods(name, replicas);
    create(service);
    Service ready = awaitReady(name);
    LoadBalancer lb = readback.requireLoadBalancer(ns, name);
    for (ServicePort port : service.getSpec().getPorts()) {
      int targetPort = port.getTargetPort().getIntVal();
      awaitTargets(
          readback.targetGroupOf(lb, port.getPort()).targetGroupArn(),
          podIps.stream().map(ip -> ip + ":" + targetPort).toList());
    }
    return ready;
  }

  /** Starts the controller (again); flags are added to the rig's defaults. */
  InProcessController start(String... flags) {
    if (controller != null) {
      controller.close();
    }
    controller = InProcessController.start(rig, aws, vpc.vpcId(), ns, flags);
    return controller;
  }

  /** Stops the controller, as a crash or a rollout would. */
  void stop() {
    if (controller != null) {
      controller.close();
      controller = null;
    }
  }

  /** AWS as the test's own clients see it. */
  NlbReadback state() {
    return readback;
  }

  InProcessController controller() {
    return controller;
  }

  Service create(Service service) {
    return kube.resource(service).create();
  }

  Service get(String name) {
    return kube.services().inNamespace(ns).withName(name).get();
  }

  Service edit(String name, UnaryOperator<Service> change) {
    return Edits.edit(kube.services().inNamespace(ns).withName(name), change);
  }

  /** Sets the annotation {@code PREFIX + suffix}; null removes it. */
  Service annotate(String name, String suffix, String value) {
    var change = new HashMap<String, String>();
    change.put(suffix, value);
    return annotate(name, change);
  }

  /** Sets the annotations {@code PREFIX + suffix} to the values; a null value removes one. */
  Service annotate(String name, Map<String, String> valuesBySuffix) {
    return edit(
        name,
        s -> {
          var annotations = new HashMap<>(s.getMetadata().getAnnotations());
          valuesBySuffix.forEach(
              (suffix, value) -> {
                if (value == null) {
                  annotations.remove(ServiceObjects.PREFIX + suffix);
                } else {
                  annotations.put(ServiceObjects.PREFIX + suffix, value);
                }
              });
          s.getMetadata().setAnnotations(annotations);
          return s;
        });
  }

  /** A security group in the cluster VPC, tagged for the cluster as node and pod groups are. */
  String clusterSecurityGroup(String name) {
    return AwsFixtures.clusterSecurityGroup(
        aws.ec2(), vpc.vpcId(), name, InProcessController.CLUSTER_NAME);
  }

  /** The LoadBalancerReady condition, once the Service has one. */
  Optional<Condition> readyCondition(String name) {
    Service service = get(name);
    if (service == null || service.getStatus() == null) {
      return Optional.empty();
    }
    return service.getStatus().getConditions().stream()
        .filter(c -> Conditions.LOAD_BALANCER_READY.equals(c.getType()))
        .findFirst();
  }

  /** Waits until the Service says its load balancer is ready at a hostname; returns it. */
  Service awaitReady(String name) {
    await()
        .atMost(CONVERGED)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              assertThat(readyCondition(name))
                  .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
              assertThat(get(name).getStatus().getLoadBalancer().getIngress()).isNotEmpty();
            });
    return get(name);
  }

  /** Waits until the targets registered in the target group are exactly these. */
  void awaitTargets(String targetGroupArn, List<String> expected) {
    await()
        .atMost(CONVERGED)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () ->
                assertThat(readback.targets(targetGroupArn))
                    .containsExactlyInAnyOrderElementsOf(expected));
  }

  /**
   * Restarts the controller and asserts that reconciling the unchanged Services again makes no AWS
   * write; returns the new controller.
   */
  InProcessController restartWritesNothing() {
    // as if an older controller had deployed: no checkpoint spares the new one its AWS reads
    for (Service service : kube.services().inNamespace(ns).list().getItems()) {
      var annotations = service.getMetadata().getAnnotations();
      if (annotations != null && annotations.containsKey(StackCheckpoints.ANNOTATION)) {
        edit(
            service.getMetadata().getName(),
            s -> {
              s.getMetadata().getAnnotations().remove(StackCheckpoints.ANNOTATION);
              return s;
            });
      }
    }
    InProcessController restarted = start();
    await().atMost(CONVERGED).until(() -> restarted.awsCalls("DescribeLoadBalancers") > 0);
    await()
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(restarted.awsWrites()).isZero());
    return restarted;
  }

  /** The controller's AWS writes so far, once they stopped growing for two seconds. */
  long settledWrites() {
    var last = new java.util.concurrent.atomic.AtomicLong(-1);
    await()
        .during(Duration.ofSeconds(2))
        .atMost(CONVERGED)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              long now = controller.awsWrites();
              return now == last.getAndSet(now);
            });
    return controller.awsWrites();
  }

  List<Event> events(String serviceName, String reason) {
    return kube.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> serviceName.equals(e.getInvolvedObject().getName()))
        .filter(e -> "Service".equals(e.getInvolvedObject().getKind()))
        .filter(e -> reason.equals(e.getReason()))
        .toList();
  }

  List<TargetGroupBinding> bindings() {
    return kube.resources(TargetGroupBinding.class).inNamespace(ns).list().getItems();
  }

  static boolean hasFinalizer(Service service) {
    return service.getMetadata().getFinalizers().contains(ServiceReconciler.FINALIZER);
  }

  /** Deletes the Service and waits until the controller has let go of it. */
  void delete(String name) {
    kube.services().inNamespace(ns).withName(name).delete();
    await().atMost(CONVERGED).pollInterval(Duration.ofMillis(200)).until(() -> get(name) == null);
  }

  @Override
  public void close() {
    try {
      releaseAll();
    } finally {
      if (controller != null) {
        controller.close();
      }
      kwok.close();
    }
  }

  /**
   * Deletes what the test left and gives the controller a while to clean up; finalizers still held
   * then are removed, so nothing of this test holds on in its (never terminating) namespace.
   */
  private void releaseAll() {
    var services = kube.services().inNamespace(ns);
    var bindings = kube.resources(TargetGroupBinding.class).inNamespace(ns);
    services.delete();
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> services.list().getItems().isEmpty() && bindings.list().getItems().isEmpty());
    } catch (RuntimeException | AssertionError e) {
      // stripped below
    } finally {
      for (Service left : services.list().getItems()) {
        Edits.edit(services.withName(left.getMetadata().getName()), ServiceRig::withoutFinalizers);
      }
      for (TargetGroupBinding left : bindings.list().getItems()) {
        Edits.edit(bindings.withName(left.getMetadata().getName()), ServiceRig::withoutFinalizers);
      }
    }
  }

  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T withoutFinalizers(
      T object) {
    object.getMetadata().setFinalizers(List.of());
    return object;
  }
}
