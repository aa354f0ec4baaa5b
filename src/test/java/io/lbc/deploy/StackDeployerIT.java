package io.lbc.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.aws.AwsClients;
import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.ec2.SdkEc2;
import io.lbc.aws.elbv2.Elbv2;
import io.lbc.aws.elbv2.SdkElbv2;
import io.lbc.deploy.ec2.BackendSecurityGroup;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.model.ResourceType;
import io.lbc.model.Stack;
import io.lbc.model.StackId;
import io.lbc.model.elbv2.CapacityReservationSpec;
import io.lbc.model.elbv2.LoadBalancerSpec;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Crds;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/** The deployer against moto and the real apiserver, with hand-built stacks. */
@RigTest
class StackDeployerIT {
  static final String CLUSTER = "deploy-it";

  private AwsTestClients aws;
  private KubernetesClient kube;
  private TestNamespace namespace;
  private AwsFixtures.TestVpc vpc;
  private SimpleMeterRegistry registry;
  private AwsClients clients;
  private StackId stackId;

  @BeforeEach
  void setUp(AwsTestClients aws, KubernetesClient kube, TestNamespace namespace) {
    this.aws = aws;
    this.kube = kube;
    this.namespace = namespace;
    Crds.apply(kube);
    vpc = AwsFixtures.clusterVpc(aws.ec2(), CLUSTER);
    registry = new SimpleMeterRegistry();
    clients =
        new AwsClients(aws.controllerSettings(vpc.vpcId()), AwsTestClients.CREDENTIALS, registry);
    stackId = StackId.implicitIngressGroup(namespace.name(), "web");
  }

  @AfterEach
  void tearDown() {
    clients.close();
  }

  private StackDeployer deployer(Elbv2 elbv2, Ec2 ec2) {
    return new StackDeployer(dependencies(elbv2, ec2));
  }

  private StackDeployer.Dependencies dependencies(Elbv2 elbv2, Ec2 ec2) {
    return new StackDeployer.Dependencies(
        elbv2,
        ec2,
        kube,
        new ElbTagCache(elbv2),
        new BackendSecurityGroup(ec2, CLUSTER, vpc.vpcId(), Optional.empty()),
        CLUSTER,
        vpc.vpcId(),
        Set.of());
  }

  private StackDeployer deployer() {
    return deployer(new SdkElbv2(clients.elbv2()), new SdkEc2(clients.ec2()));
  }

  private Stack stack(TestStacks.Options options) {
    return TestStacks.alb(stackId, namespace.name(), options);
  }

  private double writes() {
    return registry.find("aws.api.calls").counters().stream()
        .filter(c -> CrashingPorts.isWrite(lowerFirst(c.getId().getTag("operation"))))
        .mapToDouble(Counter::count)
        .sum();
  }

  private static String lowerFirst(String operation) {
    return Character.toLowerCase(operation.charAt(0)) + operation.substring(1);
  }

  /** moto answers a modified simple forward with only a ForwardConfig (rig/moto-gaps.md #13). */
  private static String forwardedTo(
      software.amazon.awssdk.services.elasticloadbalancingv2.model.Action action) {
    return action.targetGroupArn() != null
        ? action.targetGroupArn()
        : action.forwardConfig().targetGroups().get(0).targetGroupArn();
  }

