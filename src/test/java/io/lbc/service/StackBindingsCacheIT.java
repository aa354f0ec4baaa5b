package io.lbc.service;

import static io.lbc.service.ServiceObjects.port;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.rig.AuditLog;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.ServiceAccounts;
import io.lbc.rig.TestNamespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * A deploy reads the stack's TargetGroupBindings from the TargetGroupBinding controller's informer
 * of the watched namespace (issue 11: it listed them cluster-wide, once per deploy). A controller
 * with {@code --watch-namespace} deploys an nlb-ip Service four times — created, a port added (a
 * binding created), a health check changed, the port removed (its binding deleted) — and the
 * apiserver's audit log shows TargetGroupBindings listed only by the informers, in the watched
 * namespace, and after the first convergence only by the wait for the deleted binding to be gone (a
 * list and watch of that one name). A binding with the stack's labels in another namespace is
 * neither listed nor touched (with the cluster-wide list, a deploy took it for the stack's own
 * binding of that target group and deleted the real one).
 */
@RigTest
class StackBindingsCacheIT {
  private static final String BINDINGS = "targetgroupbindings";

  /** The field selector of fabric8's wait for one object (a deleted binding to be gone). */
  private static final String ONE_BY_NAME = "fieldSelector=metadata.name%3D";

  @Test
  void deploysReadTheStacksBindingsFromTheWatchedNamespacesCacheAndListNone(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace)
      throws Exception {
    String elsewhere = namespace.name() + "-elsewhere";
    try (var world = new ServiceRig(rig, kube, aws, namespace)) {
      String ns = world.ns;
      world.kwokPodGroup();
      var kubeconfig = ServiceAccounts.withManifestRoles(rig, kube, ns);
      long started = AuditLog.mark(rig);
      world.start("--kubeconfig=" + kubeconfig);
      LoadBalancer lb = world.convergedWebOnPods();
      String first = world.state().targetGroupOf(lb, 80).targetGroupArn();
      TargetGroupBinding made = world.bindings().get(0);
      // a binding with the stack's labels outside the watched namespace: not the controller's
      kube.resource(
              new NamespaceBuilder().withNewMetadata().withName(elsewhere).endMetadata().build())
          .create();
      var stray = new TargetGroupBinding();
      stray.getMetadata().setNamespace(elsewhere);
      stray.getMetadata().setName("stray");
      stray.getMetadata().setLabels(made.getMetadata().getLabels());
      stray.getMetadata().setFinalizers(List.of());
      stray.setSpec(made.getSpec());
      kube.resource(stray).create();
      long converged = AuditLog.mark(rig);
      long creates = world.controller().awsCalls("CreateTargetGroup");

      world.edit(
          "web",
          s -> {
            var ports = new ArrayList<>(s.getSpec().getPorts());
            ports.add(port("admin", 9000, "TCP", 9090));
            s.getSpec().setPorts(ports);
            return s;
          });
      await()
          .atMost(ServiceRig.CONVERGED)
          .untilAsserted(() -> assertThat(world.bindings()).hasSize(2));
      TargetGroup added = world.state().targetGroupOf(lb, 9000);

      world.annotate("web", Map.of("aws-load-balancer-healthcheck-healthy-threshold", "5"));
      await()
          .atMost(ServiceRig.CONVERGED)
          .untilAsserted(
              () ->
                  assertThat(world.state().targetGroup(first).healthyThresholdCount())
                      .isEqualTo(5));

      world.edit(
          "web",
          s -> {
            s.getSpec().setPorts(List.of(s.getSpec().getPorts().get(0)));
            return s;
          });
      await()
          .atMost(ServiceRig.CONVERGED)
          .untilAsserted(
              () -> {
                assertThat(world.bindings())
                    .extracting(b -> b.getSpec().targetGroupARN)
                    .containsExactly(first);
                assertThat(world.state().targetGroups())
                    .extracting(TargetGroup::targetGroupArn)
                    .containsExactly(first)
                    .doesNotContain(added.targetGroupArn());
              });
      assertThat(world.controller().awsCalls("CreateTargetGroup") - creates)
          .as("target groups made by the deploys after the first")
          .isEqualTo(1);
      assertThat(
              kube.resources(TargetGroupBinding.class)
                  .inNamespace(elsewhere)
                  .withName("stray")
                  .get())
          .as("the binding outside the watched namespace")
          .isNotNull();

      List<String> all = bindingLists(rig, started, ns);
      List<String> afterConverged = bindingLists(rig, converged, ns);
      System.out.printf(
          "stack-bindings: LISTs since start %s; binding LISTs since start %s, after the first"
              + " convergence %s%n",
          AuditLog.lists(rig, started, ns), all, afterConverged);
      assertThat(all)
          .as("LISTs of bindings since the controller started")
          .allMatch(uri -> uri.startsWith("/apis/elbv2.k8s.aws/v1beta1/namespaces/" + ns + "/"));
      assertThat(all.stream().filter(uri -> !uri.contains(ONE_BY_NAME)))
          .as("LISTs of the namespace's bindings: the controller's informer and the webhooks'")
          .hasSizeLessThanOrEqualTo(2);
      // the one deleted binding is awaited with a watch of it alone (a list of one name)
      assertThat(afterConverged)
          .as("LISTs of bindings by the three deploys after the first convergence")
          .hasSizeLessThanOrEqualTo(1)
          .allMatch(uri -> uri.contains(ONE_BY_NAME));
    } finally {
      var stray = kube.resources(TargetGroupBinding.class).inNamespace(elsewhere).withName("stray");
      if (stray.get() != null) {
        stray.delete();
      }
      kube.namespaces().withName(elsewhere).delete();
    }
  }

  /** The request URIs of the controller's LISTs of bindings after the mark. */
  private static List<String> bindingLists(Rig rig, long mark, String ns) {
    return AuditLog.completed(rig, mark, ns).stream()
        .filter(r -> "list".equals(r.path("verb").asText()))
        .filter(r -> BINDINGS.equals(r.path("objectRef").path("resource").asText()))
        .map(r -> r.path("requestURI").asText())
        .toList();
  }
}
