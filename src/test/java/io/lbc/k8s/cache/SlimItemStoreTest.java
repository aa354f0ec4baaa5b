package io.lbc.k8s.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlimItemStoreTest {
  private static SlimPod pod(String namespace, String name, String version) {
    return new SlimPod(
        new SlimMeta(name, namespace, null, version, null, null, null), null, null, null, null);
  }

  private static SlimNode node(String name) {
    return new SlimNode(new SlimMeta(name, null, null, "1", null, Map.of(), null), null, null);
  }

  @Test
  void objectsAreFoundByTheKeysFabric8MakesAndListedPerNamespace() {
    var store = new SlimItemStore<SlimPod>();
    for (SlimPod pod :
        new SlimPod[] {pod("a", "web-1", "1"), pod("a", "web-2", "1"), pod("b", "web-1", "1")}) {
      assertThat(store.getKey(pod)).isEqualTo(Cache.metaNamespaceKeyFunc(pod));
      store.put(store.getKey(pod), pod);
    }

    assertThat(store.get("a/web-1").meta().namespace()).isEqualTo("a");
    assertThat(store.get("b/web-1").meta().namespace()).isEqualTo("b");
    assertThat(store.get("c/web-1")).isNull();
    assertThat(store.size()).isEqualTo(3);
    assertThat(store.keySet()).containsExactlyInAnyOrder("a/web-1", "a/web-2", "b/web-1");
    assertThat(store.inNamespace("a"))
        .extracting(p -> p.meta().name())
        .containsExactlyInAnyOrder("web-1", "web-2");
    assertThat(store.inNamespace("c")).isEmpty();

    store.put("a/web-1", pod("a", "web-1", "2"));
    assertThat(store.get("a/web-1").meta().resourceVersion()).isEqualTo("2");
    assertThat(store.remove("a/web-1").meta().resourceVersion()).isEqualTo("2");
    assertThat(store.remove("a/web-1")).isNull();
    assertThat(store.remove("b/web-1")).isNotNull();
    assertThat(store.inNamespace("b")).isEmpty();
    assertThat(store.values()).extracting(p -> p.meta().name()).containsExactly("web-2");
  }

  @Test
  void clusterScopedObjectsAreKeyedByName() {
    var store = new SlimItemStore<SlimNode>();
    SlimNode node = node("node-1");

    store.put(store.getKey(node), node);

    assertThat(store.getKey(node)).isEqualTo("node-1").isEqualTo(Cache.metaNamespaceKeyFunc(node));
    assertThat(store.get("node-1")).isSameAs(node);
    assertThat(store.remove("node-1")).isSameAs(node);
    assertThat(store.size()).isZero();
  }
}
