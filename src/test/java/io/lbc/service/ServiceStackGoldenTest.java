package io.lbc.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Service;
import io.lbc.config.ClusterContext;
import io.lbc.config.ControllerConfig;
import io.lbc.deploy.ElbTagCache;
import io.lbc.deploy.StackResourceFinder;
import io.lbc.golden.AwsSnapshot;
import io.lbc.golden.GoldenFiles;
import io.lbc.golden.SnapshotEc2;
import io.lbc.golden.SnapshotElbv2;
import io.lbc.model.ResourceType;
import io.lbc.model.Stack;
import io.lbc.model.StackId;
import io.lbc.model.StackJson;
import io.lbc.model.UserInputException;
import io.lbc.model.ec2.SecurityGroupSpec;
import io.lbc.model.elbv2.LoadBalancerSpec;
import io.lbc.model.elbv2.TargetGroupSpec;
import io.lbc.networking.SecurityGroupResolver;
import io.lbc.networking.SubnetResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden stacks of Services: each case under {@code golden/service/<case>/} holds the Service
 * ({@code input.yaml}), the AWS account it is built against ({@code aws.json}), optional controller
 * flags ({@code flags.txt}, one per line), and either {@code expected-stack.json} or {@code
 * expected-error.txt}. Cases ported from the reference controller's own tests also hold {@code
 * reference-names.json}: the names the reference computes, checked independently of the golden file
 * so that a rewrite with {@code -Dlbc.update=true} cannot hide a naming change.
 */
class ServiceStackGoldenTest {
  private static final String STACK = "expected-stack.json";
  private static final String ERROR = "expected-error.txt";

  static List<String> cases() {
    return GoldenFiles.cases("service").stream().map(p -> p.getFileName().toString()).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void buildsTheExpectedStack(String name) throws IOException {
    Path dir = GoldenFiles.root("service").resolve(name);
    AwsSnapshot aws = GoldenFiles.aws(dir);
    ControllerConfig config = TestConfigs.fromFlags(flags(dir));
    var cluster =
        new ClusterContext(config.clusterName(), aws.vpc().vpcId(), aws.vpc().ipv4Cidrs(), config);
    List<Service> services =
        GoldenFiles.manifests(dir).stream()
            .filter(Service.class::isInstance)
            .map(Service.class::cast)
            .toList();
    // the first Service is the one built; the others are what its actions.* may name
    Service service = services.get(0);
    assertThat(new ServiceSelector(config).selects(service))
        .as("every golden Service is one this controller serves")
        .isTrue();

    var ec2 = SnapshotEc2.of(aws);
    var elbv2 = SnapshotElbv2.of(aws);
    var existing =
        new StackResourceFinder(
                elbv2, new ElbTagCache(elbv2), cluster.clusterName(), cluster.vpcId())
            .loadBalancer(
                StackId.service(
                    service.getMetadata().getNamespace(), service.getMetadata().getName()));
    var builder =
        new ServiceStackBuilder(
            cluster,
            new SubnetResolver(ec2, cluster),
            new SecurityGroupResolver(ec2, cluster.vpcId()),
            ec2);

    Stack stack = null;
    String actual;
    String file;
    try {
      stack = builder.build(service, existing, BackendServices.of(services));
      actual = StackJson.toJson(stack);
      file = STACK;
    } catch (UserInputException e) {
      actual = e.getMessage() + "\n";
      file = ERROR;
    }
    Path other = dir.resolve(file.equals(STACK) ? ERROR : STACK);
    if (Boolean.getBoolean("lbc.update")) {
      Files.deleteIfExists(other);
    }
    assertThat(other)
        .as(
            "the case expects %s, but the build produced %s:%n%s",
            other.getFileName(), file, actual)
        .doesNotExist();
    GoldenFiles.assertMatches(dir, file, actual);

    Path referenceNames = dir.resolve("reference-names.json");
    if (Files.exists(referenceNames)) {
      assertThat(stack).as("a case with reference names builds a stack").isNotNull();
      Map<String, String> expected =
          new ObjectMapper().readValue(Files.readString(referenceNames), new TypeReference<>() {});
      assertThat(names(stack)).containsAllEntriesOf(expected);
    }
  }

  private static List<String> flags(Path dir) throws IOException {
    Path file = dir.resolve("flags.txt");
    if (!Files.exists(file)) {
      return List.of();
    }
    return Files.readAllLines(file).stream().map(String::trim).filter(l -> !l.isEmpty()).toList();
  }

  /** The AWS name of every named resource, by resource id. */
  private static Map<String, String> names(Stack stack) {
    var names = new LinkedHashMap<String, String>();
    stack
        .resources(ResourceType.LOAD_BALANCER, LoadBalancerSpec.class)
        .forEach(r -> names.put(r.id(), r.spec().name()));
    stack
        .resources(ResourceType.SECURITY_GROUP, SecurityGroupSpec.class)
        .forEach(r -> names.put(r.id(), r.spec().groupName()));
    stack
        .resources(ResourceType.TARGET_GROUP, TargetGroupSpec.class)
        .forEach(r -> names.put(r.id(), r.spec().name()));
    return names;
  }
}