  @Test
  void deploysEveryResourceWithItsTrackingTagsAndTheBinding() {
    DeployResult result = deployer().deploy(stack(TestStacks.defaults(vpc.publicSubnetIds())));

    var lbs = aws.elbv2().describeLoadBalancers().loadBalancers();
    assertThat(lbs)
        .singleElement()
        .satisfies(
            lb -> {
              assertThat(lb.loadBalancerName()).isEqualTo("k8s-web-web-0123456789");
              assertThat(lb.availabilityZones())
                  .extracting(z -> z.subnetId())
                  .containsExactlyInAnyOrderElementsOf(vpc.publicSubnetIds());
              assertThat(lb.securityGroups()).hasSize(2);
            });
    String lbArn = lbs.get(0).loadBalancerArn();
    assertThat(result.loadBalancerArn()).contains(lbArn);
    assertThat(result.dnsName()).contains(lbs.get(0).dnsName());
    assertThat(aws.elbv2().describeTags(r -> r.resourceArns(lbArn)).tagDescriptions().get(0).tags())
        .extracting(Tag::key, Tag::value)
        .contains(
            org.assertj.core.groups.Tuple.tuple("elbv2.k8s.aws/cluster", CLUSTER),
            org.assertj.core.groups.Tuple.tuple("ingress.k8s.aws/stack", stackId.value()),
            org.assertj.core.groups.Tuple.tuple("ingress.k8s.aws/resource", "LoadBalancer"),
            org.assertj.core.groups.Tuple.tuple("team", "web"));
    var listeners = aws.elbv2().describeListeners(r -> r.loadBalancerArn(lbArn)).listeners();
    assertThat(listeners).singleElement().satisfies(l -> assertThat(l.port()).isEqualTo(80));
    var rules =
        aws.elbv2().describeRules(r -> r.listenerArn(listeners.get(0).listenerArn())).rules();
    assertThat(rules)
        .filteredOn(r -> !r.isDefault())
        .singleElement()
        .satisfies(r -> assertThat(r.priority()).isEqualTo("1"));
    var tgs = aws.elbv2().describeTargetGroups().targetGroups();
    assertThat(tgs)
        .singleElement()
        .satisfies(
            tg -> {
              assertThat(tg.healthCheckPath()).isEqualTo("/healthz");
              assertThat(tg.targetTypeAsString()).isEqualTo("ip");
            });
    assertThat(
            kube.resources(TargetGroupBinding.class)
                .inNamespace(namespace.name())
                .list()
                .getItems())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.getSpec().targetGroupARN).isEqualTo(tgs.get(0).targetGroupArn());
              assertThat(b.getSpec().networking.ingress.get(0).from.get(0).securityGroup.groupID)
                  .startsWith("sg-");
            });
  }

  @Test
  void redeployingAnUnchangedStackWritesNothing() {
    Stack stack = stack(TestStacks.defaults(vpc.publicSubnetIds()));
    deployer().deploy(stack);
    double afterFirst = writes();
    assertThat(afterFirst).isPositive();

    deployer().deploy(stack); // a fresh deployer: nothing cached from the first deploy
    assertThat(writes()).as("AWS writes of a no-op deploy").isEqualTo(afterFirst);
  }

  @Test
  void aHealthCheckChangeModifiesInPlaceAndATargetTypeChangeReplaces() {
    var options = TestStacks.defaults(vpc.publicSubnetIds());
    deployer().deploy(stack(options));
    String firstArn = aws.elbv2().describeTargetGroups().targetGroups().get(0).targetGroupArn();

    deployer()
        .deploy(
            stack(
                new TestStacks.Options(
                    options.targetType(), "/ready", 5, options.paths(), options.subnetsCsv())));
    var modified = aws.elbv2().describeTargetGroups().targetGroups();
    assertThat(modified)
        .singleElement()
        .satisfies(
            tg -> {
              assertThat(tg.targetGroupArn()).isEqualTo(firstArn);
              assertThat(tg.healthCheckPath()).isEqualTo("/ready");
              assertThat(tg.healthyThresholdCount()).isEqualTo(5);
            });

    deployer()
        .deploy(
            stack(
                new TestStacks.Options(
                    "instance", "/ready", 5, options.paths(), options.subnetsCsv())));
    var replaced = aws.elbv2().describeTargetGroups().targetGroups();
    assertThat(replaced)
        .singleElement()
        .satisfies(
            tg -> {
              assertThat(tg.targetGroupArn()).isNotEqualTo(firstArn);
              assertThat(tg.targetTypeAsString()).isEqualTo("instance");
            });
    String lbArn = aws.elbv2().describeLoadBalancers().loadBalancers().get(0).loadBalancerArn();
    String listenerArn =
        aws.elbv2()
            .describeListeners(r -> r.loadBalancerArn(lbArn))
            .listeners()
            .get(0)
            .listenerArn();
    assertThat(aws.elbv2().describeRules(r -> r.listenerArn(listenerArn)).rules())
        .filteredOn(r -> !r.isDefault())
        .singleElement()
        .satisfies(
            r ->
                assertThat(forwardedTo(r.actions().get(0)))
                    .isEqualTo(replaced.get(0).targetGroupArn()));
    assertThat(
            kube.resources(TargetGroupBinding.class)
                .inNamespace(namespace.name())
                .list()
                .getItems())
        .singleElement()
        .satisfies(
            b ->
                assertThat(b.getSpec().targetGroupARN).isEqualTo(replaced.get(0).targetGroupArn()));
  }

  @Test
  void aChangedRuleIsModifiedInPlace() {
    var options = TestStacks.defaults(vpc.publicSubnetIds());
    deployer().deploy(stack(options));
    String lbArn = aws.elbv2().describeLoadBalancers().loadBalancers().get(0).loadBalancerArn();
    String listenerArn =
        aws.elbv2()
            .describeListeners(r -> r.loadBalancerArn(lbArn))
            .listeners()
            .get(0)
            .listenerArn();
    String ruleArn =
        aws.elbv2().describeRules(r -> r.listenerArn(listenerArn)).rules().stream()
            .filter(r -> !r.isDefault())
            .findFirst()
            .orElseThrow()
            .ruleArn();

    deployer()
        .deploy(
            stack(
                new TestStacks.Options(
                    options.targetType(),
                    options.healthCheckPath(),
                    2,
                    List.of("/v2", "/v2/*"),
                    options.subnetsCsv())));

    assertThat(aws.elbv2().describeRules(r -> r.listenerArn(listenerArn)).rules())
        .filteredOn(r -> !r.isDefault())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.ruleArn()).isEqualTo(ruleArn);
              assertThat(r.conditions().get(0).pathPatternConfig().values())
                  .containsExactly("/v2", "/v2/*");
            });
    assertThat(registry.find("aws.api.calls").tag("operation", "DeleteRule").counter()).isNull();
    assertThat(registry.find("aws.api.calls").tag("operation", "ModifyRule").counter().count())
        .isEqualTo(1.0);
  }

  @Test
  void aControllerKilledAfterAnyWriteAdoptsWhatExistsAndNeverDuplicates() {
    Stack stack = stack(TestStacks.defaults(vpc.publicSubnetIds()));
    int crashes = 0;
    while (true) {
      var left = new AtomicInteger(1); // every restart dies right after its first write
      StackDeployer restarted =
          deployer(
              CrashingPorts.crashAfter(Elbv2.class, new SdkElbv2(clients.elbv2()), left),
              CrashingPorts.crashAfter(Ec2.class, new SdkEc2(clients.ec2()), left));
      try {
        restarted.deploy(stack);
        break; // this run got through without reaching its crash point: converged
      } catch (CrashingPorts.SimulatedCrash expected) {
        crashes++;
      }
    }
    assertThat(crashes).as("writes of a full create").isGreaterThanOrEqualTo(8);

    assertThat(aws.elbv2().describeLoadBalancers().loadBalancers()).hasSize(1);
    String lbArn = aws.elbv2().describeLoadBalancers().loadBalancers().get(0).loadBalancerArn();
    var listeners = aws.elbv2().describeListeners(r -> r.loadBalancerArn(lbArn)).listeners();
    assertThat(listeners).hasSize(1);
    assertThat(
            aws.elbv2().describeRules(r -> r.listenerArn(listeners.get(0).listenerArn())).rules())
        .filteredOn(r -> !r.isDefault())
        .hasSize(1);
    assertThat(aws.elbv2().describeTargetGroups().targetGroups()).hasSize(1);
    assertThat(
            aws.ec2()
                .describeSecurityGroups(r -> r.filters(f -> f.name("vpc-id").values(vpc.vpcId())))
                .securityGroups())
        .filteredOn(g -> !g.groupName().equals("default"))
        .hasSize(2); // the managed frontend group and the shared backend group
    assertThat(
            kube.resources(TargetGroupBinding.class)
                .inNamespace(namespace.name())
                .list()
                .getItems())
        .hasSize(1);
    double before = writes();
    deployer().deploy(stack);
    assertThat(writes()).as("writes after converging").isEqualTo(before);
  }

  /**
   * The controller reads a stack's bindings from an informer, which may not have seen a binding
   * made a moment ago: the create that then finds the name taken reads that binding and brings it
   * to the stack's spec and labels, never a second binding nor a failed deploy.
   */
  @Test
  void aBindingTheCacheHasNotSeenYetIsFoundByNameAndUpdated() {
    Stack stack = stack(TestStacks.defaults(vpc.publicSubnetIds()));
    deployer().deploy(stack);
    var bindings = kube.resources(TargetGroupBinding.class).inNamespace(namespace.name());
    TargetGroupBinding made = bindings.list().getItems().get(0);
    var labels = new java.util.HashMap<>(made.getMetadata().getLabels());
    io.lbc.rig.Edits.edit(
        bindings.withName(made.getMetadata().getName()),
        b -> {
          b.getMetadata().setLabels(java.util.Map.of("team", "web"));
          return b;
        });

    var lagging =
        new StackDeployer(
            dependencies(new SdkElbv2(clients.elbv2()), new SdkEc2(clients.ec2())),
            io.lbc.metrics.ReconcileStages.off(),
            io.lbc.metrics.TargetGroupInfo.off(),
            selector -> List.of());
    lagging.deploy(stack);

    assertThat(bindings.list().getItems())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.getMetadata().getUid()).isEqualTo(made.getMetadata().getUid());
              assertThat(b.getMetadata().getLabels()).containsAllEntriesOf(labels);
            });
  }

  @Test
  void deployingOnlyTheAddOnsLeavesEveryOtherResourceAlone() {
    deployer().deploy(stack(TestStacks.defaults(vpc.publicSubnetIds())));
    String lb = aws.elbv2().describeLoadBalancers().loadBalancers().get(0).loadBalancerArn();
    int groups = aws.elbv2().describeTargetGroups().targetGroups().size();
    var addOns = new Stack(stackId);
    addOns.add(
        LoadBalancerSpec.ID,
        new CapacityReservationSpec(
            ResourceType.LOAD_BALANCER.ref(LoadBalancerSpec.ID, LoadBalancerSpec.ARN), 100));
    double before = writes();

    deployer().deployAddOns(addOns, lb);

    assertThat(
            aws.elbv2()
                .describeCapacityReservation(r -> r.loadBalancerArn(lb))
                .minimumLoadBalancerCapacity()
                .capacityUnits())
        .isEqualTo(100);
    assertThat(writes() - before).as("the reservation is the only write").isEqualTo(1);
    assertThat(aws.elbv2().describeLoadBalancers().loadBalancers())
        .extracting(l -> l.loadBalancerArn())
        .containsExactly(lb);
    assertThat(aws.elbv2().describeTargetGroups().targetGroups()).hasSize(groups);
    assertThat(aws.elbv2().describeListeners(r -> r.loadBalancerArn(lb)).listeners()).isNotEmpty();
  }

  @Test
  void deployingAnEmptyStackRemovesEverythingTheStackOwned() {
    deployer().deploy(stack(TestStacks.defaults(vpc.publicSubnetIds())));
    deployer().deploy(new Stack(stackId));

    assertThat(aws.elbv2().describeLoadBalancers().loadBalancers()).isEmpty();
    assertThat(aws.elbv2().describeTargetGroups().targetGroups()).isEmpty();
    assertThat(
            aws.ec2()
                .describeSecurityGroups(
                    r -> r.filters(f -> f.name("tag-key").values("elbv2.k8s.aws/cluster")))
                .securityGroups())
        .as("security groups carrying the cluster tag")
        .isEmpty();
    assertThat(
            kube.resources(TargetGroupBinding.class)
                .inNamespace(namespace.name())
                .list()
                .getItems())
        .isEmpty();
  }

  @Test
  void aMissingSubnetFailsTheDeployWithoutPartialLoadBalancer() {
    var options =
        new TestStacks.Options(
            "ip", "/", 2, List.of("/"), "subnet-doesnotexist1,subnet-doesnotexist2");
    assertThatThrownBy(() -> deployer().deploy(stack(options)))
        .isInstanceOf(RuntimeException.class);
    assertThat(aws.elbv2().describeLoadBalancers().loadBalancers()).isEmpty();
  }
}
