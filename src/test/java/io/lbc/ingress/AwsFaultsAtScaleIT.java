package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.lbc.fake.K8sObjects;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.TargetGroupBindingSpec.BindingTargetType;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.FaultProxy;
import io.lbc.rig.FaultProxy.Faults;
import io.lbc.rig.KwokNodes;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import io.lbc.rig.Workloads;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;

/**
 * The fault run at the size issue 15 asks for: the 2048 Ingress of {@code
 * manifests/examples/2048.yaml} (ip targets, its pods run by kwok), an nlb-ip Service over the same
 * pods and ten TargetGroupBindings converge once fault-free and once with 30 % of every call
 * throttled and 5 % answered with a 5xx, through {@link FaultProxy}. Under faults it converges,
 * makes at most 1.5 × the fault-free run's calls, and creates exactly what the fault-free run
 * created: no second load balancer or target group for any stack.
 */
@RigTest
class AwsFaultsAtScaleIT {
  private static final Logger log = LoggerFactory.getLogger(AwsFaultsAtScaleIT.class);
  private static final Duration CONVERGED = Duration.ofSeconds(240);
  private static final String APP_LABEL = "app.kubernetes.io/name";
  private static final int BINDINGS = 10;

  private FaultProxy proxy;
  private IngressRig it;
  private KwokNodes kwok;
  private Ingress ingress2048;

