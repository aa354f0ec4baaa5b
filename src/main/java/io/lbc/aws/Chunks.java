package io.lbc.aws;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

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

  /**
   * Looks keys up {@code size} per call. AWS fails a whole describe for one key that does not exist
   * ({@code *NotFound}); such a batch is asked again one key at a time, leaving the missing ones
   * out. Any other failure propagates.
   */
  public static <T> List<T> lookUp(
      Collection<String> keys, int size, Function<List<String>, List<T>> describe) {
    var result = new ArrayList<T>();
    for (List<String> batch : of(keys, size)) {
      List<T> found = AwsErrors.unlessNotFound(() -> describe.apply(batch), null);
      if (found != null) {
        result.addAll(found);
        continue;
      }
      for (String key : batch) {
        result.addAll(AwsErrors.unlessNotFound(() -> describe.apply(List.of(key)), List.of()));
      }
    }
    return result;
  }
}
