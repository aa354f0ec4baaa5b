package io.lbc.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The golden values of compat-spec §5.1, checked against the reference's own tests. */
class NamesTest {
  @Test
  void implicitGroupLoadBalancerName() {
    String hash = Names.hash("cluster-dummy", "ns-1/ing-1", "internal");
    assertThat(hash).startsWith("b7e914000d");
    assertThat(Names.namespacedName("ns-1", "ing-1", hash)).isEqualTo("k8s-ns1-ing1-b7e914000d");
  }

  @Test
  void managedSecurityGroupName() {
    String hash = Names.hash("cluster-dummy", "ns-1/ing-1");
    assertThat(Names.namespacedName("ns-1", "ing-1", hash)).isEqualTo("k8s-ns1-ing1-bd83176788");
  }

  @Test
  void instanceTargetGroupName() {
    // clusterName, groupID, ingNs, ingName, svc.UID (empty), servicePort as written, tgPort,
    // targetType, protocol, protocolVersion
    String hash =
        Names.hash(
            "cluster-dummy",
            "ns-1/ing-1",
            "ns-1",
            "ing-1",
            "",
            "http",
            "32768",
            "instance",
            "HTTP",
            "HTTP1");
    assertThat(Names.namespacedName("ns-1", "svc-1", hash)).isEqualTo("k8s-ns1-svc1-9889425938");
  }

  @Test
  void sanitizeKeepsCaseAndDropsEverythingElse() {
    assertThat(Names.sanitize("My-App_v2.1")).isEqualTo("MyAppv21");
    assertThat(Names.groupName("very-long-group-name-here", "0123456789abcdef"))
        .isEqualTo("k8s-verylonggroupname-0123456789");
  }
}
