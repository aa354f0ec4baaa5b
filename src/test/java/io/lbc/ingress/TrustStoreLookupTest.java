package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrustStoreLookupTest {
  /** Answers DescribeTrustStores from a fixed account and records every call's names. */
  static final class Stores {
    final Map<String, String> arnByName = new LinkedHashMap<>();
    final List<List<String>> calls = new ArrayList<>();

    Map<String, String> describeTrustStoreArns(Collection<String> names) {
      calls.add(List.copyOf(names));
      var result = new LinkedHashMap<String, String>();
      names.stream().filter(arnByName::containsKey).forEach(n -> result.put(n, arnByName.get(n)));
      return result;
    }
  }

  private final Stores stores = new Stores();
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final TrustStoreLookup lookup =
      new TrustStoreLookup(
          stores::describeTrustStoreArns,
          new Clock() {
            @Override
            public Instant instant() {
              return now;
            }

            @Override
            public java.time.ZoneId getZone() {
              return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
              return this;
            }
          });

  @Test
  void namesAreLookedUpInOneCallAndUnknownOnesLeftOut() {
    stores.arnByName.put("a", "arn:a");
    stores.arnByName.put("b", "arn:b");

    assertThat(lookup.arns(List.of("a", "missing", "b")))
        .isEqualTo(Map.of("a", "arn:a", "b", "arn:b"));
    assertThat(stores.calls).containsExactly(List.of("a", "missing", "b"));
  }

  @Test
  void aFoundNameIsCachedForTenMinutesAnUnknownOneNot() {
    stores.arnByName.put("a", "arn:a");
    lookup.arns(List.of("a", "later"));
    stores.arnByName.put("later", "arn:later");

    now = now.plus(TrustStoreLookup.TTL).minusSeconds(1);
    assertThat(lookup.arns(List.of("a"))).isEqualTo(Map.of("a", "arn:a"));
    assertThat(lookup.arns(List.of("a", "later"))).containsEntry("later", "arn:later");
    assertThat(stores.calls).containsExactly(List.of("a", "later"), List.of("later"));

    now = now.plus(Duration.ofSeconds(1));
    stores.arnByName.put("a", "arn:a-recreated");
    assertThat(lookup.arns(List.of("a"))).isEqualTo(Map.of("a", "arn:a-recreated"));
  }
}
