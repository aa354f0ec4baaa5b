package io.lbc.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import org.junit.jupiter.api.Test;

class KubeSerializationTest {
  private static final String INGRESS =
      """
      {"apiVersion":"networking.k8s.io/v1","kind":"Ingress",
       "metadata":{"name":"web","namespace":"shop"},
       "spec":{"ingressClassName":"alb"}}""";

  @Test
  void aWatchErrorEventCarriesAStatus() {
    WatchEvent event =
        KubeSerialization.create()
            .unmarshal(
                """
                {"type":"ERROR","object":{"apiVersion":"v1","kind":"Status","status":"Failure",
                 "reason":"Expired","code":410,"message":"too old resource version"}}""",
                WatchEvent.class);
    assertThat(event.getObject()).isInstanceOf(Status.class);
    assertThat(((Status) event.getObject()).getCode()).isEqualTo(410);
  }

  @Test
  void registeredKindsAreTypedOthersGeneric() {
    var serialization = KubeSerialization.create();
    WatchEvent ingress =
        serialization.unmarshal(
            "{\"type\":\"ADDED\",\"object\":" + INGRESS + "}", WatchEvent.class);
    assertThat(ingress.getObject()).isInstanceOf(Ingress.class);
    assertThat(((Ingress) ingress.getObject()).getSpec().getIngressClassName()).isEqualTo("alb");
    assertThat(
            serialization.getRegisteredKubernetesResource(
                "elbv2.k8s.aws/v1beta1", "TargetGroupBinding"))
        .isEqualTo(TargetGroupBinding.class);
    // no class-path scan: a kind the controller never reads is not known
    assertThat(serialization.getRegisteredKubernetesResource("apps/v1", "Deployment")).isNull();
    WatchEvent deployment =
        serialization.unmarshal(
            "{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\","
                + "\"metadata\":{\"name\":\"d\"}}}",
            WatchEvent.class);
    assertThat(deployment.getObject()).isInstanceOf(GenericKubernetesResource.class);
  }
}
