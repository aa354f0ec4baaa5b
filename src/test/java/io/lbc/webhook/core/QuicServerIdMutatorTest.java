package io.lbc.webhook.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.lbc.k8s.cache.SlimPod;
import io.lbc.webhook.Decision;
import io.lbc.webhook.PatchOperation;
import io.lbc.webhook.Requests;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class QuicServerIdMutatorTest {
  private final AtomicInteger issued = new AtomicInteger();
  private final QuicServerIdMutator mutator =
      new QuicServerIdMutator("QUIC_ID", () -> "id-" + issued.incrementAndGet());

  private static Pod pod(Map<String, String> annotations) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace("ns")
        .withName("p")
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .addNewEnv()
        .withName("OTHER")
        .withValue("x")
        .endEnv()
        .endContainer()
        .addNewContainer()
        .withName("proxy")
        .addNewEnv()
        .withName("QUIC_ID")
        .withValue("mine")
        .endEnv()
        .endContainer()
        .addNewContainer()
        .withName("log")
        .endContainer()
        .addNewInitContainer()
        .withName("init")
        .endInitContainer()
        .endSpec()
        .build();
  }

  @Test
  void eachNamedContainerWithoutTheVariableGetsAFreshServerId() {
    Decision decision =
        mutator.admit(Requests.create(pod(Map.of(SlimPod.QUIC_CONTAINERS, "app,proxy,init"))));

    assertThat(decision.allowed()).isTrue();
    assertThat(decision.patch())
        .containsExactly(
            PatchOperation.add(
                "/spec/containers/0/env",
                List.of(new EnvVar("OTHER", "x", null), new EnvVar("QUIC_ID", "id-1", null))),
            PatchOperation.add(
                "/spec/initContainers/0/env", List.of(new EnvVar("QUIC_ID", "id-2", null))));
  }

  @Test
  void podsWithoutTheAnnotationAreLeftAlone() {
    assertThat(mutator.admit(Requests.create(pod(Map.of()))).patch()).isEmpty();
    assertThat(issued).hasValue(0);
  }

  @Test
  void serverIdsAreUniqueAndCarryTheWorkerIdAndTime() {
    var clock = new AtomicLong(QuicServerIdGenerator.EPOCH_MILLIS + 5);
    var reads = new AtomicInteger();
    var asked = new ArrayList<Long>();
    // a millisecond lasts 200 reads of the clock, so the generator, which waits for the next
    // millisecond once one's 128 sequences are used up, sees time pass while it waits
    var generator =
        new QuicServerIdGenerator(
            max -> {
              asked.add(max);
              return 42;
            },
            () -> reads.incrementAndGet() % 200 == 0 ? clock.incrementAndGet() : clock.get());
    var ids = new HashSet<String>();
    for (int i = 0; i < 300; i++) { // more than one millisecond's 128 sequences
      ids.add(generator.next());
    }
    assertThat(ids).hasSize(300);
    assertThat(clock.get())
        .as("time passed while the IDs were made")
        .isGreaterThan(QuicServerIdGenerator.EPOCH_MILLIS + 5);
    assertThat(asked).as("the worker ID is taken once").containsExactly((1L << 17) - 1);
    long id = ByteBuffer.wrap(Base64.getDecoder().decode(ids.iterator().next())).getLong();
    assertThat((id >>> 7) & ((1L << 17) - 1)).isEqualTo(42);
    assertThat(id >>> 24).isBetween(5L, clock.get() - QuicServerIdGenerator.EPOCH_MILLIS);

    clock.set(QuicServerIdGenerator.EPOCH_MILLIS);
    assertThatThrownBy(generator::next).hasMessageContaining("clock moved backwards");
  }
}
