package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ingresses of another class, or of none, are never touched. */
@RigTest
class IngressClassIT {
  private IngressRig it;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    it = IngressRig.start(rig, kube, aws, namespace);
    IngressRig.applyIngressClass(kube, "nginx", "k8s.io/ingress-nginx");
  }

  @AfterEach
  void stop() {
    it.close();
  }

  @Test
  void foreignAndClasslessIngressesCauseNoAwsCallAndGetNoFinalizer() {
    it.nodePortService("web", Map.of());
    it.ingress(
        """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {namespace: '%1$s', name: nginx}
        spec:
          ingressClassName: nginx
          rules:
            - http:
                paths:
                  - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
        """);
    it.ingress(
        """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          namespace: '%1$s'
          name: legacy-nginx
          annotations: {kubernetes.io/ingress.class: nginx}
        spec:
          rules:
            - http:
                paths:
                  - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
        """);
    it.ingress(
        """
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata: {namespace: '%1$s', name: classless}
        spec:
          rules:
            - http:
                paths:
                  - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
        """);
    List<String> foreign = List.of("nginx", "legacy-nginx", "classless");

    // The controller sees them within a second; watch for a while that it leaves them alone.
    await()
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(10))
        .until(() -> elbv2Calls() == 0 && foreign.stream().noneMatch(this::hasFinalizer));

    // The controller was running all along: an Ingress of its class is served at once.
    it.simpleIngress("ours", "web", Map.of());
    it.awaitHostname("ours");
    assertThat(elbv2Calls()).isPositive();
    assertThat(foreign).noneMatch(this::hasFinalizer);
    assertThat(foreign).allMatch(i -> it.get(i).flatMap(IngressRig::hostname).isEmpty());
    assertThat(foreign)
        .allMatch(
            i ->
                it.kube.v1().events().inNamespace(it.ns).list().getItems().stream()
                    .noneMatch(e -> i.equals(e.getInvolvedObject().getName())));
  }

  private boolean hasFinalizer(String ingress) {
    var finalizers = it.get(ingress).orElseThrow().getMetadata().getFinalizers();
    return finalizers != null && !finalizers.isEmpty();
  }

  private long elbv2Calls() {
    return Math.round(
        it
            .controller()
            .registry()
            .find("aws.api.calls")
            .tag("service", io.lbc.aws.AwsService.ELBV2.serviceId())
            .counters()
            .stream()
            .mapToDouble(io.micrometer.core.instrument.Counter::count)
            .sum());
  }
}
