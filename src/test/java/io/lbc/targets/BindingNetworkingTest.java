package io.lbc.targets;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.lbc.fake.InMemoryCluster;
import io.lbc.fake.InMemoryEc2;
import io.lbc.fake.InMemoryEc2.StoredRule;
import io.lbc.fake.InMemoryElbv2Targets;
import io.lbc.fake.K8sObjects;
import io.lbc.fake.K8sObjects.Ep;
import io.lbc.fake.MutableClock;
import io.lbc.k8s.EventReasons;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.TargetGroupBindingSpec;
import io.lbc.k8s.TargetGroupBindingSpec.BindingTargetType;
import io.lbc.networking.BackendRules;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine's backend security group rules, against in-memory EC2. */
class BindingNetworkingTest {
  private static final String NS = "shop";

  private final InMemoryElbv2Targets elbv2 = new InMemoryElbv2Targets();
  private final InMemoryEc2 ec2 = new InMemoryEc2();
  private final InMemoryCluster cluster = new InMemoryCluster();
  private TargetGroupBindingEngine engine;

  @BeforeEach
  void setUp() {
    ec2.addSecurityGroup("sg-node", Map.of());
    ec2.addSecurityGroup("sg-pod", Map.of());
    ec2.addSecurityGroup("sg-cluster", Map.of("kubernetes.io/cluster/test", "owned"));
    engine =
        new TargetGroupBindingEngine(
            new TargetGroupBindingEngine.Settings(
                "test", ec2.addVpc("vpc-1", "10.0.0.0/16"), Duration.ofHours(1)),
            new TargetGroupBindingEngine.Dependencies(
                elbv2,
                ec2,
                cluster,
                cluster,
                new SimpleMeterRegistry(),
                new MutableClock(Instant.parse("2026-01-01T00:00:00Z"))));
  }

  private static TargetGroupBindingSpec.Networking from(String groupId, Object... ports) {
    var peer = new TargetGroupBindingSpec.NetworkingPeer();
    peer.securityGroup = new TargetGroupBindingSpec.SecurityGroupPeer();
    peer.securityGroup.groupID = groupId;
    var rule = new TargetGroupBindingSpec.NetworkingIngressRule();
    rule.from = List.of(peer);
    rule.ports =
        java.util.Arrays.stream(ports)
            .map(
                p -> {
                  var port = new TargetGroupBindingSpec.NetworkingPort();
                  port.port =
                      p instanceof Integer i ? new IntOrString(i) : new IntOrString((String) p);
                  return port;
                })
            .toList();
    var networking = new TargetGroupBindingSpec.Networking();
    networking.ingress = List.of(rule);
    return networking;
  }

  private TargetGroupBinding instanceBinding(String name, int nodePort) {
    String arn = elbv2.addTargetGroup(name, "instance").arn();
    cluster.put(K8sObjects.nodePortService(NS, name, 80, nodePort, false));
    var binding = K8sObjects.binding(NS, name, arn, BindingTargetType.INSTANCE, name, 80);
    binding.getSpec().networking = from("sg-backend", nodePort);
    cluster.put(binding);
    return binding;
  }

  private static StoredRule fromBackend(int from, int to) {
    return new StoredRule("tcp", from, to, null, null, "sg-backend", BackendRules.DESCRIPTION);
  }

  @Test
  void instanceTargetsGetRulesOnTheirNodesPrimaryInterfaceShareThemAndLoseThemLast() {
    ec2.addInstance("i-1", "10.0.1.1", "sg-node");
    cluster.put(K8sObjects.node("n1", "i-1", true, Map.of()));
    var a = instanceBinding("a", 30080);
    var b = instanceBinding("b", 30090);

    engine.reconcile(a);
    engine.reconcile(b);
    assertThat(ec2.rules("sg-node")).containsExactly(fromBackend(30080, 30090));

    cluster.removeBinding(NS, "b");
    engine.cleanup(b);
    assertThat(ec2.rules("sg-node")).containsExactly(fromBackend(30080, 30080));

    cluster.removeBinding(NS, "a");
    engine.cleanup(a);
    assertThat(ec2.rules("sg-node")).isEmpty();
  }

  @Test
  void ipTargetsGetRulesOnTheirPodsInterfaceWithNamedPortsResolved() {
    ec2.addNetworkInterface("eni-1", List.of("10.0.2.1", "10.0.2.2"), "sg-pod", "sg-cluster");
    String arn = elbv2.addTargetGroup("web", "ip").arn();
    cluster.put(K8sObjects.service(NS, "web", 80));
    cluster.put(K8sObjects.pod(NS, "web-a", "10.0.2.1", 8080, true, true));
    cluster.put(K8sObjects.pod(NS, "web-b", "10.0.2.2", 8081, true, true));
    cluster.put(
        K8sObjects.slice(
            NS,
            "web-1",
            "web",
            8080,
            List.of(Ep.ready("10.0.2.1").pod("web-a"), Ep.ready("10.0.2.2").pod("web-b"))));
    var binding = K8sObjects.binding(NS, "web", arn, BindingTargetType.IP, "web", 80);
    binding.getSpec().networking = from("sg-backend", "web");
    cluster.put(binding);

    engine.reconcile(binding);

    assertThat(ec2.rules("sg-cluster")).containsExactly(fromBackend(8080, 8081));
    assertThat(ec2.rules("sg-pod")).isEmpty();
  }

  @Test
  void aNetworkFailureIsReportedButTargetsAreStillRegistered() {
    cluster.put(K8sObjects.node("n1", "i-404", true, Map.of()));
    var binding = instanceBinding("a", 30080);

    var outcome = engine.reconcile(binding);

    assertThat(elbv2.targets(binding.getSpec().targetGroupARN)).hasSize(1);
    assertThat(outcome.warnings())
        .singleElement()
        .satisfies(w -> assertThat(w.reason()).isEqualTo(EventReasons.FAILED_NETWORK_RECONCILE));
    // retried after --targetgroupbinding-requeue-duration (15 s by default)
    assertThat(outcome.requeueAfter()).contains(Duration.ofSeconds(15));
    assertThat(binding.getMetadata().getAnnotations()).doesNotContainKey(Checkpoint.ANNOTATION);
  }
}
