package io.lbc.networking;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 CIDR block that can tell whether it holds an address. */
public record Cidr(byte[] network, int prefixLength) {

  /**
   * @throws IllegalArgumentException when the text is not a CIDR block
   */
  public static Cidr parse(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not a CIDR block: " + cidr);
    }
    try {
      return new Cidr(
          literal(cidr.substring(0, slash)).getAddress(),
          Integer.parseInt(cidr.substring(slash + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a CIDR block: " + cidr, e);
    }
  }

  public boolean contains(String address) {
    byte[] bytes;
    try {
      bytes = literal(address).getAddress();
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (bytes.length != network.length) {
      return false;
    }
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (bytes[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xff << (8 - rest);
    return (bytes[full] & mask) == (network[full] & mask);
  }

  /** Parses an address literal without ever resolving a host name. */
  private static InetAddress literal(String text) {
    boolean literal = text.contains(":") || text.matches("[0-9.]+");
    if (!literal) {
      throw new IllegalArgumentException("not an IP address: " + text);
    }
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + text, e);
    }
  }
}
