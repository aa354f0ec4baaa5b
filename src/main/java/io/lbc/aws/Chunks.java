package io.lbc.aws;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Splits what AWS takes as a list into the largest pieces one call accepts. */
public final class Chunks {
  private Chunks() {}

  /** Consecutive pieces of at most {@code size} elements, in order; none for an empty input. */
  public static <T> List<List<T>> of(Collection<T> items, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("chunk size must be positive: " + size);
    }
    List<T> all = List.copyOf(items);
    var chunks = new ArrayList<List<T>>();
    for (int from = 0; from < all.size(); from += size) {
      chunks.add(all.subList(from, Math.min(all.size(), from + size)));
    }
    return chunks;
  }
}
