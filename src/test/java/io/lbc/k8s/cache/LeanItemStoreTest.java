package io.lbc.k8s.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeanItemStoreTest {
  @Test
  void aPrimaryKeepsEverythingButManagedFieldsAndTheLastAppliedConfiguration() {
    Service service =
        new ServiceBuilder()
            .withNewMetadata()
            .withNamespace("ns")
            .withName("web")
            .withAnnotations(
                Map.of(
                    "service.beta.kubernetes.io/aws-load-balancer-type",
                    "external",
                    "kubectl.kubernetes.io/last-applied-configuration",
                    "{\"big\": true}"))
            .withManagedFields(
                List.of(new ManagedFieldsEntryBuilder().withManager("kubectl").build()))
            .endMetadata()
            .withNewSpec()
            .withType("LoadBalancer")
            .endSpec()
            .build();
    var store = new LeanItemStore<Service>();

    store.put(store.getKey(service), service);

    Service stored = store.get("ns/web");
    assertThat(stored.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(stored.getMetadata().getAnnotations())
        .containsOnlyKeys("service.beta.kubernetes.io/aws-load-balancer-type");
    assertThat(stored.getSpec().getType()).isEqualTo("LoadBalancer");
    assertThat(store.isFullState()).as("fabric8 then queues keys, not objects").isTrue();
  }

  @Test
  void aTrimmingStoreKeepsWhatItsTrimReturns() {
    Service service =
        new ServiceBuilder()
            .withNewMetadata()
            .withNamespace("ns")
            .withName("web")
            .endMetadata()
            .withNewSpec()
            .withType("ClusterIP")
            .withSelector(Map.of("app", "web"))
            .endSpec()
            .build();
    var store =
        new LeanItemStore<Service>(s -> new ServiceBuilder().withMetadata(s.getMetadata()).build());

    store.put(store.getKey(service), service);

    assertThat(store.get("ns/web").getMetadata().getName()).isEqualTo("web");
    assertThat(store.get("ns/web").getSpec()).isNull();
  }
}
