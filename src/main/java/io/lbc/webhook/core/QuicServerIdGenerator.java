package io.lbc.webhook.core;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;

/**
 * QUIC server IDs as the reference makes them: 64 bits of 39 bits of milliseconds since 2020-01-01,
 * a 17-bit worker ID taken once per process from a cluster-wide counter, and a 7-bit sequence that
 * starts at random each millisecond; base64 of the 8 big-endian bytes.
 */
public final class QuicServerIdGenerator {
  static final long EPOCH_MILLIS = 1577836800000L;
  static final int WORKER_BITS = 17;
  static final int SEQUENCE_BITS = 7;
  static final long MAX_WORKER_ID = (1L << WORKER_BITS) - 1;
  static final long MAX_SEQUENCE = (1L << SEQUENCE_BITS) - 1;

  private final LongUnaryOperator workerIds;
  private final LongSupplier clock;
  private Long workerId;
  private long lastMillis;
  private long sequence;

  /**
   * @param workerIds given the largest worker ID, hands out this process's (e.g. {@link
   *     ConfigMapWorkerIds})
   */
  public QuicServerIdGenerator(LongUnaryOperator workerIds, LongSupplier clock) {
    this.workerIds = workerIds;
    this.clock = clock;
  }

  public QuicServerIdGenerator(LongUnaryOperator workerIds) {
    this(workerIds, System::currentTimeMillis);
  }

  /**
   * @throws IllegalStateException when the clock went backwards
   */
  public synchronized String next() {
    if (workerId == null) {
      workerId = workerIds.applyAsLong(MAX_WORKER_ID);
    }
    long now = clock.getAsLong();
    if (now < lastMillis) {
      throw new IllegalStateException("clock moved backwards, refusing to generate ID");
    }
    boolean fresh = true;
    if (now == lastMillis) {
      sequence = (sequence + 1) & MAX_SEQUENCE;
      if (sequence == 0) {
        while (now <= lastMillis) { // the millisecond's sequences are used up: wait for the next
          Thread.onSpinWait();
          now = clock.getAsLong();
        }
      } else {
        fresh = false;
      }
    }
    if (fresh) {
      sequence = ThreadLocalRandom.current().nextLong(MAX_SEQUENCE);
    }
    lastMillis = now;
    long id =
        ((now - EPOCH_MILLIS) << (WORKER_BITS + SEQUENCE_BITS))
            | (workerId << SEQUENCE_BITS)
            | sequence;
    return Base64.getEncoder().encodeToString(ByteBuffer.allocate(8).putLong(id).array());
  }
}
