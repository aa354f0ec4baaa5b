package io.lbc.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lbc.deploy.RetryLaterException;
import io.lbc.k8s.TargetGroupBinding;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StackBindingsTest {
  private static final Map<String, String> STACK =
      Map.of("ingress.k8s.aws/stack-namespace", "shop", "ingress.k8s.aws/stack-name", "web");

  private static TargetGroupBinding binding(String name, Map<String, String> labels) {
    var binding = new TargetGroupBinding();
    binding.getMetadata().setNamespace("shop");
    binding.getMetadata().setName(name);
    binding.getMetadata().setLabels(labels);
    return binding;
  }

  @Test
  void theCacheAnswersTheBindingsCarryingEveryStackLabel() {
    var labelled = new java.util.HashMap<>(STACK);
    labelled.put("team", "web");
    List<TargetGroupBinding> store =
        List.of(
            binding("ours", labelled),
            binding("other-stack", Map.of("ingress.k8s.aws/stack-name", "web")),
            binding("unlabelled", null));

    var bindings = StackBindings.cached(store::stream, () -> true);

    assertThat(bindings.labelled(STACK))
        .extracting(b -> b.getMetadata().getName())
        .containsExactly("ours");
  }

  @Test
  void aDeployWaitsForTheFirstListAndIsRetriedLaterWhenItDoesNotCome() {
    var polls = new AtomicInteger();
    var syncing =
        StackBindings.cached(
            () -> java.util.stream.Stream.of(binding("ours", STACK)),
            () -> polls.incrementAndGet() > 2,
            Duration.ofSeconds(5));
    assertThat(syncing.labelled(STACK)).hasSize(1);
    assertThat(polls).hasValue(3);

    var never =
        StackBindings.cached(
            () -> java.util.stream.Stream.of(binding("ours", STACK)),
            () -> false,
            Duration.ofMillis(300));
    assertThatThrownBy(() -> never.labelled(STACK))
        .isInstanceOf(RetryLaterException.class)
        .hasMessageContaining("has not completed its first list");
  }
}
