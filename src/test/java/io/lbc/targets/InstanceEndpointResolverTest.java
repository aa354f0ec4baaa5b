package io.lbc.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.lbc.fake.K8sObjects;
import io.lbc.fake.K8sObjects.Ep;
import io.lbc.k8s.cache.SlimEndpointSlice;
import io.lbc.k8s.cache.SlimNode;
import io.lbc.model.UserInputException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class InstanceEndpointResolverTest {
  private final InstanceEndpointResolver resolver = new InstanceEndpointResolver();
  private final List<SlimNode> nodes =
      Stream.of(
              K8sObjects.node("n1", "i-1", true, Map.of("pool", "a")),
              K8sObjects.node("n2", "i-2", true, Map.of("pool", "b")),
              K8sObjects.node("n3", "i-3", false, Map.of("pool", "a")),
              K8sObjects.node("master", "i-4", true, Map.of("node-role.kubernetes.io/master", "")),
              K8sObjects.node(
                  "fargate", "i-5", true, Map.of("eks.amazonaws.com/compute-type", "fargate")))
          .map(SlimNode::of)
          .toList();

  @Test
  void readyNodesBecomeTargetsOnTheNodePortAndTheOthersAreNotReady() {
    var resolved =
        resolver.resolve(new InstanceEndpointResolver.Inputs(nodes, null, 30080, false, List.of()));

    assertThat(resolved.ready())
        .extracting(DesiredTarget::key)
        .containsExactly(new TargetKey("i-1", 30080), new TargetKey("i-2", 30080));
    assertThat(resolved.notReady()).extracting(t -> t.target().id()).containsExactly("i-3");
  }

  @Test
  void theNodeSelectorNarrowsTheNodes() {
    var selector = new LabelSelectorBuilder().withMatchLabels(Map.of("pool", "a")).build();
    var resolved =
        resolver.resolve(
            new InstanceEndpointResolver.Inputs(nodes, selector, 30080, false, List.of()));

    assertThat(resolved.ready()).extracting(t -> t.target().id()).containsExactly("i-1");
  }

  @Test
  void aLocalTrafficPolicyKeepsOnlyNodesWithAReadyEndpoint() {
    var slice =
        K8sObjects.slice(
            "ns",
            "s",
            "web",
            8080,
            List.of(Ep.ready("10.0.0.1").onNode("n2"), Ep.notReady("10.0.0.2").onNode("n1")));
    var resolved =
        resolver.resolve(
            new InstanceEndpointResolver.Inputs(
                nodes, null, 30080, true, List.of(SlimEndpointSlice.of(slice))));

    assertThat(resolved.ready()).extracting(t -> t.target().id()).containsExactly("i-2");
  }

  @Test
  void readsTheInstanceIdFromTheProviderId() {
    assertThat(
            InstanceEndpointResolver.instanceId(
                SlimNode.of(K8sObjects.node("n", "i-0abc", true, Map.of()))))
        .contains("i-0abc");
    var fargate = K8sObjects.node("n", "fargate-ip-10-0-0-1", true, Map.of());
    assertThat(InstanceEndpointResolver.instanceId(SlimNode.of(fargate))).isEmpty();
  }

  @Test
  void aBadSelectorOperatorNamesTheField() {
    var selector =
        new LabelSelectorBuilder()
            .addNewMatchExpression()
            .withKey("pool")
            .withOperator("Near")
            .endMatchExpression()
            .build();
    assertThatThrownBy(
            () ->
                resolver.resolve(
                    new InstanceEndpointResolver.Inputs(nodes, selector, 1, false, List.of())))
        .isInstanceOf(UserInputException.class)
        .hasMessageContaining("spec.nodeSelector");
  }
}
