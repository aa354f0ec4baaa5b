package io.lbc.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.aws.AwsClients;
import io.lbc.aws.ec2.SdkEc2;
import io.lbc.aws.elbv2.SdkElbv2;
import io.lbc.deploy.ec2.BackendSecurityGroup;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.model.Stack;
import io.lbc.model.StackId;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Crds;
import io.lbc.rig.Edits;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A binding being deleted still deregisters its targets and revokes its rules: its target group and
 * the backend security group its rules name must outlive it.
 */
@RigTest
class TargetGroupBindingReleaseIT {
  private static final String CLUSTER = "release-it";
  private static final String HOLD = "test.lbc.io/hold";

  private AwsTestClients aws;
  private KubernetesClient kube;
  private TestNamespace namespace;
  private AwsFixtures.TestVpc vpc;
  private AwsClients clients;
  private StackId stackId;

  @BeforeEach
  void setUp(AwsTestClients aws, KubernetesClient kube, TestNamespace namespace) {
    this.aws = aws;
    this.kube = kube;
    this.namespace = namespace;
    Crds.apply(kube);
    vpc = AwsFixtures.clusterVpc(aws.ec2(), CLUSTER);
    clients =
        new AwsClients(
            aws.controllerSettings(vpc.vpcId()),
            AwsTestClients.CREDENTIALS,
            new SimpleMeterRegistry());
    stackId = StackId.implicitIngressGroup(namespace.name(), "web");
  }

  @AfterEach
  void tearDown() {
    bindings().forEach(b -> Edits.edit(kube.resource(b), this::released));
    clients.close();
  }

  private StackDeployer deployer() {
    var elbv2 = new SdkElbv2(clients.elbv2());
    var ec2 = new SdkEc2(clients.ec2());
    return new StackDeployer(
        new StackDeployer.Dependencies(
            elbv2,
            ec2,
            kube,
            new ElbTagCache(elbv2),
            new BackendSecurityGroup(ec2, CLUSTER, vpc.vpcId(), Optional.empty()),
            CLUSTER,
            vpc.vpcId(),
            Set.of()));
  }

  private List<TargetGroupBinding> bindings() {
    return kube.resources(TargetGroupBinding.class).inNamespace(namespace.name()).list().getItems();
  }

  private TargetGroupBinding released(TargetGroupBinding binding) {
    binding.getMetadata().getFinalizers().remove(HOLD);
    return binding;
  }

  private List<String> securityGroupNames() {
    return aws
        .ec2()
        .describeSecurityGroups(
            r -> r.filters(f -> f.name("tag:elbv2.k8s.aws/cluster").values(CLUSTER)))
        .securityGroups()
        .stream()
        .map(g -> g.groupName())
        .toList();
  }

  @Test
  void targetGroupsAndTheBackendGroupWaitForTheirBindingsToBeReleased() {
    deployer()
        .deploy(
            TestStacks.alb(stackId, namespace.name(), TestStacks.defaults(vpc.publicSubnetIds())));
    // what the binding controller's finalizer does: hold the binding until its targets are gone
    bindings()
        .forEach(
            b ->
                Edits.edit(
                    kube.resource(b),
                    e -> {
                      e.getMetadata().getFinalizers().add(HOLD);
                      return e;
                    }));

    assertThatThrownBy(() -> deployer().deploy(new Stack(stackId)))
        .isInstanceOf(RetryLaterException.class)
        .hasMessageContaining("has not released its targets");
    assertThat(aws.elbv2().describeTargetGroups().targetGroups()).hasSize(1);
    assertThat(securityGroupNames()).anyMatch(n -> n.startsWith("k8s-traffic-"));

    bindings().forEach(b -> Edits.edit(kube.resource(b), this::released));
    deployer().deploy(new Stack(stackId));

    assertThat(aws.elbv2().describeLoadBalancers().loadBalancers()).isEmpty();
    assertThat(aws.elbv2().describeTargetGroups().targetGroups()).isEmpty();
    assertThat(securityGroupNames()).isEmpty();
    assertThat(bindings()).isEmpty();
  }
}
