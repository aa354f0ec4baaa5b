package io.lbc.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReferenceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrantBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.lbc.k8s.gateway.L4RouteSpec;
import io.lbc.k8s.gateway.ListenerRuleConfiguration;
import io.lbc.k8s.gateway.ListenerRuleConfigurationSpec;
import io.lbc.k8s.gateway.ListenerSet;
import io.lbc.k8s.gateway.ListenerSetSpec;
import io.lbc.k8s.gateway.LoadBalancerConfiguration;
import io.lbc.k8s.gateway.LoadBalancerConfigurationSpec;
import io.lbc.k8s.gateway.TCPRoute;
import io.lbc.k8s.gateway.TargetGroupConfiguration;
import io.lbc.k8s.gateway.TargetGroupConfigurationSpec;
import io.lbc.rig.Crds;
import io.lbc.rig.GatewayApiCrds;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The rig serves the Gateway API v1.6.3 standard CRDs users install and our three {@code
 * gateway.k8s.aws} CRDs from {@code crds/}; the Java types round-trip through the real apiserver
 * with its schema validation.
 */
@RigTest
class GatewayApiCrdsIT {

  @Test
  void theStandardChannelAndOurConfigurationCrdsServeAndValidate(
      Rig rig, KubernetesClient kube, TestNamespace namespace) {
    String ns = namespace.name();
    long started = System.nanoTime();
    List<String> crds = GatewayApiCrds.apply(rig, kube);
    System.out.printf(
        "[figure] Gateway API CRDs applied and established in %d ms%n",
        (System.nanoTime() - started) / 1_000_000);
    Crds.apply(kube);
    assertThat(crds)
        .contains(
            "gateways.gateway.networking.k8s.io",
            "gatewayclasses.gateway.networking.k8s.io",
            "httproutes.gateway.networking.k8s.io",
            "grpcroutes.gateway.networking.k8s.io",
            "referencegrants.gateway.networking.k8s.io",
            "tcproutes.gateway.networking.k8s.io",
            "udproutes.gateway.networking.k8s.io",
            "tlsroutes.gateway.networking.k8s.io",
            "listenersets.gateway.networking.k8s.io");
    assertThat(GatewayApiCrds.apply(rig, kube)).as("applying again").isEqualTo(crds);

    String className = "crds-" + ns;
    kube.resource(
            new GatewayClassBuilder()
                .withNewMetadata()
                .withName(className)
                .endMetadata()
                .withNewSpec()
                .withControllerName("example.com/nobody")
                .endSpec()
                .build())
        .create();
    GatewayClass created = kube.resources(GatewayClass.class).withName(className).get();
    assertThat(created.getStatus().getConditions())
        .as("the CRD's default status: waiting for a controller")
        .anySatisfy(
            c -> {
              assertThat(c.getType()).isEqualTo("Accepted");
              assertThat(c.getStatus()).isEqualTo("Unknown");
              assertThat(c.getReason()).isEqualTo("Pending");
            });
    kube.resources(GatewayClass.class).withName(className).delete();

    kube.resource(
            new GatewayBuilder()
                .withNewMetadata()
                .withName("gw")
                .withNamespace(ns)
                .endMetadata()
                .withNewSpec()
                .withGatewayClassName(className)
                .addNewListener()
                .withName("http")
                .withPort(80)
                .withProtocol("HTTP")
                .endListener()
                .endSpec()
                .build())
        .create();
    kube.resource(
            new HTTPRouteBuilder()
                .withNewMetadata()
                .withName("route")
                .withNamespace(ns)
                .endMetadata()
                .withNewSpec()
                .withParentRefs(new ParentReferenceBuilder().withName("gw").build())
                .addNewRule()
                .addNewBackendRef()
                .withName("svc")
                .withPort(80)
                .endBackendRef()
                .endRule()
                .endSpec()
                .build())
        .create();
    kube.resource(
            new ReferenceGrantBuilder()
                .withNewMetadata()
                .withName("grant")
                .withNamespace(ns)
                .endMetadata()
                .withNewSpec()
                .addNewFrom()
                .withGroup("gateway.networking.k8s.io")
                .withKind("HTTPRoute")
                .withNamespace("other")
                .endFrom()
                .addNewTo()
                .withGroup("")
                .withKind("Service")
                .endTo()
                .endSpec()
                .build())
        .create();

    var tcp = new TCPRoute();
    tcp.getMetadata().setName("tcp");
    tcp.getMetadata().setNamespace(ns);
    tcp.setSpec(new L4RouteSpec());
    tcp.getSpec().parentRefs = List.of(new ParentReferenceBuilder().withName("gw").build());
    var rule = new L4RouteSpec.Rule();
    rule.backendRefs =
        List.of(
            new io.fabric8.kubernetes.api.model.gatewayapi.v1.BackendRefBuilder()
                .withName("svc")
                .withPort(53)
                .build());
    tcp.getSpec().rules = List.of(rule);
    kube.resource(tcp).create();
    assertThat(kube.resources(TCPRoute.class).inNamespace(ns).withName("tcp").get().getSpec().rules)
        .hasSize(1);

    var listenerSet = new ListenerSet();
    listenerSet.getMetadata().setName("ls");
    listenerSet.getMetadata().setNamespace(ns);
    listenerSet.setSpec(new ListenerSetSpec());
    listenerSet.getSpec().parentRef = new ListenerSetSpec.ParentGatewayReference();
    listenerSet.getSpec().parentRef.name = "gw";
    listenerSet.getSpec().listeners =
        List.of(
            new io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerBuilder()
                .withName("extra")
                .withPort(8080)
                .withProtocol("HTTP")
                .build());
    kube.resource(listenerSet).create();

    var lbc = new LoadBalancerConfiguration();
    lbc.getMetadata().setName("lbc");
    lbc.getMetadata().setNamespace(ns);
    lbc.setSpec(new LoadBalancerConfigurationSpec());
    lbc.getSpec().scheme = LoadBalancerConfigurationSpec.Scheme.INTERNET_FACING;
    var listenerConfig = new LoadBalancerConfigurationSpec.ListenerConfiguration();
    listenerConfig.protocolPort = "HTTPS:443";
    lbc.getSpec().listenerConfigurations = List.of(listenerConfig);
    kube.resource(lbc).create();
    var stored = kube.resources(LoadBalancerConfiguration.class).inNamespace(ns).withName("lbc");
    assertThat(stored.get().getSpec().listenerConfigurations.get(0).alpnPolicy)
        .as("the CRD's default")
        .isEqualTo(LoadBalancerConfigurationSpec.AlpnPolicy.NONE);
    assertThat(
            kube.genericKubernetesResources("gateway.k8s.aws/v1beta1", "LoadBalancerConfiguration")
                .inNamespace(ns)
                .withName("lbc")
                .get())
        .as("served as v1beta1 too")
        .isNotNull();

    var badPort = new LoadBalancerConfiguration();
    badPort.getMetadata().setName("bad");
    badPort.getMetadata().setNamespace(ns);
    badPort.setSpec(new LoadBalancerConfigurationSpec());
    var wrong = new LoadBalancerConfigurationSpec.ListenerConfiguration();
    wrong.protocolPort = "HTTP:70000";
    badPort.getSpec().listenerConfigurations = List.of(wrong);
    assertThatThrownBy(() -> kube.resource(badPort).create())
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("protocolPort");

    var tgc = new TargetGroupConfiguration();
    tgc.getMetadata().setName("tgc");
    tgc.getMetadata().setNamespace(ns);
    tgc.setSpec(new TargetGroupConfigurationSpec());
    tgc.getSpec().targetReference = new TargetGroupConfigurationSpec.Reference();
    tgc.getSpec().targetReference.name = "svc";
    tgc.getSpec().defaultConfiguration = new TargetGroupConfigurationSpec.TargetGroupProps();
    tgc.getSpec().defaultConfiguration.targetType = TargetGroupConfigurationSpec.TargetType.IP;
    tgc.getSpec().defaultConfiguration.tags = Map.of("team", "a");
    kube.resource(tgc).create();
    assertThat(
            kube.resources(TargetGroupConfiguration.class)
                .inNamespace(ns)
                .withName("tgc")
                .get()
                .getSpec()
                .targetReference
                .kind)
        .as("the CRD's default kind")
        .isEqualTo("Service");

    var lrc = new ListenerRuleConfiguration();
    lrc.getMetadata().setName("lrc");
    lrc.getMetadata().setNamespace(ns);
    lrc.setSpec(new ListenerRuleConfigurationSpec());
    var fixed = new ListenerRuleConfigurationSpec.Action();
    fixed.type = ListenerRuleConfigurationSpec.ActionType.FIXED_RESPONSE;
    fixed.fixedResponseConfig = new ListenerRuleConfigurationSpec.FixedResponseConfig();
    fixed.fixedResponseConfig.statusCode = 301;
    lrc.getSpec().actions = List.of(fixed);
    assertThatThrownBy(() -> kube.resource(lrc).create())
        .as("the CEL rule on statusCode")
        .hasMessageContaining("StatusCode must be a valid HTTP status code");
    fixed.fixedResponseConfig.statusCode = 403;
    kube.resource(lrc).create();
    assertThat(
            kube.resources(ListenerRuleConfiguration.class)
                .inNamespace(ns)
                .withName("lrc")
                .get()
                .getSpec()
                .actions
                .get(0)
                .fixedResponseConfig
                .contentType)
        .isEqualTo(ListenerRuleConfigurationSpec.ContentType.TEXT_PLAIN);
  }
}
