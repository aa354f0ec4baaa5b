package io.lbc.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Ingress status against the real apiserver. */
@RigTest
class IngressStatusWriterIT {
  @Test
  void writesTheAddressOnAnOlderCopyOfTheIngressAndClearsIt(
      KubernetesClient kube, TestNamespace namespace) {
    var ingresses = kube.network().v1().ingresses().inNamespace(namespace.name());
    Ingress created =
        kube.resource(
                new IngressBuilder()
                    .withNewMetadata()
                    .withNamespace(namespace.name())
                    .withName("shop")
                    .endMetadata()
                    .withNewSpec()
                    .withIngressClassName("alb")
                    .withNewDefaultBackend()
                    .withNewService()
                    .withName("web")
                    .withNewPort()
                    .withNumber(80)
                    .endPort()
                    .endService()
                    .endDefaultBackend()
                    .endSpec()
                    .build())
            .create();
    // Someone (here: the controller's own finalizer patch) changed it since this copy was read.
    ingresses
        .withName("shop")
        .edit(
            i -> {
              i.getMetadata().setFinalizers(List.of("ingress.k8s.aws/resources"));
              return i;
            });
    var writer = new IngressStatusWriter(kube);

    boolean changed =
        writer.write(created, Optional.of("Internal-Shop-1.ELB.example"), List.of(80, 443));

    assertThat(changed).isTrue();
    Ingress written = ingresses.withName("shop").get();
    assertThat(written.getStatus().getLoadBalancer().getIngress())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getHostname()).isEqualTo("internal-shop-1.elb.example");
              assertThat(s.getPorts()).extracting(p -> p.getPort()).containsExactly(80, 443);
            });
    assertThat(written.getMetadata().getFinalizers()).containsExactly("ingress.k8s.aws/resources");
    assertThat(writer.write(written, Optional.of("internal-shop-1.elb.example"), List.of(80, 443)))
        .isFalse();

    assertThat(writer.write(written, Optional.empty(), List.of())).isTrue();
    assertThat(ingresses.withName("shop").get().getStatus().getLoadBalancer().getIngress())
        .isNullOrEmpty();
  }
}
