package io.lbc.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.fake.K8sObjects;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.TargetGroupBindingSpec.BindingTargetType;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.ControllerProcess;
import io.lbc.rig.Crds;
import io.lbc.rig.Edits;
import io.lbc.rig.GatewayApiCrds;
import io.lbc.rig.InProcessController;
import io.lbc.rig.KwokNodes;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.ServiceAccounts;
import io.lbc.rig.TestNamespace;
import io.lbc.rig.Workloads;
import io.lbc.webhook.TestCertificates;
import io.lbc.webhook.WebhookRegistration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ListenerNotFoundException;

/**
 * The ClusterRole and Role of {@code manifests/base/rbac.yaml} are proven sufficient and minimal:
 * the controller runs with a ServiceAccount token bound to exactly them through the ALB, NLB and
 * TargetGroupBinding flows; the apiserver's audit log then shows no denied request, and every verb
 * of every rule used at least once — so removing any of them would deny something the controller
 * does.
 */
@RigTest
class RbacIT {
  private static final Duration CONVERGED = Duration.ofSeconds(60);

  @Test
  void theControllersRoleIsSufficientAndEveryRuleIsUsed(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace)
      throws Exception {
    String ns = namespace.name();
    Crds.apply(kube);
    // before the controller starts: it turns its Gateway controllers on only when these serve
    GatewayApiCrds.apply(rig, kube);
    var vpc = AwsFixtures.clusterVpc(aws.ec2(), InProcessController.CLUSTER_NAME);
    try (var nodes = new KwokNodes(kube, aws.ec2())) {
      kwokNode(nodes, aws, vpc, ns);
      runTheFlows(rig, kube, aws, vpc, ns);
    }
  }

