package io.lbc.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.ControllerProcess;
import io.lbc.rig.Crds;
import io.lbc.rig.Helm;
import io.lbc.rig.InProcessController;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart under {@code helm/aws-load-balancer-controller}, with the rig's helm (built from
 * its Go module) and the real apiserver: it lints; it renders with its defaults and with the values
 * of a typical reference install, and the apiserver accepts every object; keys it does not know or
 * cannot honour fail the render naming them; it agrees with the kustomize base; and installed, it
 * runs the controller with the arguments it rendered.
 */
@RigTest
class HelmChartIT {
  private static final Path CHART = Rig.repoRoot().resolve("helm/aws-load-balancer-controller");
  private static final String NAMESPACE = ManifestDryRun.NAMESPACE;

  @Test
  void lintsAndTheApiserverAcceptsTheDefaultRender(Rig rig, KubernetesClient kube)
      throws Exception {
    Helm helm = Helm.of(rig);
    helm.run("lint", CHART.toString(), "--set", "clusterName=c").requireSuccess();

    String rendered = render(helm, "--include-crds", "--set", "clusterName=c");
    assertThat(kinds(rendered))
        .contains(
            "CustomResourceDefinition",
            "ServiceAccount",
            "ClusterRole",
            "Role",
            "Deployment",
            "Service",
            "MutatingWebhookConfiguration",
            "ValidatingWebhookConfiguration",
            "Secret",
            "IngressClass",
            "IngressClassParams");
    assertAcceptedByTheApiserver(rig, kube, rendered);
  }

  @Test
  void theValuesOfATypicalReferenceInstallRenderAndApply(Rig rig, KubernetesClient kube)
      throws Exception {
    Helm helm = Helm.of(rig);
    Path values = Path.of(getClass().getResource("/helm/reference-install-values.yaml").toURI());

    String rendered = render(helm, "-f", values.toString());

    List<String> args = Helm.deploymentArgs(rendered, "controller");
    assertThat(args)
        .contains(
            "--cluster-name=prod-cluster",
            "--aws-region=us-west-2",
            "--aws-vpc-id=vpc-0a1b2c3d4e5f60718",
            "--default-tags=env=prod,team=platform",
            "--feature-gates=ServiceTypeLoadBalancerOnly=true,SubnetsClusterTagCheck=false",
            "--enable-shield=false",
            "--enable-waf=false",
            "--enable-wafv2=true",
            "--log-level=info");
    assertThat(kinds(rendered)).contains("PodDisruptionBudget").doesNotContain("ServiceAccount");
    assertThat(rendered)
        .doesNotContain("mservice.elbv2.k8s.aws")
        .contains("ingressclass.kubernetes.io/is-default-class: \"true\"")
        .contains("serviceAccountName: aws-load-balancer-controller")
        .contains("HTTPS_PROXY");
    Crds.apply(kube);
    assertAcceptedByTheApiserver(rig, kube, rendered);
  }

