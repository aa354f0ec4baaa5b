package io.lbc.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChunksTest {
  @Test
  void splitsInOrderIntoPiecesOfAtMostTheSize() {
    List<Integer> items = IntStream.rangeClosed(1, 45).boxed().toList();

    var chunks = Chunks.of(items, 20);

    assertThat(chunks).extracting(List::size).containsExactly(20, 20, 5);
    assertThat(chunks.stream().flatMap(List::stream).toList()).isEqualTo(items);
  }

  @Test
  void anExactMultipleLeavesNoEmptyTailAndNothingGivesNoChunk() {
    assertThat(Chunks.of(List.of(1, 2, 3, 4), 2)).containsExactly(List.of(1, 2), List.of(3, 4));
    assertThat(Chunks.of(List.of(), 20)).isEmpty();
    assertThatThrownBy(() -> Chunks.of(List.of(1), 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void lookUpAsksAgainOneByOneOnlyTheBatchThatNamesSomethingMissing() {
    var asked = new ArrayList<List<String>>();
    var keys = IntStream.range(0, 25).mapToObj(i -> "k" + i).toList();

    List<String> found =
        Chunks.lookUp(
            keys,
            20,
            batch -> {
              asked.add(batch);
              if (batch.contains("k22")) {
                throw AwsErrorsTest.error("TargetGroupNotFound");
              }
              return batch.stream().map(String::toUpperCase).toList();
            });

    assertThat(found).hasSize(24).doesNotContain("K22").startsWith("K0").endsWith("K24");
    assertThat(asked).extracting(List::size).containsExactly(20, 5, 1, 1, 1, 1, 1);
  }

  @Test
  void lookUpLetsEveryOtherFailureThrough() {
    assertThatThrownBy(
            () ->
                Chunks.lookUp(
                    List.of("a"),
                    20,
                    batch -> {
                      throw AwsErrorsTest.error("AccessDenied");
                    }))
        .hasMessageContaining("AccessDenied");
  }
}
