package io.lbc.networking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lbc.aws.ec2.Subnet;
import io.lbc.config.ClusterContext;
import io.lbc.config.ControllerConfig;
import io.lbc.config.ControllerFlags;
import io.lbc.golden.AwsSnapshot;
import io.lbc.golden.SnapshotEc2;
import io.lbc.model.LoadBalancerScheme;
import io.lbc.model.UserInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SubnetResolverTest {
  private static final String FIELD = "alb.ingress.kubernetes.io/subnets";
  private final List<Subnet> subnets = new ArrayList<>();

  private Subnet subnet(String id, String zone, int freeIps, Map<String, String> tags) {
    var subnet =
        new Subnet(id, "vpc-1", zone, zone + "-id", "10.0.0.0/24", List.of(), freeIps, null, tags);
    subnets.add(subnet);
    return subnet;
  }

  private SubnetResolver resolver(String... flags) {
    return new SubnetResolver(
        SnapshotEc2.of(new AwsSnapshot(null, subnets, null, null, null, null, null, null, null)),
        new ClusterContext("c1", "vpc-1", List.of("10.0.0.0/16"), config(flags)));
  }

  static ControllerConfig config(String... extra) {
    var holder = new Holder();
    var args = new ArrayList<>(List.of("--cluster-name=c1", "--aws-region=us-west-2"));
    args.addAll(List.of(extra));
    new CommandLine(holder).parseArgs(args.toArray(String[]::new));
    return holder.flags.toConfig(Map.of());
  }

  @CommandLine.Command
  static class Holder {
    @CommandLine.Mixin ControllerFlags flags;
  }

  private static SubnetRequest discover(LoadBalancerScheme scheme, boolean alb) {
    return new SubnetRequest(
        FIELD, scheme, alb, false, Optional.empty(), Optional.empty(), List.of());
  }

  @Test
  void discoversOnePerZonePreferringThisClustersTagThenTheLowestId() {
    subnet("subnet-c", "us-west-2a", 100, Map.of("kubernetes.io/role/elb", "1"));
    subnet(
        "subnet-d",
        "us-west-2a",
        100,
        Map.of("kubernetes.io/role/elb", "", "kubernetes.io/cluster/c1", "shared"));
    subnet("subnet-b", "us-west-2b", 100, Map.of("kubernetes.io/role/elb", "1"));
    subnet("subnet-a", "us-west-2b", 100, Map.of("kubernetes.io/role/elb", "1"));
    subnet("subnet-p", "us-west-2c", 100, Map.of("kubernetes.io/role/internal-elb", "1"));

    assertThat(resolver().resolve(discover(LoadBalancerScheme.INTERNET_FACING, true)))
        .containsExactly("subnet-a", "subnet-d");
    assertThat(resolver().resolve(discover(LoadBalancerScheme.INTERNAL, false)))
        .containsExactly("subnet-p");
  }

  @Test
  void anAlbInOneZoneFailsAndTheErrorExplainsEveryCandidate() {
    subnet("subnet-a", "us-west-2a", 100, Map.of("kubernetes.io/role/elb", "1"));
    subnet("subnet-b", "us-west-2b", 3, Map.of("kubernetes.io/role/elb", "1"));
    subnet(
        "subnet-c",
        "us-west-2c",
        100,
        Map.of("kubernetes.io/role/elb", "1", "kubernetes.io/cluster/other", "owned"));

    assertThatThrownBy(() -> resolver().resolve(discover(LoadBalancerScheme.INTERNET_FACING, true)))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining(FIELD)
        .hasMessageContaining("Evaluated 3 subnets")
        .hasMessageContaining("subnet-b (us-west-2b): 3 free IP addresses")
        .hasMessageContaining("subnet-c (us-west-2c): tagged for other clusters only")
        .hasMessageContaining("usable: [subnet-a]");
    assertThat(
            resolver("--feature-gates=ALBSingleSubnet=true")
                .resolve(discover(LoadBalancerScheme.INTERNET_FACING, true)))
        .containsExactly("subnet-a");
    assertThat(resolver().resolve(discover(LoadBalancerScheme.INTERNET_FACING, false)))
        .containsExactly("subnet-a");
  }

  @Test
  void noTaggedSubnetNamesTheTagToAdd() {
    subnet("subnet-a", "us-west-2a", 100, Map.of());
    assertThatThrownBy(
            () ->
                resolver("--feature-gates=SubnetDiscoveryByReachability=false")
                    .resolve(discover(LoadBalancerScheme.INTERNAL, false)))
        .hasMessageContaining("kubernetes.io/role/internal-elb=1");
  }

  @Test
  void explicitSubnetsByIdAndNameKeepTheirOrderAndMustBeInDistinctZones() {
    subnet("subnet-a", "us-west-2a", 100, Map.of("Name", "web-a"));
    subnet("subnet-b", "us-west-2b", 100, Map.of("Name", "web-b"));
    subnet("subnet-c", "us-west-2b", 100, Map.of());

    var explicit =
        new SubnetRequest(
            FIELD,
            LoadBalancerScheme.INTERNAL,
            true,
            false,
            Optional.of(List.of("web-b", "subnet-a")),
            Optional.empty(),
            List.of());
    assertThat(resolver().resolve(explicit)).containsExactly("subnet-b", "subnet-a");

    var sameZone =
        new SubnetRequest(
            FIELD,
            LoadBalancerScheme.INTERNAL,
            true,
            false,
            Optional.of(List.of("subnet-b", "subnet-c")),
            Optional.empty(),
            List.of());
    assertThatThrownBy(() -> resolver().resolve(sameZone))
        .hasMessageContaining("more than one subnet in us-west-2b");

    var missing =
        new SubnetRequest(
            FIELD,
            LoadBalancerScheme.INTERNAL,
            true,
            false,
            Optional.of(List.of("subnet-a", "nope")),
            Optional.empty(),
            List.of());
    assertThatThrownBy(() -> resolver().resolve(missing))
        .hasMessageContaining("no subnet named 'nope'");
  }

  @Test
  void theExistingLoadBalancersSubnetsAreReusedWithoutAnyLookup() {
    var request =
        new SubnetRequest(
            FIELD,
            LoadBalancerScheme.INTERNAL,
            true,
            false,
            Optional.empty(),
            Optional.empty(),
            List.of("subnet-z", "subnet-y"));
    // no subnets in the snapshot at all: a lookup would fail discovery
    assertThat(resolver().resolve(request)).containsExactly("subnet-y", "subnet-z");
  }
}