  @Test
  void keysItDoesNotKnowOrCannotHonourFailTheRenderNamingThem(Rig rig) throws Exception {
    Helm helm = Helm.of(rig);
    Helm.Result typo =
        helm.run("template", "lbc", CHART.toString(), "--set", "clusterName=c,clustrName=x");
    assertThat(typo.exitCode()).isNotZero();
    assertThat(typo.output()).contains("clustrName");

    Helm.Result nested =
        helm.run("template", "lbc", CHART.toString(), "--set", "clusterName=c,image.tga=1");
    assertThat(nested.exitCode()).isNotZero();
    assertThat(nested.output()).contains("tga");

    Helm.Result unsupported =
        helm.run(
            "template",
            "lbc",
            CHART.toString(),
            "--set",
            "clusterName=c,globalAcceleratorMaxConcurrentReconciles=3");
    assertThat(unsupported.exitCode()).isNotZero();
    assertThat(unsupported.output())
        .contains("values key globalAcceleratorMaxConcurrentReconciles is not supported");

    Helm.Result missing = helm.run("template", "lbc", CHART.toString());
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.output()).contains("clusterName");
  }

  /** The chart and {@code manifests/base} cannot drift: what one grants or runs, the other does. */
  @Test
  void theChartAndTheKustomizeBaseAgree(Rig rig) throws Exception {
    Helm helm = Helm.of(rig);
    var chart =
        byKind(
            render(
                helm,
                "--set",
                "clusterName=my-cluster,region=us-west-2,vpcId=vpc-0123456789abcdef0"));
    var base = byKind(ManifestDryRun.kustomize(rig, Rig.repoRoot().resolve("manifests/base")));

    assertThat(chart.get("ClusterRole").path("rules"))
        .isEqualTo(base.get("ClusterRole").path("rules"));
    assertThat(chart.get("Role").path("rules")).isEqualTo(base.get("Role").path("rules"));
    for (String kind : List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration")) {
      assertThat(webhooks(chart.get(kind))).as(kind).isEqualTo(webhooks(base.get(kind)));
    }
    JsonNode chartContainer = container(chart.get("Deployment"));
    JsonNode baseContainer = container(base.get("Deployment"));
    assertThat(sorted(chartContainer.path("args"))).isEqualTo(sorted(baseContainer.path("args")));
    assertThat(env(chartContainer, "JAVA_TOOL_OPTIONS"))
        .isEqualTo(env(baseContainer, "JAVA_TOOL_OPTIONS"));
    for (String field : List.of("resources", "securityContext")) {
      assertThat(chartContainer.path(field)).as(field).isEqualTo(baseContainer.path(field));
    }
    for (String probe : List.of("livenessProbe", "readinessProbe")) {
      assertThat(chartContainer.path(probe).path("httpGet").path("path"))
          .isEqualTo(baseContainer.path(probe).path("httpGet").path("path"));
    }
    assertThat(podSpec(chart.get("Deployment")).path("securityContext"))
        .isEqualTo(podSpec(base.get("Deployment")).path("securityContext"));
  }

  /**
   * Under the gate {@code ALBTargetControlAgent} the chart and the base with the component {@code
   * alb-target-control-agent} agree too: the gate on, and the two agent webhooks with the same
   * selectors; without it neither has them.
   */
  @Test
  void underTheAgentGateTheChartAndTheKustomizeComponentAgree(Rig rig) throws Exception {
    Helm helm = Helm.of(rig);
    var chart =
        byKind(
            render(
                helm,
                "--set",
                "clusterName=my-cluster,region=us-west-2,vpcId=vpc-0123456789abcdef0"
                    + ",controllerConfig.featureGates.ALBTargetControlAgent=true"));
    var base =
        byKind(
            ManifestDryRun.kustomize(
                rig, ManifestDryRun.baseWithComponent("alb-target-control-agent")));

    JsonNode chartHooks = chart.get("MutatingWebhookConfiguration");
    JsonNode baseHooks = base.get("MutatingWebhookConfiguration");
    assertThat(webhooks(chartHooks))
        .isEqualTo(webhooks(baseHooks))
        .containsKeys(
            "alb-target-control.namespace.elbv2.k8s.aws",
            "alb-target-control.object.elbv2.k8s.aws");
    for (String name :
        List.of(
            "alb-target-control.namespace.elbv2.k8s.aws",
            "alb-target-control.object.elbv2.k8s.aws")) {
      for (String selector : List.of("namespaceSelector", "objectSelector")) {
        assertThat(webhook(chartHooks, name).path(selector))
            .as(name + " " + selector)
            .isEqualTo(webhook(baseHooks, name).path(selector));
      }
    }
    assertThat(sorted(container(chart.get("Deployment")).path("args")))
        .contains("--feature-gates=ALBTargetControlAgent=true")
        .isEqualTo(sorted(container(base.get("Deployment")).path("args")));
    assertThat(
            render(
                helm,
                "--set",
                "clusterName=c,controllerConfig.featureGates.ALBTargetControlAgent=false"))
        .doesNotContain("alb-target-control");
  }

  private static JsonNode webhook(JsonNode configuration, String name) {
    for (JsonNode webhook : configuration.path("webhooks")) {
      if (webhook.path("name").asText().equals(name)) {
        return webhook;
      }
    }
    throw new AssertionError("no webhook " + name);
  }

  /**
   * {@code helm install} into the rig's apiserver creates every object, and the controller runs
   * with the arguments the chart rendered (plus only what points it at the rig: the AWS endpoints,
   * the kubeconfig, free ports, the namespace under test) and the webhook certificate the chart
   * made: an nlb-ip Service gets its NLB.
   */
  @Test
  void installedItRunsTheControllerWithTheArgumentsItRendered(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace)
      throws Exception {
    var vpc = AwsFixtures.clusterVpc(aws.ec2(), InProcessController.CLUSTER_NAME);
    Crds.apply(kube);
    String releaseNamespace = namespace.name() + "-lbc";
    kube.resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(releaseNamespace)
                .endMetadata()
                .build())
        .serverSideApply();
    Helm helm = Helm.of(rig);
    helm.run(
            "install",
            "lbc",
            CHART.toString(),
            "--kubeconfig=" + rig.kubeconfig(),
            "--namespace=" + releaseNamespace,
            // the rig's CRDs are the chart's (HelmChartSourcesTest), applied by another field
            // manager
            "--skip-crds",
            "--set",
            "clusterName="
                + InProcessController.CLUSTER_NAME
                + ",region="
                + Rig.REGION
                + ",vpcId="
                + vpc.vpcId()
                + ",createIngressClassResource=false,enableServiceMutatorWebhook=false"
                + ",webhookConfig.disableIngressValidation=true")
        .requireSuccess();

    try {
      Deployment deployment =
          kube.apps()
              .deployments()
              .inNamespace(releaseNamespace)
              .withName("lbc-aws-load-balancer-controller")
              .get();
      assertThat(deployment).isNotNull();
      Secret tls =
          kube.secrets().inNamespace(releaseNamespace).withName("aws-load-balancer-tls").get();
      assertThat(tls.getData()).containsKeys("ca.crt", "tls.crt", "tls.key");
      assertTheWebhooksTrustTheCertificate(kube, tls, releaseNamespace);
      // The webhooks point at the in-cluster Service, which has no pod here (the controller runs in
      // this JVM; the webhook ITs prove serving through the apiserver): removed, so that they do
      // not refuse TargetGroupBindings anywhere in the shared apiserver.
      deleteWebhookConfigurations(kube);
      Path certDir = Files.createTempDirectory("lbc-chart-certs-");
      for (String file : List.of("tls.crt", "tls.key")) {
        Files.write(certDir.resolve(file), Base64.getDecoder().decode(tls.getData().get(file)));
      }

      var args =
          new ArrayList<>(
              deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs());
      args.addAll(
          List.of(
              "--aws-api-endpoints=" + aws.endpointsFlag(),
              "--kubeconfig=" + rig.kubeconfig(),
              "--enable-leader-election=false",
              "--metrics-bind-addr=0",
              "--health-probe-bind-addr=0",
              "--webhook-bind-port=" + ControllerProcess.freePort(),
              "--webhook-cert-dir=" + certDir,
              "--watch-namespace=" + namespace.name()));
      try (var controller = InProcessController.start(args)) {
        Service service = kube.resource(nlbIpService(namespace.name())).create();
        Awaitility.await()
            .atMost(Duration.ofMinutes(3))
            .until(
                () -> {
                  Service now =
                      kube.services()
                          .inNamespace(service.getMetadata().getNamespace())
                          .withName(service.getMetadata().getName())
                          .get();
                  return now.getStatus().getLoadBalancer().getIngress() != null
                      && !now.getStatus().getLoadBalancer().getIngress().isEmpty();
                });
        assertThat(aws.elbv2().describeLoadBalancers().loadBalancers())
            .anyMatch(lb -> lb.vpcId().equals(vpc.vpcId()) && lb.typeAsString().equals("network"));
      }
    } finally {
      helm.run(
          "uninstall",
          "lbc",
          "--kubeconfig=" + rig.kubeconfig(),
          "--namespace=" + releaseNamespace);
      deleteWebhookConfigurations(kube);
    }
  }

  private static void deleteWebhookConfigurations(KubernetesClient kube) {
    var admission = kube.admissionRegistration().v1();
    admission.mutatingWebhookConfigurations().withName("aws-load-balancer-webhook").delete();
    admission.validatingWebhookConfigurations().withName("aws-load-balancer-webhook").delete();
  }

  /** The chart's CA, in every webhook's caBundle, signed the serving certificate of the Service. */
  private static void assertTheWebhooksTrustTheCertificate(
      KubernetesClient kube, Secret tls, String releaseNamespace) throws Exception {
    var factory = java.security.cert.CertificateFactory.getInstance("X.509");
    var certificate =
        (java.security.cert.X509Certificate)
            factory.generateCertificate(
                new java.io.ByteArrayInputStream(
                    Base64.getDecoder().decode(tls.getData().get("tls.crt"))));
    var bundles = new ArrayList<String>();
    kube.admissionRegistration()
        .v1()
        .mutatingWebhookConfigurations()
        .withName("aws-load-balancer-webhook")
        .get()
        .getWebhooks()
        .forEach(w -> bundles.add(w.getClientConfig().getCaBundle()));
    kube.admissionRegistration()
        .v1()
        .validatingWebhookConfigurations()
        .withName("aws-load-balancer-webhook")
        .get()
        .getWebhooks()
        .forEach(w -> bundles.add(w.getClientConfig().getCaBundle()));
    assertThat(bundles)
        .as("pod readiness gate, pod QUIC server ID, TargetGroupBinding ×2, IngressClassParams")
        .hasSize(5)
        .containsOnly(tls.getData().get("ca.crt"));
    var ca =
        (java.security.cert.X509Certificate)
            factory.generateCertificate(
                new java.io.ByteArrayInputStream(Base64.getDecoder().decode(bundles.get(0))));
    certificate.verify(ca.getPublicKey());
    List<String> names =
        certificate.getSubjectAlternativeNames().stream()
            .map(name -> String.valueOf(name.get(1)))
            .toList();
    assertThat(names).contains("aws-load-balancer-webhook-service." + releaseNamespace + ".svc");
  }

  private static Service nlbIpService(String namespace) {
    return new io.fabric8.kubernetes.api.model.ServiceBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName("charted")
        .withAnnotations(Map.of("service.beta.kubernetes.io/aws-load-balancer-type", "nlb-ip"))
        .endMetadata()
        .withNewSpec()
        .withType("LoadBalancer")
        .addNewPort()
        .withName("tcp")
        .withPort(80)
        .withNewTargetPort(8080)
        .withProtocol("TCP")
        .endPort()
        .endSpec()
        .build();
  }

  private static String render(Helm helm, String... values) throws Exception {
    var args = new ArrayList<>(List.of("template", "lbc", CHART.toString(), "-n", NAMESPACE));
    args.addAll(List.of(values));
    return helm.run(args.toArray(String[]::new)).requireSuccess().output();
  }

  private static List<String> kinds(String rendered) throws IOException {
    return Helm.documents(rendered).stream().map(d -> d.path("kind").asText()).toList();
  }

  private static Map<String, JsonNode> byKind(String rendered) throws IOException {
    var byKind = new LinkedHashMap<String, JsonNode>();
    for (JsonNode document : Helm.documents(rendered)) {
      byKind.putIfAbsent(document.path("kind").asText(), document);
    }
    return byKind;
  }

  /** Each webhook by name: what it is sent, where, and what happens when it fails. */
  private static Map<String, String> webhooks(JsonNode configuration) {
    var webhooks = new LinkedHashMap<String, String>();
    for (JsonNode webhook : configuration.path("webhooks")) {
      webhooks.put(
          webhook.path("name").asText(),
          webhook.path("clientConfig").path("service").path("path").asText()
              + " "
              + webhook.path("rules")
              + " "
              + webhook.path("failurePolicy").asText());
    }
    return webhooks;
  }

  private static List<String> sorted(JsonNode array) {
    var values = new ArrayList<String>();
    array.forEach(v -> values.add(v.asText()));
    return values.stream().sorted().toList();
  }

  private static JsonNode podSpec(JsonNode deployment) {
    return deployment.path("spec").path("template").path("spec");
  }

  private static JsonNode container(JsonNode deployment) {
    return podSpec(deployment).path("containers").get(0);
  }

  private static String env(JsonNode container, String name) {
    for (JsonNode env : container.path("env")) {
      if (env.path("name").asText().equals(name)) {
        return env.path("value").asText();
      }
    }
    return null;
  }

  private static void assertAcceptedByTheApiserver(Rig rig, KubernetesClient kube, String rendered)
      throws Exception {
    ManifestDryRun.assertAccepted(
        ManifestDryRun.dryRun(rig, kube, rendered), Helm.documents(rendered).size());
  }
}
