package io.lbc.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.model.Names;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.JarCommand;
import io.lbc.rig.JarCommand.Result;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller jar's {@code plan}, run as a process against moto: it discovers the cluster's
 * subnets, prints the stack it would deploy, and creates nothing in AWS or in the cluster.
 */
@RigTest
class PlanIT {
  private static final String CLUSTER = "plan-it";

  @Test
  void printsTheStackFromDiscoveredSubnetsAndWritesNothing(
      Rig rig,
      AwsTestClients aws,
      KubernetesClient kube,
      TestNamespace namespace,
      @TempDir Path dir)
      throws Exception {
    var vpc = AwsFixtures.clusterVpc(aws.ec2(), CLUSTER);
    Path manifest = dir.resolve("web.yaml");
    Files.writeString(manifest, manifest(namespace.name()));

    Result result =
        runPlan(
            aws, List.of("--aws-vpc-id=" + vpc.vpcId(), "-o", "stack", "-f", manifest.toString()));

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    JsonNode group = new ObjectMapper().readTree(result.stdout()).get("ingressGroups").get(0);
    String stackId = namespace.name() + "/web";
    assertThat(group.get("group").asText()).isEqualTo(stackId);
    assertThat(group.has("excluded")).isFalse();
    JsonNode resources = group.get("stack").get("resources");
    JsonNode loadBalancer =
        resources.get("AWS::ElasticLoadBalancingV2::LoadBalancer").get("LoadBalancer").get("spec");
    assertThat(loadBalancer.get("name").asText())
        .isEqualTo(
            Names.namespacedName(
                namespace.name(), "web", Names.hash(CLUSTER, stackId, "internet-facing")));
    assertThat(loadBalancer.get("scheme").asText()).isEqualTo("internet-facing");
    var subnets = new ArrayList<String>();
    loadBalancer.get("subnetMapping").forEach(m -> subnets.add(m.get("subnetID").asText()));
    assertThat(subnets).containsExactlyElementsOf(vpc.publicSubnetIds().stream().sorted().toList());
    assertThat(
            resources
                .get("AWS::EC2::SecurityGroup")
                .get("ManagedLBSecurityGroup")
                .get("spec")
                .get("groupName")
                .asText())
        .isEqualTo(Names.namespacedName(namespace.name(), "web", Names.hash(CLUSTER, stackId)));
    assertThat(resources.get("K8S::ElasticLoadBalancingV2::TargetGroupBinding").size()).isOne();

    JsonNode services = new ObjectMapper().readTree(result.stdout()).get("services");
    assertThat(services).as("only the nlb-ip Service is ours").hasSize(1);
    assertThat(services.get(0).get("service").asText()).isEqualTo(namespace.name() + "/echo");
    JsonNode nlb =
        services
            .get(0)
            .get("stack")
            .get("resources")
            .get("AWS::ElasticLoadBalancingV2::LoadBalancer")
            .get("LoadBalancer")
            .get("spec");
    assertThat(nlb.get("type").asText()).isEqualTo("network");
    assertThat(nlb.get("scheme").asText()).isEqualTo("internal");
    var nlbSubnets = new ArrayList<String>();
    nlb.get("subnetMapping").forEach(m -> nlbSubnets.add(m.get("subnetID").asText()));
    assertThat(nlbSubnets)
        .containsExactlyElementsOf(vpc.privateSubnetIds().stream().sorted().toList());
    assertThat(
            services
                .get(0)
                .get("stack")
                .get("resources")
                .get("AWS::ElasticLoadBalancingV2::Listener")
                .fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("53");

    assertThat(aws.elbv2().describeLoadBalancers().loadBalancers()).isEmpty();
    assertThat(aws.elbv2().describeTargetGroups().targetGroups()).isEmpty();
    assertThat(
            aws.ec2()
                .describeSecurityGroups(r -> r.filters(f -> f.name("vpc-id").values(vpc.vpcId())))
                .securityGroups())
        .allMatch(g -> g.groupName().equals("default"));
    assertThat(kube.network().v1().ingresses().inNamespace(namespace.name()).list().getItems())
        .isEmpty();
  }

  @Test
  void showsTheAddOnsResolvingAWebAclNameWithoutAssociatingAnything(
      AwsTestClients aws, TestNamespace namespace, @TempDir Path dir) throws Exception {
    var vpc = AwsFixtures.clusterVpc(aws.ec2(), CLUSTER);
    String acl = AwsFixtures.wafv2WebAcl(aws.wafv2(), "plan-acl");
    aws.shield().createSubscription(r -> {});
    Path manifest = dir.resolve("web.yaml");
    Files.writeString(
        manifest,
        manifest(namespace.name())
            .replace(
                "alb.ingress.kubernetes.io/scheme: internet-facing",
                "alb.ingress.kubernetes.io/scheme: internet-facing\n"
                    + "    alb.ingress.kubernetes.io/wafv2-acl-name: plan-acl\n"
                    + "    alb.ingress.kubernetes.io/shield-advanced-protection: 'true'"));

    Result result =
        runPlan(
            aws, List.of("--aws-vpc-id=" + vpc.vpcId(), "-o", "stack", "-f", manifest.toString()));

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    JsonNode group = new ObjectMapper().readTree(result.stdout()).get("ingressGroups").get(0);
    assertThat(group.has("excluded")).as(result.stdout()).isFalse();
    JsonNode resources = group.get("stack").get("resources");
    assertThat(
            resources
                .get("AWS::WAFv2::WebACLAssociation")
                .get("LoadBalancer")
                .get("spec")
                .get("webACLARN")
                .asText())
        .isEqualTo(acl);
    assertThat(
            resources.get("AWS::Shield::Protection").get("LoadBalancer").get("spec").get("enabled"))
        .isEqualTo(com.fasterxml.jackson.databind.node.BooleanNode.TRUE);
    assertThat(aws.elbv2().describeLoadBalancers().loadBalancers())
        .as("no load balancer, so nothing to associate either")
        .isEmpty();
    assertThat(aws.shield().listProtections(r -> {}).protections()).isEmpty();
  }

  @Test
  void aNewStackPlansAsCreatesAndExitsTwo(
      AwsTestClients aws, TestNamespace namespace, @TempDir Path dir) throws Exception {
    var vpc = AwsFixtures.clusterVpc(aws.ec2(), CLUSTER);
    Path manifest = dir.resolve("web.yaml");
    Files.writeString(manifest, manifest(namespace.name()));

    Result result = runPlan(aws, List.of("--aws-vpc-id=" + vpc.vpcId(), "-f", manifest.toString()));

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(2);
    assertThat(result.stdout())
        .contains("Ingress group " + namespace.name() + "/web")
        .contains("+ LoadBalancer k8s-")
        .contains("+ TargetGroup k8s-")
        .contains("+ Listener k8s-")
        .contains("+ SecurityGroup k8s-")
        .contains("Service " + namespace.name() + "/echo")
        .contains("note: 1 TargetGroupBinding(s) are cluster objects")
        .containsPattern("Plan: [1-9][0-9]* to create, 0 to modify, 0 to delete, 0 unchanged.");
    assertThat(aws.elbv2().describeLoadBalancers().loadBalancers()).isEmpty();
  }

  /**
   * {@code --offline} plans with no AWS at all: every endpoint points at a closed port, yet the
   * plan lists the creates in the documented fake VPC's subnets.
   */
  @Test
  void offlinePlansWithoutAnyAwsEndpoint(TestNamespace namespace, @TempDir Path dir)
      throws Exception {
    Path manifest = dir.resolve("web.yaml");
    Files.writeString(manifest, manifest(namespace.name()));
    int closed = io.lbc.rig.ControllerProcess.freePort();
    String nowhere = "http://127.0.0.1:" + closed;

    Result result =
        JarCommand.run(
            List.of(
                "plan",
                "--offline",
                "--cluster-name=" + CLUSTER,
                "--aws-region=" + Rig.REGION,
                "--aws-api-endpoints=EC2=" + nowhere + ",Elastic Load Balancing v2=" + nowhere,
                "-o",
                "json",
                "-f",
                manifest.toString()));

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(2);
    JsonNode root = new ObjectMapper().readTree(result.stdout());
    assertThat(root.get("summary").get("create").asInt()).isPositive();
    assertThat(root.get("summary").get("modify").asInt()).isZero();
    JsonNode loadBalancer = null;
    for (JsonNode stack : root.get("stacks")) {
      for (JsonNode change : stack.get("changes")) {
        if (change.get("kind").asText().equals("LoadBalancer")
            && stack.get("kind").asText().equals("Ingress group")) {
          loadBalancer = change;
        }
      }
    }
    assertThat(loadBalancer).as(result.stdout()).isNotNull();
    assertThat(loadBalancer.toString())
        .contains("subnet-offline-public-a")
        .contains("subnet-offline-public-b")
        .contains("subnet-offline-public-c");
  }

  /**
   * An ALB Gateway and its HTTPRoute (the manifests/examples Gateway) plan as creates in the
   * discovered public subnets, exit 2, and nothing is created in AWS.
   */
  @Test
  void plansAnAlbGatewayFromDiscoveredSubnetsAndWritesNothing(AwsTestClients aws) throws Exception {
    var vpc = AwsFixtures.clusterVpc(aws.ec2(), CLUSTER);
    Path examples = Rig.repoRoot().resolve("manifests/examples");

    Result result =
        runPlan(
            aws,
            List.of(
                "--aws-vpc-id=" + vpc.vpcId(),
                "-o",
                "json",
                "-f",
                examples.resolve("2048.yaml").toString(),
                "-f",
                examples.resolve("2048-gateway.yaml").toString()));

    assertThat(result.exitCode()).as(result.stderr()).isEqualTo(2);
    JsonNode gateway = null;
    for (JsonNode stack : new ObjectMapper().readTree(result.stdout()).get("stacks")) {
      if (stack.get("kind").asText().equals("ALB Gateway")) {
        gateway = stack;
      }
    }
    assertThat(gateway).as(result.stdout()).isNotNull();
    assertThat(gateway.get("name").asText()).isEqualTo("game-2048/gateway-2048");
    var kinds = new ArrayList<String>();
    gateway
        .get("changes")
        .forEach(c -> kinds.add(c.get("action").asText() + " " + c.get("kind").asText()));
    assertThat(kinds)
        .contains("create LoadBalancer", "create Listener", "create Rule", "create TargetGroup");
    assertThat(gateway.toString())
        .contains(vpc.publicSubnetIds().get(0))
        .contains(vpc.publicSubnetIds().get(1));
    assertThat(aws.elbv2().describeLoadBalancers().loadBalancers()).isEmpty();
    assertThat(aws.elbv2().describeTargetGroups().targetGroups()).isEmpty();
  }

  @Test
  void aBadFlagIsAnErrorNamingIt(AwsTestClients aws, @TempDir Path dir) throws Exception {
    Path manifest = dir.resolve("empty.yaml");
    Files.writeString(manifest, "");
    Result result = runPlan(aws, List.of("--default-target-type=pod", "-f", manifest.toString()));

    assertThat(result.exitCode()).as("plan's 2 means changes; its errors exit 1").isEqualTo(1);
    assertThat(result.stderr()).contains("--default-target-type");
    assertThat(result.stdout()).isEmpty();
  }

  private static Result runPlan(AwsTestClients aws, List<String> extra) throws Exception {
    var args = new ArrayList<String>();
    args.add("plan");
    args.add("--cluster-name=" + CLUSTER);
    args.add("--aws-region=" + Rig.REGION);
    args.add("--aws-api-endpoints=" + aws.endpointsFlag());
    args.add("--aws-max-retries=1");
    args.addAll(extra);
    return JarCommand.run(args);
  }

  private static String manifest(String namespace) {
    return """
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata:
          name: alb
        spec:
          controller: ingress.k8s.aws/alb
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          namespace: %1$s
          name: web
          annotations:
            alb.ingress.kubernetes.io/scheme: internet-facing
        spec:
          ingressClassName: alb
          rules:
            - http:
                paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service: {name: web, port: {number: 80}}
        ---
        apiVersion: v1
        kind: Service
        metadata:
          namespace: %1$s
          name: web
        spec:
          type: NodePort
          ports:
            - port: 80
              targetPort: 8080
              nodePort: 31080
        ---
        apiVersion: v1
        kind: Service
        metadata:
          namespace: %1$s
          name: echo
          annotations:
            service.beta.kubernetes.io/aws-load-balancer-type: nlb-ip
        spec:
          type: LoadBalancer
          ports:
            - {name: dns, port: 53, targetPort: 5353, protocol: UDP}
        """
        .formatted(namespace);
  }
}
