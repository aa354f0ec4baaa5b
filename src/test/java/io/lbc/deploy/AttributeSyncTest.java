package io.lbc.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.lbc.model.elbv2.Attribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AttributeSyncTest {
  final AtomicInteger reads = new AtomicInteger();
  final List<Map<String, String>> modified = new ArrayList<>();

  private void sync(List<Attribute> desired, Map<String, String> actual) {
    AttributeSync.sync(
        desired,
        () -> {
          reads.incrementAndGet();
          return actual;
        },
        modified::add);
  }

  @Test
  void modifiesOnlyTheDesiredKeysThatDiffer() {
    sync(
        List.of(new Attribute("a", "1"), new Attribute("b", "2")),
        Map.of("a", "1", "b", "3", "c", "4"));

    assertThat(modified).containsExactly(Map.of("b", "2"));
  }

  @Test
  void nothingDesiredReadsNothingAndWritesNothing() {
    sync(null, Map.of("a", "1"));
    sync(List.of(), Map.of("a", "1"));

    assertThat(reads).hasValue(0);
    assertThat(modified).isEmpty();
  }

  @Test
  void nothingDifferentWritesNothing() {
    sync(List.of(new Attribute("a", "1")), Map.of("a", "1"));

    assertThat(reads).hasValue(1);
    assertThat(modified).isEmpty();
  }
}