  /** Runs the controller with the manifests' roles through every flow, and checks the audit. */
  private static void runTheFlows(
      Rig rig, KubernetesClient kube, AwsTestClients aws, AwsFixtures.TestVpc vpc, String ns)
      throws Exception {
    kube.resource(
            new io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder()
                .withNewMetadata()
                .withName("alb")
                .endMetadata()
                .withNewSpec()
                .withController("ingress.k8s.aws/alb")
                .endSpec()
                .build())
        .serverSideApply();

    ClusterRole clusterRole = ServiceAccounts.fromManifests(kube, ClusterRole.class);
    Role role = ServiceAccounts.fromManifests(kube, Role.class);
    Path kubeconfig = ServiceAccounts.kubeconfig(rig, kube, ns, clusterRole, role);

    // the webhooks run with the same token: their reads are part of what the role must allow
    Path certs = Files.createTempDirectory(Rig.repoRoot().resolve("target"), "rbac-certs-");
    TestCertificates ca = TestCertificates.newCa(certs);
    ca.issue(
        certs.resolve("tls.crt"), certs.resolve("tls.key"), TestCertificates.KeyFormat.PKCS8_RSA);
    int webhookPort = ControllerProcess.freePort();
    kube.namespaces()
        .withName(ns)
        .edit(
            n -> {
              n.getMetadata().getLabels().put("elbv2.k8s.aws/pod-readiness-gate-inject", "enabled");
              return n;
            });
    try (var controller =
            InProcessController.start(
                rig,
                aws,
                vpc.vpcId(),
                ns,
                "--kubeconfig=" + kubeconfig,
                "--enable-leader-election=true",
                "--leader-election-namespace=" + ns,
                "--webhook-bind-host=127.0.0.1",
                "--webhook-bind-port=" + webhookPort,
                "--webhook-cert-dir=" + certs,
                // the agent webhooks read their configuration with the controller's token too
                "--feature-gates=ALBTargetControlAgent=true");
        var webhooks = WebhookRegistration.register(kube, webhookPort, ca.caPem(), ns, true)) {
      await().atMost(CONVERGED).until(() -> controller.runtime().isReady());
      assertThat(webhooks).isNotNull();
      exerciseIngressClassParams(kube, ns);
      exerciseInjectingPodWebhooks(kube, ns);
      exerciseAlb(kube, aws, ns);
      exerciseNlb(kube, aws, ns);
      exerciseBindingOfAUserTargetGroup(kube, aws, ns);
      exerciseGateway(kube, ns);
      exerciseNlbGateway(kube, ns);
      deleteEverything(kube, ns);
      assertThat(controller.leadershipLost()).as("the lease was renewed throughout").isFalse();
    }

    List<JsonNode> requests = audited(rig, "system:serviceaccount:" + ns + ":lbc");
    assertThat(requests).as("requests made with the controller's token").isNotEmpty();
    assertThat(
            requests.stream()
                .filter(r -> r.path("responseStatus").path("code").asInt() == 403)
                .map(RbacIT::describe)
                .toList())
        .as("denied requests: the role is missing a permission")
        .isEmpty();
    Set<String> used = new TreeSet<>();
    requests.forEach(r -> used.add(describe(r)));
    // a server-side apply that creates the object is audited as a patch answered 201, and needs
    // the create verb as well
    requests.stream()
        .filter(
            r ->
                "patch".equals(r.path("verb").asText())
                    && r.path("responseStatus").path("code").asInt() == 201)
        .forEach(r -> used.add(describe(r).replaceFirst("^patch ", "create ")));
    // the Operator SDK refuses to start leader election unless the role allows update on leases
    // ("No permission to lease resource ... missing required verbs: [update]"), though it renews
    // with patch
    used.add("update coordination.k8s.io/leases");
    // read only under --enable-endpoint-slices=false; EndpointsApiIT runs the controller with
    // these roles and that flag, and sees its targets registered
    used.add("list endpoints");
    used.add("watch endpoints");
    List<String> unused = new ArrayList<>();
    for (PolicyRule rule : concat(clusterRole.getRules(), role.getRules())) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            String permission = verb + " " + (group.isEmpty() ? "" : group + "/") + resource;
            if (!used.contains(permission)) {
              unused.add(permission);
            }
          }
        }
      }
    }
    assertThat(unused)
        .as("permissions never used (the role is not minimal); used: " + used)
        .isEmpty();
  }

  private static void exerciseAlb(KubernetesClient kube, AwsTestClients aws, String ns) {
    kube.resource(K8sObjects.service(ns, "web", 80)).create();
    String webIp = podIp(runPod(kube, ns, "web"));
    var ingress =
        new io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder()
            .withNewMetadata()
            .withName("web")
            .withNamespace(ns)
            .addToAnnotations("alb.ingress.kubernetes.io/target-type", "ip")
            .endMetadata()
            .withNewSpec()
            .withIngressClassName("alb")
            .addNewRule()
            .withNewHttp()
            .addNewPath()
            .withPath("/")
            .withPathType("Prefix")
            .withNewBackend()
            .withNewService()
            .withName("web")
            .withNewPort()
            .withName("http")
            .endPort()
            .endService()
            .endBackend()
            .endPath()
            .endHttp()
            .endRule()
            .endSpec()
            .build();
    kube.resource(ingress).create();
    await()
        .atMost(CONVERGED)
        .untilAsserted(
            () -> {
              assertThat(
                      kube.network()
                          .v1()
                          .ingresses()
                          .inNamespace(ns)
                          .withName("web")
                          .get()
                          .getStatus()
                          .getLoadBalancer()
                          .getIngress())
                  .isNotEmpty();
              assertThat(targets(aws)).contains(webIp + ":8080");
            });
    // OIDC authentication: the Secret it names is listed and watched by name
    exerciseOidcSecret(kube, aws, ns);
    // a malformed annotation, reported twice: an Event created, then its count patched
    for (String value : List.of("abc", "abcd")) {
      Edits.edit(
          kube.network().v1().ingresses().inNamespace(ns).withName("web"),
          i -> {
            i.getMetadata()
                .getAnnotations()
                .put("alb.ingress.kubernetes.io/healthcheck-interval-seconds", "abc");
            i.getMetadata().getAnnotations().put("touch", value);
            return i;
          });
      await()
          .atMost(CONVERGED)
          .untilAsserted(
              () ->
                  assertThat(kube.v1().events().inNamespace(ns).list().getItems())
                      .anyMatch(
                          e ->
                              "FailedBuildModel".equals(e.getReason())
                                  && e.getCount() != null
                                  && e.getCount() >= ("abc".equals(value) ? 1 : 2)));
    }
  }

  private static void exerciseNlb(KubernetesClient kube, AwsTestClients aws, String ns) {
    var service = K8sObjects.service(ns, "echo", 80);
    service.getMetadata().setUid(null);
    service
        .getMetadata()
        .setAnnotations(
            java.util.Map.of("service.beta.kubernetes.io/aws-load-balancer-type", "nlb-ip"));
    service.getSpec().setType("LoadBalancer");
    kube.resource(service).create();
    String echoIp = podIp(runPod(kube, ns, "echo"));
    await()
        .atMost(CONVERGED)
        .untilAsserted(
            () -> {
              assertThat(
                      kube.services()
                          .inNamespace(ns)
                          .withName("echo")
                          .get()
                          .getStatus()
                          .getLoadBalancer()
                          .getIngress())
                  .isNotEmpty();
              assertThat(targets(aws)).contains(echoIp + ":8080");
            });
  }

  /** Validated by its webhook, then used by an Ingress class (read by the Ingress webhook). */
  /**
   * The pod webhooks that read or write the cluster: the QUIC server ID webhook takes its worker ID
   * from the ConfigMap kube-system/quic-server-id-worker-tracker (get, then update with the
   * resourceVersion it read, so two replicas never share one); the ALB target control agent webhook
   * gets its ALBTargetControlConfig by name.
   */
  private static void exerciseInjectingPodWebhooks(KubernetesClient kube, String ns) {
    // present before the controller's first claim, so that the claim is an update (a missing one
    // is created, which the multi-cluster TargetGroupBinding path proves already)
    var tracker =
        kube.configMaps()
            .inNamespace("kube-system")
            .resource(
                new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                    .withNewMetadata()
                    .withNamespace("kube-system")
                    .withName("quic-server-id-worker-tracker")
                    .endMetadata()
                    .addToData("nextWorkerId", "41")
                    .build());
    tracker.forceConflicts().serverSideApply();
    Edits.edit(
        kube.namespaces().withName(ns),
        n -> {
          n.getMetadata().getLabels().put("elbv2.k8s.aws/quic-server-id-inject", "enabled");
          return n;
        });
    var agentConfig = new io.lbc.k8s.AlbTargetControlConfig();
    agentConfig.getMetadata().setNamespace(ns);
    agentConfig.getMetadata().setName(io.lbc.k8s.AlbTargetControlConfig.NAME);
    var agentSpec = new io.lbc.k8s.AlbTargetControlConfigSpec();
    agentSpec.image = "agent";
    agentSpec.dataAddress = "0.0.0.0:80";
    agentSpec.controlAddress = "0.0.0.0:3000";
    agentSpec.destinationAddress = "127.0.0.1:8080";
    agentConfig.setSpec(agentSpec);
    kube.resource(agentConfig).create();

    Pod pod =
        new io.fabric8.kubernetes.api.model.PodBuilder()
            .withNewMetadata()
            .withNamespace(ns)
            .withName("injected")
            .addToLabels("elbv2.k8s.aws/alb-target-control-agent-inject", "true")
            .addToAnnotations(
                "service.beta.kubernetes.io/aws-load-balancer-quic-enabled-containers", "app")
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("app")
            .withImage("app")
            .endContainer()
            .endSpec()
            .build();
    Pod created = kube.resource(pod).create();

    assertThat(created.getSpec().getContainers())
        .extracting(io.fabric8.kubernetes.api.model.Container::getName)
        .containsExactly("app", "alb-target-control-agent");
    assertThat(created.getSpec().getContainers().get(0).getEnv())
        .anyMatch(e -> "AWS_LBC_QUIC_SERVER_ID".equals(e.getName()) && e.getValue() != null);
    assertThat(tracker.get().getData())
        .as("the worker ID 41 was claimed: the next one stored back")
        .containsEntry("nextWorkerId", "42");
    kube.resource(created).withGracePeriod(0).delete();
  }

  private static void exerciseIngressClassParams(KubernetesClient kube, String ns) {
    var params = new io.lbc.k8s.IngressClassParams();
    params.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(ns).build());
    var spec = new io.lbc.k8s.IngressClassParamsSpec();
    spec.inboundCIDRs = List.of("10.0.0.0/8");
    spec.namespaceSelector =
        new io.fabric8.kubernetes.api.model.LabelSelectorBuilder()
            .addToMatchLabels("elbv2.k8s.aws/pod-readiness-gate-inject", "enabled")
            .build();
    params.setSpec(spec);
    kube.resource(params).create();
    kube.resource(
            new io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder()
                .withNewMetadata()
                .withName(ns)
                .endMetadata()
                .withNewSpec()
                .withController("ingress.k8s.aws/alb")
                .withNewParameters()
                .withApiGroup("elbv2.k8s.aws")
                .withKind("IngressClassParams")
                .withName(ns)
                .endParameters()
                .endSpec()
                .build())
        .create();
    var ingress =
        new io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder()
            .withNewMetadata()
            .withName("params")
            .withNamespace(ns)
            .endMetadata()
            .withNewSpec()
            .withIngressClassName(ns)
            .withNewDefaultBackend()
            .withNewService()
            .withName("web")
            .withNewPort()
            .withNumber(80)
            .endPort()
            .endService()
            .endDefaultBackend()
            .endSpec()
            .build();
    kube.resource(ingress).dryRun().create();
  }

  /**
   * A binding to a target group the user made, multi-cluster (its record is a ConfigMap), gating a
   * pod.
   */
  private static void exerciseBindingOfAUserTargetGroup(
      KubernetesClient kube, AwsTestClients aws, String ns) {
    String vpcId = aws.elbv2().describeLoadBalancers().loadBalancers().get(0).vpcId();
    String arn =
        aws.elbv2()
            .createTargetGroup(
                r -> r.name("user-made").protocol("HTTP").port(8080).targetType("ip").vpcId(vpcId))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    kube.resource(K8sObjects.service(ns, "api", 80)).create();
    var binding = K8sObjects.binding(ns, "api", arn, BindingTargetType.IP, "api", 80);
    binding.getMetadata().setUid(null);
    binding.getMetadata().setGeneration(null);
    binding.getSpec().targetGroupARN = null; // the mutating webhook finds it by name
    binding.getSpec().targetGroupName = "user-made";
    binding.getSpec().multiClusterTargetGroup = true;
    assertThat(kube.resource(binding).create().getSpec().targetGroupARN).isEqualTo(arn);
    // created after its binding: the pod webhook adds the readiness gate
    var created = runPod(kube, ns, "api");
    assertThat(created.getSpec().getReadinessGates())
        .extracting(g -> g.getConditionType())
        .contains("target-health.elbv2.k8s.aws/api");
    await()
        .atMost(CONVERGED)
        .untilAsserted(
            () ->
                assertThat(
                        kube.pods()
                            .inNamespace(ns)
                            .withName(created.getMetadata().getName())
                            .get()
                            .getStatus()
                            .getConditions())
                    .anyMatch(
                        c ->
                            "target-health.elbv2.k8s.aws/api".equals(c.getType())
                                && "True".equals(c.getStatus())));
  }

  private static void exerciseOidcSecret(KubernetesClient kube, AwsTestClients aws, String ns) {
    String certificate = AwsFixtures.importCertificate(aws.acm(), "web.example.com");
    kube.resource(
            new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata()
                .withNamespace(ns)
                .withName("oidc")
                .endMetadata()
                .addToStringData("clientID", "client")
                .addToStringData("clientSecret", "secret")
                .build())
        .create();
    Edits.edit(
        kube.network().v1().ingresses().inNamespace(ns).withName("web"),
        i -> {
          var annotations = i.getMetadata().getAnnotations();
          annotations.put("alb.ingress.kubernetes.io/listen-ports", "[{\"HTTPS\": 443}]");
          annotations.put("alb.ingress.kubernetes.io/certificate-arn", certificate);
          annotations.put("alb.ingress.kubernetes.io/auth-type", "oidc");
          annotations.put(
              "alb.ingress.kubernetes.io/auth-idp-oidc",
              "{\"issuer\":\"https://idp\",\"authorizationEndpoint\":\"https://idp/a\","
                  + "\"tokenEndpoint\":\"https://idp/t\",\"userInfoEndpoint\":\"https://idp/u\","
                  + "\"secretName\":\"oidc\"}");
          return i;
        });
    // The HTTP listener is replaced by the HTTPS one meanwhile, so a listener read a moment ago may
    // be gone when its rules are read.
    await()
        .atMost(CONVERGED)
        .ignoreExceptionsInstanceOf(ListenerNotFoundException.class)
        .untilAsserted(
            () -> {
              var listeners =
                  aws.elbv2().describeLoadBalancers().loadBalancers().stream()
                      .flatMap(
                          lb ->
                              aws
                                  .elbv2()
                                  .describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn()))
                                  .listeners()
                                  .stream())
                      .toList();
              assertThat(listeners)
                  .anySatisfy(
                      l ->
                          assertThat(
                                  aws.elbv2()
                                      .describeRules(r -> r.listenerArn(l.listenerArn()))
                                      .rules())
                              .anySatisfy(
                                  rule ->
                                      assertThat(rule.actions().get(0).typeAsString())
                                          .isEqualTo("authenticate-oidc")));
            });
  }

  /**
   * A GatewayClass with a LoadBalancerConfiguration, a Gateway whose listener takes HTTPRoutes and
   * GRPCRoutes, one of each on the echo Service; both accepted, the Gateway programmed; a
   * ListenerSet the Gateway does not allow gets its NotAllowed status; a ListenerRuleConfiguration
   * whose OIDC Secret is missing gets its status; then the Gateway and the class deleted (their
   * finalizers released).
   */
  private static void exerciseGateway(KubernetesClient kube, String ns) {
    String className = "rbac-" + ns;
    for (String yaml :
        List.of(
            """
            apiVersion: gateway.k8s.aws/v1
            kind: LoadBalancerConfiguration
            metadata: {namespace: '%1$s', name: lbc}
            spec: {scheme: internal}
            """,
            """
            apiVersion: gateway.k8s.aws/v1
            kind: TargetGroupConfiguration
            metadata: {namespace: '%1$s', name: echo}
            spec:
              targetReference: {name: echo}
              defaultConfiguration: {healthCheckConfig: {healthCheckPath: /healthz}}
            """,
            """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata: {name: '%2$s'}
            spec:
              controllerName: gateway.k8s.aws/alb
              parametersRef: {group: gateway.k8s.aws, kind: LoadBalancerConfiguration, name: lbc, namespace: '%1$s'}
            """,
            """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {namespace: '%1$s', name: gw}
            spec:
              gatewayClassName: '%2$s'
              listeners:
                - name: http
                  port: 80
                  protocol: HTTP
                  allowedRoutes: {kinds: [{kind: HTTPRoute}, {kind: GRPCRoute}]}
            """,
            """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {namespace: '%1$s', name: http}
            spec:
              parentRefs: [{name: gw}]
              rules: [{matches: [{path: {type: PathPrefix, value: /h}}], backendRefs: [{name: echo, port: 80}]}]
            """,
            """
            apiVersion: gateway.networking.k8s.io/v1
            kind: ListenerSet
            metadata: {namespace: '%1$s', name: extra}
            spec:
              parentRef: {name: gw}
              listeners: [{name: alt, port: 8080, protocol: HTTP}]
            """,
            """
            apiVersion: gateway.k8s.aws/v1
            kind: ListenerRuleConfiguration
            metadata: {namespace: '%1$s', name: sso}
            spec:
              actions:
                - type: authenticate-oidc
                  authenticateOIDCConfig:
                    issuer: https://idp.example.com
                    authorizationEndpoint: https://idp.example.com/auth
                    tokenEndpoint: https://idp.example.com/token
                    userInfoEndpoint: https://idp.example.com/userinfo
                    secret: {name: idp}
            """,
            """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GRPCRoute
            metadata: {namespace: '%1$s', name: grpc}
            spec:
              parentRefs: [{name: gw}]
              rules: [{backendRefs: [{name: echo, port: 80}]}]
            """)) {
      kube.resource(
              io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                  yaml.formatted(ns, className), HasMetadata.class))
          .create();
    }
    await()
        .atMost(CONVERGED)
        .untilAsserted(
            () -> {
              for (var kind : List.of("httproutes", "grpcroutes")) {
                var route =
                    kube.genericKubernetesResources(
                            "gateway.networking.k8s.io/v1",
                            kind.equals("httproutes") ? "HTTPRoute" : "GRPCRoute")
                        .inNamespace(ns)
                        .withName(kind.equals("httproutes") ? "http" : "grpc")
                        .get();
                assertThat(io.fabric8.kubernetes.client.utils.Serialization.asJson(route))
                    .contains("\"reason\":\"Accepted\"");
              }
              var gateway =
                  kube.resources(io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway.class)
                      .inNamespace(ns)
                      .withName("gw")
                      .get();
              assertThat(gateway.getStatus().getConditions())
                  .anyMatch(c -> c.getType().equals("Programmed") && c.getStatus().equals("True"));
              // the three configurations carry their finalizers
              for (var named :
                  List.of(
                      List.of("LoadBalancerConfiguration", "lbc", "loadbalancerconfigurations"),
                      List.of("TargetGroupConfiguration", "echo", "targetgroupconfigurations"),
                      List.of("ListenerRuleConfiguration", "sso", "listenerruleconfigurations"))) {
                assertThat(
                        kube.genericKubernetesResources("gateway.k8s.aws/v1", named.get(0))
                            .inNamespace(ns)
                            .withName(named.get(1))
                            .get()
                            .getMetadata()
                            .getFinalizers())
                    .contains("gateway.k8s.aws/" + named.get(2));
              }
              // the Gateway allows no ListenerSets: the controller patches this one NotAllowed
              var listenerSet =
                  kube.resources(io.lbc.k8s.gateway.ListenerSet.class)
                      .inNamespace(ns)
                      .withName("extra")
                      .get();
              assertThat(listenerSet.getStatus().conditions)
                  .anyMatch(c -> c.getReason().equals("NotAllowed"));
              // its Secret watched by name, its status patched
              var ruleConfiguration =
                  kube.resources(io.lbc.k8s.gateway.ListenerRuleConfiguration.class)
                      .inNamespace(ns)
                      .withName("sso")
                      .get();
              assertThat(ruleConfiguration.getStatus()).isNotNull();
              assertThat(ruleConfiguration.getStatus().message)
                  .isEqualTo("secret [" + ns + "/idp] not found");
            });
    kube.resources(io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway.class)
        .inNamespace(ns)
        .withName("gw")
        .delete();
    kube.resources(io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass.class)
        .withName(className)
        .delete();
    await()
        .atMost(CONVERGED)
        .untilAsserted(
            () ->
                assertThat(
                        kube.resources(
                                io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass.class)
                            .withName(className)
                            .get())
                    .isNull());
    // the load balancer configuration no longer in use: its finalizer released, it goes
    kube.resources(io.lbc.k8s.gateway.LoadBalancerConfiguration.class)
        .inNamespace(ns)
        .withName("lbc")
        .delete();
    await()
        .atMost(CONVERGED)
        .untilAsserted(
            () ->
                assertThat(
                        kube.resources(io.lbc.k8s.gateway.LoadBalancerConfiguration.class)
                            .inNamespace(ns)
                            .withName("lbc")
                            .get())
                    .isNull());
  }

  /**
   * An NLB GatewayClass and Gateway with a TCP, a UDP and a TLS (passthrough) listener, one route
   * of each kind on the echo Service: every route gets its status from the controller; then the
   * Gateway and the class are deleted.
   */
  private static void exerciseNlbGateway(KubernetesClient kube, String ns) {
    String className = "rbac-nlb-" + ns;
    for (String yaml :
        List.of(
            """
            apiVersion: gateway.networking.k8s.io/v1
            kind: GatewayClass
            metadata: {name: '%2$s'}
            spec: {controllerName: gateway.k8s.aws/nlb}
            """,
            """
            apiVersion: gateway.networking.k8s.io/v1
            kind: Gateway
            metadata: {namespace: '%1$s', name: nlb-gw}
            spec:
              gatewayClassName: '%2$s'
              listeners:
                - {name: tcp, port: 80, protocol: TCP}
                - {name: udp, port: 53, protocol: UDP}
                - {name: tls, port: 443, protocol: TLS, hostname: tls.example.com, tls: {mode: Passthrough}}
            """,
            """
            apiVersion: gateway.networking.k8s.io/v1
            kind: TCPRoute
            metadata: {namespace: '%1$s', name: tcp}
            spec:
              parentRefs: [{name: nlb-gw, sectionName: tcp}]
              rules: [{backendRefs: [{name: echo, port: 80}]}]
            """,
            """
            apiVersion: gateway.networking.k8s.io/v1
            kind: UDPRoute
            metadata: {namespace: '%1$s', name: udp}
            spec:
              parentRefs: [{name: nlb-gw, sectionName: udp}]
              rules: [{backendRefs: [{name: echo, port: 80}]}]
            """,
            """
            apiVersion: gateway.networking.k8s.io/v1
            kind: TLSRoute
            metadata: {namespace: '%1$s', name: tls}
            spec:
              parentRefs: [{name: nlb-gw, sectionName: tls}]
              hostnames: [tls.example.com]
              rules: [{backendRefs: [{name: echo, port: 80}]}]
            """)) {
      kube.resource(
              io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                  yaml.formatted(ns, className), HasMetadata.class))
          .create();
    }
    await()
        .atMost(CONVERGED)
        .untilAsserted(
            () -> {
              for (var kind : List.of("TCPRoute", "UDPRoute", "TLSRoute")) {
                var route =
                    kube.genericKubernetesResources("gateway.networking.k8s.io/v1", kind)
                        .inNamespace(ns)
                        .withName(kind.substring(0, 3).toLowerCase(java.util.Locale.ROOT))
                        .get();
                assertThat(io.fabric8.kubernetes.client.utils.Serialization.asJson(route))
                    .as(kind)
                    .contains("gateway.k8s.aws/nlb");
              }
            });
    kube.resources(io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway.class)
        .inNamespace(ns)
        .withName("nlb-gw")
        .delete();
    kube.resources(io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass.class)
        .withName(className)
        .delete();
    await()
        .atMost(CONVERGED)
        .untilAsserted(
            () ->
                assertThat(
                        kube.resources(io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway.class)
                            .inNamespace(ns)
                            .withName("nlb-gw")
                            .get())
                    .isNull());
  }

  private static void deleteEverything(KubernetesClient kube, String ns) {
    kube.network().v1().ingresses().inNamespace(ns).withName("web").delete();
    kube.services().inNamespace(ns).withName("echo").delete();
    kube.resources(TargetGroupBinding.class).inNamespace(ns).withName("api").delete();
    await()
        .atMost(CONVERGED)
        .untilAsserted(
            () -> {
              assertThat(kube.network().v1().ingresses().inNamespace(ns).withName("web").get())
                  .isNull();
              assertThat(kube.services().inNamespace(ns).withName("echo").get()).isNull();
              assertThat(kube.resources(TargetGroupBinding.class).inNamespace(ns).list().getItems())
                  .isEmpty();
            });
  }

  /**
   * The kwok node the flows' pods run on (the rig's scheduler places them, the endpoint-slice
   * controller publishes them); its pods' ENIs, as the VPC CNI makes them, are in a node group
   * tagged for the cluster.
   */
  private static void kwokNode(
      KwokNodes nodes, AwsTestClients aws, AwsFixtures.TestVpc vpc, String ns) {
    String group =
        AwsFixtures.securityGroup(
            aws.ec2(),
            vpc.vpcId(),
            "nodes",
            AwsFixtures.tag("elbv2.k8s.aws/cluster", InProcessController.CLUSTER_NAME));
    nodes.add(ns + "-kwok", vpc.privateSubnetIds().get(0), group);
  }

  /**
   * Runs the Deployment {@code app} (one pod, selected by the Service of that name); returns its
   * pod once the pod has an address.
   */
  private static Pod runPod(KubernetesClient kube, String ns, String app) {
    kube.resource(Workloads.deployment(ns, app, 1, 8080, 1)).create();
    return await()
        .atMost(CONVERGED)
        .until(
            () ->
                Workloads.livePods(kube, ns, app).stream().filter(p -> podIp(p) != null).findAny(),
            java.util.Optional::isPresent)
        .orElseThrow();
  }

  private static String podIp(Pod pod) {
    return pod.getStatus() == null ? null : pod.getStatus().getPodIP();
  }

  private static List<String> targets(AwsTestClients aws) {
    var result = new ArrayList<String>();
    for (var tg : aws.elbv2().describeTargetGroups().targetGroups()) {
      result.addAll(aws.targets(tg.targetGroupArn()));
    }
    return result;
  }

  private static List<JsonNode> audited(Rig rig, String user) throws Exception {
    var mapper = new ObjectMapper();
    var result = new ArrayList<JsonNode>();
    for (String line : Files.readAllLines(rig.auditLog())) {
      JsonNode event = mapper.readTree(line);
      if (user.equals(event.path("user").path("username").asText()) && event.has("objectRef")) {
        result.add(event);
      }
    }
    return result;
  }

  /** {@code verb group/resource[/subresource]} of an audited request. */
  private static String describe(JsonNode event) {
    JsonNode ref = event.path("objectRef");
    String group = ref.path("apiGroup").asText("");
    String resource =
        ref.path("resource").asText()
            + (ref.hasNonNull("subresource") ? "/" + ref.path("subresource").asText() : "");
    return event.path("verb").asText() + " " + (group.isEmpty() ? "" : group + "/") + resource;
  }

  private static List<PolicyRule> concat(List<PolicyRule> a, List<PolicyRule> b) {
    var all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
