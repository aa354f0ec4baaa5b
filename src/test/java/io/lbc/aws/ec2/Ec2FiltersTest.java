package io.lbc.aws.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Filter;

class Ec2FiltersTest {
  @Test
  void keepsEveryCallWithinTwoHundredFilterValuesCountingTheFixedOnes() {
    var ips = IntStream.range(0, 450).mapToObj(i -> "10.0." + i / 250 + "." + i % 250).toList();
    var calls = new ArrayList<List<Filter>>();

    var result =
        Ec2Filters.each(
            List.of(Ec2Filters.of("vpc-id", "vpc-1")),
            "addresses.private-ip-address",
            ips,
            filters -> {
              calls.add(filters);
              return filters.get(1).values();
            });

    assertThat(calls).hasSize(3);
    assertThat(calls)
        .allSatisfy(
            filters -> {
              assertThat(filters.get(0)).isEqualTo(Ec2Filters.of("vpc-id", "vpc-1"));
              assertThat(filters.stream().mapToInt(f -> f.values().size()).sum())
                  .isLessThanOrEqualTo(Ec2Filters.VALUES_PER_CALL);
            });
    assertThat(result).isEqualTo(ips);
  }

  @Test
  void noValuesMeansNoCall() {
    var calls = new ArrayList<List<Filter>>();

    var result =
        Ec2Filters.each(
            List.of(),
            "group-id",
            List.of(),
            filters -> {
              calls.add(filters);
              return List.of("x");
            });

    assertThat(calls).isEmpty();
    assertThat(result).isEmpty();
  }
}
