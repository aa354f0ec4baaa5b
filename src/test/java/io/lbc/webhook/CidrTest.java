package io.lbc.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {
  @ParameterizedTest
  @CsvSource({
    "10.0.0.0/8, 10.0.0.0/8, false",
    "10.1.2.3/8, 10.0.0.0/8, true",
    "0.0.0.0/0, 0.0.0.0/0, false",
    "192.168.1.1/32, 192.168.1.1/32, false",
    "2001:db8::/32, 2001:db8::/32, false",
    "2001:db8::1/64, 2001:db8::/64, true",
    "2001:0db8:0000:0000:0001:0000:0000:0001/128, 2001:db8::1:0:0:1/128, false",
    "::/0, ::/0, false",
  })
  void findsTheNetworkAndHostBits(String text, String network, boolean hostBits) {
    Cidr cidr = Cidr.parse(text);

    assertThat(cidr.network().toString()).isEqualTo(network);
    assertThat(cidr.hasHostBits()).isEqualTo(hostBits);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.0", "10.0.0.0/33", "10.0.0/8", "256.0.0.0/8", "010.0.0.0/8", "10.0.0.0/-1",
        "2001:db8::/129", "example.com/32", "localhost/8", "/8", "10.0.0.0/8/8", "1:2:3/64"
      })
  void refusesWhatGoRefuses(String text) {
    assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void neverLooksUpAHostName() {
    assertThat(Cidr.parseIp("localhost")).isEmpty();
    assertThat(Cidr.parseIp("127.0.0.1")).isPresent();
  }
}
