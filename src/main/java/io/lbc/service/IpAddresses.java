package io.lbc.service;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Literal IP addresses and CIDR blocks, parsed without ever resolving a host name.
 *
 * @param bits the address as an unsigned number
 * @param width 32 for IPv4, 128 for IPv6
 * @param prefix the prefix length; {@code width} for a single address
 */
record IpAddresses(BigInteger bits, int width, int prefix) {
  private static final Pattern IPV4 =
      Pattern.compile(
          "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

  /** An IPv4 or IPv6 address literal, or empty when the text is not one. */
  static Optional<IpAddresses> address(String text) {
    if (IPV4.matcher(text).matches()) {
      return parse(text, 32);
    }
    if (text.contains(":") && IPV6_CHARS.matcher(text).matches()) {
      return parse(text, 128);
    }
    return Optional.empty();
  }

  /** A CIDR block such as {@code 10.0.0.0/16} or {@code 2600:1f14::/56}, or empty. */
  static Optional<IpAddresses> cidr(String text) {
    int slash = text.indexOf('/');
    if (slash < 0 || !text.substring(slash + 1).matches("\\d{1,3}")) {
      return Optional.empty();
    }
    int prefix = Integer.parseInt(text.substring(slash + 1));
    return address(text.substring(0, slash))
        .filter(a -> prefix <= a.width())
        .map(a -> new IpAddresses(a.bits(), a.width(), prefix));
  }

  boolean isIpv6() {
    return width == 128;
  }

  /** Whether this block contains the other address or block. */
  boolean contains(IpAddresses other) {
    if (other.width != width || other.prefix < prefix) {
      return false;
    }
    int hostBits = width - prefix;
    return bits.shiftRight(hostBits).equals(other.bits.shiftRight(hostBits));
  }

  private static Optional<IpAddresses> parse(String literal, int width) {
    try {
      byte[] bytes = InetAddress.getByName(literal).getAddress();
      if (bytes.length * 8 != width) {
        return Optional.empty(); // e.g. an IPv4-mapped IPv6 literal
      }
      return Optional.of(new IpAddresses(new BigInteger(1, bytes), width, width));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