  @AfterEach
  void stop() {
    try {
      if (it != null) {
        kube().resources(TargetGroupBinding.class).inNamespace(it.ns).delete();
        kube().services().inNamespace(it.ns).delete();
        kube().network().v1().ingresses().inNamespace(it.ns).delete();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    kube()
                            .resources(TargetGroupBinding.class)
                            .inNamespace(it.ns)
                            .list()
                            .getItems()
                            .isEmpty()
                        && kube()
                            .network()
                            .v1()
                            .ingresses()
                            .inNamespace(it.ns)
                            .list()
                            .getItems()
                            .isEmpty());
      }
    } finally {
      if (it != null) {
        it.close();
      }
      if (kwok != null) {
        kwok.close();
      }
      if (proxy != null) {
        proxy.close();
      }
    }
  }

  private KubernetesClient kube() {
    return it.kube;
  }

  @Test
  void the2048IngressAnNlbIpServiceAndTenBindingsConvergeUnderFaultsWithoutDuplicates(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace ns) throws Exception {
    proxy = FaultProxy.start(rig.motoUrl());
    it = IngressRig.start(rig, kube, aws, ns, proxy.endpointsFlag(), "--aws-max-retries=10");
    kwok = new KwokNodes(kube, aws.ec2());
    String podGroup =
        AwsFixtures.clusterSecurityGroup(aws.ec2(), it.vpc.vpcId(), "pods", IngressRig.CLUSTER);
    kwok.add(ns.name() + "-kwok", it.vpc.privateSubnetIds().get(0), podGroup);
    Set<String> podIps = apply2048(kube, ns.name());
    it.awaitSettled();

    Run clean = converge("clean", podIps);
    deleteRun("clean");
    it.awaitNothingLeftInAws();
    it.awaitSettled();

    proxy.setDefault(Faults.none().throttling(0.3).serverErrors(0.05));
    Run faulty = converge("faulty", podIps);
    proxy.clearFaults();
    long injected =
        proxy.calls().stream().filter(c -> c.outcome() != FaultProxy.Outcome.FORWARDED).count();

    log.info(
        "measured 2048 Ingress + nlb-ip Service + {} bindings: fault-free {} calls ({} attempts)"
            + " converged in {} ms; under 30 % throttling + 5 % 5xx {} calls ({}x, {} attempts)"
            + " converged in {} ms; faults injected in all: {}; created fault-free: {}; created"
            + " under faults: {}",
        BINDINGS,
        clean.calls(),
        clean.attempts(),
        clean.millis(),
        faulty.calls(),
        String.format("%.2f", faulty.calls() / (double) clean.calls()),
        faulty.attempts(),
        faulty.millis(),
        injected,
        clean.created().counts(),
        faulty.created().counts());

    assertThat(injected).as("faults were injected").isGreaterThan(0);
    assertThat(clean.created().loadBalancers()).as("the ALB and the NLB").hasSize(2);
    assertThat(clean.created().targetGroups()).hasSize(2 + BINDINGS);
    assertThat(faulty.created().counts())
        .as("no duplicate resource, nothing more than fault-free")
        .isEqualTo(clean.created().counts());
    assertThat(faulty.calls()).isLessThanOrEqualTo(Math.round(1.5 * clean.calls()));
  }

  /** What converging one set of objects cost and made. */
  private record Run(long calls, long attempts, long millis, VpcInventory created) {}

  private Run converge(String run, Set<String> podIps) {
    VpcInventory before = VpcInventory.of(it.aws, it.vpc.vpcId());
    List<String> userGroups =
        java.util.stream.IntStream.range(0, BINDINGS)
            .mapToObj(
                i ->
                    AwsFixtures.targetGroup(
                        it.aws.elbv2(), run + "-" + i, it.vpc.vpcId(), TargetTypeEnum.IP))
            .toList();
    long calls = it.controller().awsCallsTotal();
    int attempts = proxy.calls().size();
    long started = System.nanoTime();
    Ingress ingress = Serialization.clone(ingress2048);
    ingress.getMetadata().setName("ingress-" + run);
    it.kube.resource(ingress).create();
    it.service(NLB_IP.replace("NAME", "nlb-" + run));
    for (int i = 0; i < BINDINGS; i++) {
      var binding =
          K8sObjects.binding(
              it.ns,
              "tgb-" + run + "-" + i,
              userGroups.get(i),
              BindingTargetType.IP,
              "service-2048",
              80);
      binding.getMetadata().setUid(null);
      binding.getMetadata().setGeneration(null);
      it.kube.resource(binding).create();
    }
    await()
        .atMost(CONVERGED)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              assertThat(it.get("ingress-" + run).flatMap(IngressRig::hostname)).isPresent();
              assertThat(serviceHostname("nlb-" + run)).isTrue();
              VpcInventory now = VpcInventory.of(it.aws, it.vpc.vpcId()).since(before);
              assertThat(now.targetGroups()).hasSizeGreaterThanOrEqualTo(2 + BINDINGS);
              for (String group : now.targetGroups()) {
                assertThat(ips(it.aws.targets(group))).as(group).isEqualTo(podIps);
              }
            });
    long millis = (System.nanoTime() - started) / 1_000_000;
    it.awaitSettled(Duration.ofSeconds(3));
    return new Run(
        it.controller().awsCallsTotal() - calls,
        proxy.calls().size() - attempts,
        millis,
        VpcInventory.of(it.aws, it.vpc.vpcId()).since(before));
  }

  private void deleteRun(String run) {
    var bindings = it.kube.resources(TargetGroupBinding.class).inNamespace(it.ns);
    bindings.delete();
    it.kube.services().inNamespace(it.ns).withName("nlb-" + run).delete();
    it.delete("ingress-" + run);
    await()
        .atMost(CONVERGED)
        .until(
            () ->
                bindings.list().getItems().isEmpty()
                    && it.kube.services().inNamespace(it.ns).withName("nlb-" + run).get() == null
                    && it.get("ingress-" + run).isEmpty());
  }

  private boolean serviceHostname(String name) {
    Service service = it.kube.services().inNamespace(it.ns).withName(name).get();
    return service != null
        && service.getStatus() != null
        && service.getStatus().getLoadBalancer() != null
        && service.getStatus().getLoadBalancer().getIngress() != null
        && !service.getStatus().getLoadBalancer().getIngress().isEmpty();
  }

  private static Set<String> ips(List<String> targets) {
    return targets.stream()
        .map(t -> t.substring(0, t.indexOf(':')))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * Creates the Deployment and the Service of {@code manifests/examples/2048.yaml} in the namespace
   * and keeps its Ingress; waits until the 3 pods run and returns their IPs.
   */
  private Set<String> apply2048(KubernetesClient kube, String namespace) throws Exception {
    List<HasMetadata> objects;
    try (InputStream in =
        Files.newInputStream(Rig.repoRoot().resolve("manifests/examples/2048.yaml"))) {
      objects = kube.load(in).items();
    }
    for (HasMetadata object : objects) {
      if (object instanceof Ingress ingress) {
        ingress.getMetadata().setNamespace(namespace);
        ingress2048 = ingress;
      } else if (!"Namespace".equals(object.getKind())) {
        object.getMetadata().setNamespace(namespace);
        kube.resource(object).create();
      }
    }
    assertThat(ingress2048).isNotNull();
    await()
        .atMost(Duration.ofSeconds(120))
        .until(
            () -> {
              List<Pod> pods = pods(kube, namespace);
              return pods.size() == 3
                  && pods.stream()
                      .allMatch(
                          p -> Workloads.isTrue(p, "Ready") && p.getStatus().getPodIP() != null);
            });
    return pods(kube, namespace).stream()
        .map(p -> p.getStatus().getPodIP())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<Pod> pods(KubernetesClient kube, String namespace) {
    return kube
        .pods()
        .inNamespace(namespace)
        .withLabel(APP_LABEL, "app-2048")
        .list()
        .getItems()
        .stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .toList();
  }

  private static final String NLB_IP =
      """
      apiVersion: v1
      kind: Service
      metadata:
        namespace: '%1$s'
        name: NAME
        annotations:
          service.beta.kubernetes.io/aws-load-balancer-type: nlb-ip
      spec:
        type: LoadBalancer
        selector: {app.kubernetes.io/name: app-2048}
        ports: [{name: http, port: 80, targetPort: http, protocol: TCP}]
      """;
}
