package io.lbc.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SourceRangesTest {

  @Test
  void collapsingDropsDuplicatesAndBlocksThatAnotherBlockContains() {
    assertThat(
            SourceRanges.collapse(
                List.of(
                    "10.1.0.0/16",
                    "10.0.0.0/8",
                    "192.0.2.0/24",
                    "10.0.0.0/8",
                    "192.0.2.128/25",
                    "2001:db8::/32",
                    "2001:db8:1::/48",
                    "0.0.0.0/1")))
        .as("0.0.0.0/1 holds every 10.x block")
        .containsExactly("192.0.2.0/24", "2001:db8::/32", "0.0.0.0/1");
    assertThat(SourceRanges.collapse(List.of("10.1.0.0/16", "10.0.0.0/8", "10.0.0.0/8")))
        .containsExactly("10.0.0.0/8");
  }

  @Test
  void addressesAreParsedAsLiteralsOnlyAndNeverResolved() {
    assertThat(IpAddresses.address("10.0.0.1")).isPresent();
    assertThat(IpAddresses.address("2600:1f14::1"))
        .get()
        .extracting(IpAddresses::isIpv6)
        .isEqualTo(true);
    assertThat(IpAddresses.address("localhost")).isEmpty();
    assertThat(IpAddresses.address("1.2.3")).isEmpty();
    assertThat(IpAddresses.address("256.1.1.1")).isEmpty();
    assertThat(IpAddresses.cidr("10.0.0.0/33")).isEmpty();
    assertThat(IpAddresses.cidr("10.0.0.0")).isEmpty();
    assertThat(IpAddresses.cidr("10.0.128.0/20").orElseThrow())
        .matches(block -> block.contains(IpAddresses.address("10.0.143.255").orElseThrow()))
        .matches(block -> !block.contains(IpAddresses.address("10.0.144.0").orElseThrow()));
  }
}
