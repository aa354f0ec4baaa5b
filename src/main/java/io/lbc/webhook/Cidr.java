package io.lbc.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IP network in CIDR notation, parsed like Go's {@code net.ParseCIDR} so that messages match the
 * reference controller's. Never resolves host names.
 */
public record Cidr(byte[] address, int prefix) {
  private static final Pattern IPV4 =
      Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

  /** Parses {@code address/prefix}; throws IllegalArgumentException when it is not one. */
  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("no prefix length");
    }
    byte[] address =
        parseIp(text.substring(0, slash))
            .orElseThrow(() -> new IllegalArgumentException("invalid address"));
    String bits = text.substring(slash + 1);
    if (!bits.matches("[0-9]{1,3}")) {
      throw new IllegalArgumentException("invalid prefix length");
    }
    int prefix = Integer.parseInt(bits);
    if (prefix > address.length * 8) {
      throw new IllegalArgumentException("invalid prefix length");
    }
    return new Cidr(address, prefix);
  }

  /** A literal IPv4 or IPv6 address, or empty. */
  public static Optional<byte[]> parseIp(String text) {
    if (IPV4.matcher(text).matches()) {
      String[] parts = text.split("\\.");
      byte[] bytes = new byte[4];
      for (int i = 0; i < 4; i++) {
        int value = Integer.parseInt(parts[i]);
        if (value > 255) {
          return Optional.empty();
        }
        bytes[i] = (byte) value;
      }
      return Optional.of(bytes);
    }
    if (IPV6.matcher(text).matches()) {
      try {
        // A literal with a colon is parsed, never looked up.
        return Optional.of(InetAddress.getByName(text).getAddress());
      } catch (UnknownHostException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  public boolean isIpv4() {
    return address.length == 4;
  }

  /** The network address: the address with every bit past the prefix cleared. */
  public Cidr network() {
    byte[] masked = address.clone();
    for (int bit = prefix; bit < masked.length * 8; bit++) {
      masked[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return new Cidr(masked, prefix);
  }

  public boolean hasHostBits() {
    return !Arrays.equals(address, network().address());
  }

  /** The address in Go's canonical form: dotted quad, or RFC 5952 for IPv6. */
  public String addressText() {
    if (isIpv4()) {
      return (address[0] & 0xff)
          + "."
          + (address[1] & 0xff)
          + "."
          + (address[2] & 0xff)
          + "."
          + (address[3] & 0xff);
    }
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    var out = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(groups[i]));
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return addressText() + "/" + prefix;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.address, address);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(address) + prefix;
  }
}
