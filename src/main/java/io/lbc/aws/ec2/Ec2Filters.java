package io.lbc.aws.ec2;

import io.lbc.aws.Chunks;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.Filter;

/** Builds EC2 describe filters and keeps each call within EC2's limit on filter values. */
final class Ec2Filters {
  /**
   * EC2 refuses a call whose filters hold more than 200 values in total ({@code
   * FilterLimitExceeded: The maximum number of filter values specified on a single call is 200}).
   */
  static final int VALUES_PER_CALL = 200;

  private Ec2Filters() {}

  static Filter of(String name, String... values) {
    return Filter.builder().name(name).values(values).build();
  }

  static Filter of(String name, Collection<String> values) {
    return Filter.builder().name(name).values(values).build();
  }

  /** One {@code tag:<key>} filter per tag: resources carrying every one of them. */
  static List<Filter> tags(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> of("tag:" + e.getKey(), e.getValue())).toList();
  }

  /**
   * Calls {@code describe} with the fixed filters plus a {@code name} filter over the values, as
   * many times as the 200-value limit requires, and concatenates the results. No values: no call.
   */
  static <T> List<T> each(
      List<Filter> fixed,
      String name,
      Collection<String> values,
      Function<List<Filter>, List<T>> describe) {
    int fixedValues = fixed.stream().mapToInt(f -> f.values().size()).sum();
    var result = new ArrayList<T>();
    for (List<String> chunk : Chunks.of(distinct(values), VALUES_PER_CALL - fixedValues)) {
      var filters = new ArrayList<>(fixed);
      filters.add(of(name, chunk));
      result.addAll(describe.apply(filters));
    }
    return result;
  }

  private static List<String> distinct(Collection<String> values) {
    return values.stream().distinct().toList();
  }
}
