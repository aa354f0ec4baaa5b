package io.lbc.networking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CidrTest {
  @Test
  void tellsWhetherAnAddressIsInsideTheBlock() {
    var block = Cidr.parse("10.0.0.0/16");
    assertThat(block.contains("10.0.255.1")).isTrue();
    assertThat(block.contains("10.1.0.1")).isFalse();
    assertThat(Cidr.parse("10.0.0.0/20").contains("10.0.15.255")).isTrue();
    assertThat(Cidr.parse("10.0.0.0/20").contains("10.0.16.0")).isFalse();
    assertThat(Cidr.parse("fd00::/8").contains("fd12::1")).isTrue();
    assertThat(Cidr.parse("fd00::/8").contains("10.0.0.1")).isFalse();
  }

  @Test
  void neverResolvesHostNames() {
    assertThat(Cidr.parse("10.0.0.0/8").contains("example.com")).isFalse();
    assertThatThrownBy(() -> Cidr.parse("example.com/8"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
