package io.lbc.k8s.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

class SlimMetaTest {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private static SlimMeta read(String resourceVersion) {
    String version =
        resourceVersion == null ? "" : ",\"resourceVersion\":\"" + resourceVersion + "\"";
    return JSON.unmarshal("{\"name\":\"a\",\"namespace\":\"n\"" + version + "}", SlimMeta.class);
  }

  @Test
  void theApiserversDecimalVersionsAreKeptAsNumbersAndReadBackExactly() {
    SlimMeta meta = read("4711");

    assertThat(meta.version()).isEqualTo(4711);
    assertThat(meta.opaqueVersion()).isNull();
    assertThat(meta.resourceVersion()).isEqualTo("4711");
    assertThat(meta.toObjectMeta().getResourceVersion()).isEqualTo("4711");
    assertThat(read("0").resourceVersion()).isEqualTo("0");
  }

  @Test
  void anyOtherVersionIsKeptAsItCame() {
    for (String opaque : new String[] {"007", "-1", "abc", "12a", "", "1234567890123456789"}) {
      SlimMeta meta = read(opaque);
      assertThat(meta.opaqueVersion()).as(opaque).isEqualTo(opaque);
      assertThat(meta.resourceVersion()).as(opaque).isEqualTo(opaque);
    }
    assertThat(read(null).resourceVersion()).isNull();
  }

  @Test
  void twoObjectsDifferOnlyInTheirVersion() {
    SlimMeta a = read("41");
    SlimMeta b = read("42");

    assertThat(a).isNotEqualTo(b);
    assertThat(a.atVersion("42")).isEqualTo(b);
    assertThat(read("042")).isNotEqualTo(read("42"));
  }
}
