package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.lbc.golden.AwsSnapshot;
import io.lbc.golden.GoldenFiles;
import io.lbc.k8s.ManifestClusterView;
import io.lbc.model.ResourceType;
import io.lbc.model.StackId;
import io.lbc.model.UserInputException;
import io.lbc.model.ec2.SecurityGroupSpec;
import io.lbc.model.elbv2.LoadBalancerSpec;
import io.lbc.model.elbv2.TargetGroupSpec;
import io.lbc.plan.IngressPlanner;
import io.lbc.plan.Manifests;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlbStackBuilderTest {
  private static final Path VANILLA = GoldenFiles.root("ingress").resolve("vanilla-internal");

  private static final String HEAD =
      """
      apiVersion: networking.k8s.io/v1
      kind: IngressClass
      metadata: {name: alb}
      spec: {controller: ingress.k8s.aws/alb}
      ---
      apiVersion: v1
      kind: Service
      metadata: {namespace: ns, name: svc}
      spec:
        type: NodePort
        ports: [{name: http, port: 80, targetPort: 8080, nodePort: 30080}]
      ---
      apiVersion: v1
      kind: Service
      metadata: {namespace: ns, name: v6}
      spec:
        type: NodePort
        ipFamilies: [IPv6]
        ports: [{name: http, port: 80, targetPort: 8080, nodePort: 30081}]
      ---
      apiVersion: v1
      kind: Service
      metadata: {namespace: ns, name: cluster-ip}
      spec:
        ports: [{name: http, port: 80, targetPort: 8080}]
      """;

  /** A member of group "g" with the given order, annotations (YAML map entries) and backend. */
  private static String member(
      String name, int order, String annotations, String service, String port) {
    return """
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          namespace: ns
          name: %s
          annotations:
            alb.ingress.kubernetes.io/group.name: g
            alb.ingress.kubernetes.io/group.order: "%d"
        %s
        spec:
          ingressClassName: alb
          rules:
            - host: %s.example.com
              http:
                paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service: {name: %s, port: {%s}}
        """
        .formatted(
            name,
            order,
            annotations.lines().map(l -> "    " + l).reduce("", (a, b) -> a + b + "\n"),
            name,
            service,
            port);
  }

  private static String member(String name, int order, String annotations) {
    return member(name, order, annotations, "svc", "name: http");
  }

  private static IngressPlanner.GroupOutcome build(List<String> flags, String... members) {
    AwsSnapshot aws = GoldenFiles.aws(VANILLA);
    var view = new ManifestClusterView(Manifests.parse(HEAD + String.join("", members)));
    var planner = AlbStackGoldenTestAccess.planner(VANILLA, aws, flags);
    List<IngressPlanner.GroupOutcome> outcomes = planner.build(view);
    assertThat(outcomes).hasSize(1);
    return outcomes.get(0);
  }

  private static AlbBuildResult result(String... members) {
    return build(List.of(), members).result().orElseThrow();
  }

  @Test
  void theVanillaCaseHasTheReferencesGoldenNamesAndHashes() {
    var view = new ManifestClusterView(Manifests.typed(GoldenFiles.manifests(VANILLA)));
    var outcome = AlbStackGoldenTest.planner(VANILLA, GoldenFiles.aws(VANILLA)).build(view).get(0);
    var stack = outcome.result().orElseThrow().stack();

    assertThat(stack.id()).isEqualTo(StackId.implicitIngressGroup("ns-1", "ing-1"));
    assertThat(
            stack
                .resources(ResourceType.LOAD_BALANCER, LoadBalancerSpec.class)
                .get(0)
                .spec()
                .name())
        .isEqualTo("k8s-ns1-ing1-b7e914000d");
    assertThat(
            stack
                .resources(ResourceType.SECURITY_GROUP, SecurityGroupSpec.class)
                .get(0)
                .spec()
                .groupName())
        .isEqualTo("k8s-ns1-ing1-bd83176788");
    assertThat(stack.resources(ResourceType.TARGET_GROUP, TargetGroupSpec.class))
        .extracting(r -> r.id(), r -> r.spec().name())
        .contains(
            tuple("ns-1/ing-1-svc-1:http", "k8s-ns1-svc1-9889425938"),
            tuple("ns-1/ing-1-svc-3:https", "k8s-ns1-svc3-bf42870fba"));
  }

  @Test
  void aLaterMemberThatConflictsIsLeftOutNamingTheAnnotationAndTheEarlierMember() {
    AlbBuildResult result =
        result(
            member("a", 1, "alb.ingress.kubernetes.io/listen-ports: '[{\"HTTP\": 80}]'"),
            member(
                "b",
                2,
                "alb.ingress.kubernetes.io/listen-ports: '[{\"HTTPS\": 80}]'\n"
                    + "alb.ingress.kubernetes.io/certificate-arn: arn:cert"),
            member("c", 3, "alb.ingress.kubernetes.io/tags: team=c"),
            member("d", 4, "alb.ingress.kubernetes.io/tags: team=d"));

    assertThat(result.built()).extracting(GroupMember::key).containsExactly("ns/a", "ns/c");
    assertThat(result.excluded())
        .extracting(ExcludedMember::key, e -> e.error().field())
        .containsExactly(
            tuple("ns/b", "alb.ingress.kubernetes.io/listen-ports"),
            tuple("ns/d", "alb.ingress.kubernetes.io/tags"));
    assertThat(result.excluded().get(0).error())
        .hasMessageContaining("80 as HTTPS")
        .hasMessageContaining("set by ns/a");
    assertThat(result.excluded().get(1).error())
        .hasMessageContaining("team=d")
        .hasMessageContaining("ns/c");
    assertThat(result.deployable()).isTrue();
    assertThat(result.listenerPorts()).containsExactly(80);
  }

  @Test
  void inboundCidrsMustAgreePerPortInAnyOrderAndBeValid() {
    AlbBuildResult result =
        result(
            member("a", 1, "alb.ingress.kubernetes.io/inbound-cidrs: 10.0.0.0/8, 172.16.0.0/12"),
            member("b", 2, "alb.ingress.kubernetes.io/inbound-cidrs: 172.16.0.0/12,10.0.0.0/8"),
            member("c", 3, "alb.ingress.kubernetes.io/inbound-cidrs: 10.0.0.0/8"),
            member("d", 4, "alb.ingress.kubernetes.io/inbound-cidrs: 10.0.0.300/8"));

    assertThat(result.built()).extracting(GroupMember::key).containsExactly("ns/a", "ns/b");
    assertThat(result.excluded())
        .extracting(ExcludedMember::key, e -> e.error().getMessage())
        .anySatisfy(t -> assertThat(t.toList()).contains("ns/c"))
        .anySatisfy(
            t -> assertThat(t.toList().get(1).toString()).contains("'10.0.0.300/8' is not a CIDR"));
  }

  @Test
  void onlyOneMemberMaySetTheDefaultBackend() {
    String withDefault =
        member("a", 1, "x: y")
            .replace(
                "  rules:",
                "  defaultBackend: {service: {name: svc, port: {name: http}}}\n  rules:");
    String alsoDefault =
        member("b", 2, "x: y")
            .replace(
                "  rules:",
                "  defaultBackend: {service: {name: svc, port: {name: http}}}\n  rules:");

    AlbBuildResult result = result(withDefault, alsoDefault);

    assertThat(result.excluded())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.key()).isEqualTo("ns/b");
              assertThat(e.error().field()).isEqualTo("spec.defaultBackend");
              assertThat(e.error()).hasMessageContaining("ns/a");
            });
  }

  @Test
  void anSslRedirectToAPortWithoutHttpsLeavesOutTheMemberAskingForIt() {
    AlbBuildResult result =
        result(
            member("a", 1, "x: y"),
            member("b", 2, "alb.ingress.kubernetes.io/ssl-redirect: '443'"));

    assertThat(result.built()).extracting(GroupMember::key).containsExactly("ns/a");
    assertThat(result.excluded())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.error().field()).isEqualTo("alb.ingress.kubernetes.io/ssl-redirect");
              assertThat(e.error()).hasMessageContaining("no HTTPS listener on it");
            });
  }

  @Test
  void anIpv6ServiceNeedsADualstackLoadBalancer() {
    AlbBuildResult result =
        result(member("a", 1, "x: y"), member("b", 2, "x: y", "v6", "name: http"));

    assertThat(result.excluded())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.key()).isEqualTo("ns/b");
              assertThat(e.error().field()).isEqualTo("alb.ingress.kubernetes.io/ip-address-type");
              assertThat(e.error()).hasMessageContaining("Service ns/v6 is IPv6");
            });
  }

  @Test
  void backendMistakesNameTheFieldToFix() {
    AlbBuildResult result =
        result(
            member("a", 1, "x: y", "cluster-ip", "name: http"),
            member("b", 2, "x: y", "svc", "name: https"),
            member("c", 3, "x: y", "svc", "number: 80"));

    assertThat(result.built()).extracting(GroupMember::key).containsExactly("ns/c");
    assertThat(result.excluded())
        .extracting(ExcludedMember::key, e -> e.error().field())
        .containsExactly(
            tuple("ns/a", "alb.ingress.kubernetes.io/target-type"),
            tuple("ns/b", "spec.rules[0].http.paths[0].backend.service"));
    assertThat(result.excluded().get(0).error())
        .hasMessageContaining("instance targets need a NodePort");
    assertThat(result.excluded().get(1).error()).hasMessageContaining("has no port named 'https'");
  }

  @Test
  void aMissingServiceIsAnErrorWhenNotTolerated() {
    var outcome =
        build(
            List.of("--tolerate-non-existent-backend-service=false"),
            member("a", 1, "x: y", "gone", "number: 80"));

    AlbBuildResult result = outcome.result().orElseThrow();
    assertThat(result.deployable()).isFalse();
    assertThat(result.stack().isEmpty()).isTrue();
    assertThat(result.excluded().get(0).error())
        .hasMessageContaining("Service ns/gone does not exist");
  }

  @Test
  void deletingAMalformedMemberStillWorksAndTheOthersConverge() {
    String deleting =
        member("z", 9, "alb.ingress.kubernetes.io/healthcheck-interval-seconds: often")
            .replace(
                "  name: z\n",
                "  name: z\n  deletionTimestamp: '2026-01-01T00:00:00Z'\n"
                    + "  finalizers: [group.ingress.k8s.aws/g]\n");

    var outcome = build(List.of(), member("a", 1, "x: y"), deleting);

    assertThat(outcome.group().leaving())
        .extracting(i -> i.getMetadata().getName())
        .containsExactly("z");
    AlbBuildResult result = outcome.result().orElseThrow();
    assertThat(result.excluded()).isEmpty();
    assertThat(result.deletionProtected()).isEmpty();
    assertThat(result.built()).extracting(GroupMember::key).containsExactly("ns/a");
  }

  @Test
  void aGroupWhoseMembersAllLeftBuildsAnEmptyDeployableStack() {
    var view = new ManifestClusterView(Manifests.parse(HEAD));
    var builder =
        new AlbStackBuilder(
            AlbStackGoldenTestAccess.cluster(List.of()),
            view,
            AlbStackGoldenTestAccess.readers(VANILLA));
    var group =
        new IngressGroup(StackId.explicitIngressGroup("g"), List.of(), List.of(), List.of());

    AlbBuildResult result = builder.build(group, java.util.Optional.empty());

    assertThat(result.stack().isEmpty()).isTrue();
    assertThat(result.deployable()).isTrue();
  }

  @Test
  void aGroupWithoutUsableSubnetsFailsAsAWholeNamingTheSubnetsAnnotation() {
    var outcome =
        build(List.of(), member("a", 1, "alb.ingress.kubernetes.io/subnets: subnet-a, subnet-c"));

    assertThat(outcome.failure())
        .get()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("alb.ingress.kubernetes.io/subnets");
              assertThat(e).hasMessageContaining("more than one subnet in us-west-2a");
            });
  }

  @Test
  void malformedValuesAreUserErrorsNamingTheAnnotation() {
    AlbBuildResult result =
        result(
            member("a", 1, "alb.ingress.kubernetes.io/scheme: public"),
            member(
                "b",
                2,
                "alb.ingress.kubernetes.io/load-balancer-name: a-name-that-is-far-too-long-for-aws"),
            member(
                "c",
                3,
                "alb.ingress.kubernetes.io/actions.svc: '{\"type\": \"forward\"}'",
                "svc",
                "name: use-annotation"),
            member("d", 4, "alb.ingress.kubernetes.io/conditions.svc: '[{\"field\": \"cookie\"}]'"),
            member("e", 5, "alb.ingress.kubernetes.io/backend-protocol: TCP"));

    assertThat(result.excluded())
        .extracting(e -> e.error().field())
        .containsExactly(
            "alb.ingress.kubernetes.io/scheme",
            "alb.ingress.kubernetes.io/load-balancer-name",
            "alb.ingress.kubernetes.io/actions.svc",
            "alb.ingress.kubernetes.io/conditions.svc",
            "alb.ingress.kubernetes.io/backend-protocol");
    assertThat(result.excluded())
        .allSatisfy(e -> assertThat(e.error()).isInstanceOf(UserInputException.class));
    assertThat(result.deployable()).isFalse();
  }
}
