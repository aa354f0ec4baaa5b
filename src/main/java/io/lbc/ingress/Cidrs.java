package io.lbc.ingress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** CIDR syntax as Go's {@code net.ParseCIDR} accepts it (host bits may be set). */
final class Cidrs {
  private static final Pattern IPV4 =
      Pattern.compile(
          "^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}/(3[0-2]|[12]?\\d)$");
  private static final Pattern IPV6 =
      Pattern.compile("^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*/(12[0-8]|1[01]\\d|[1-9]?\\d)$");

  private Cidrs() {}

  static boolean isIpv6(String cidr) {
    return cidr.contains(":");
  }

  static boolean valid(String cidr) {
    if (IPV4.matcher(cidr).matches()) {
      return true;
    }
    if (!IPV6.matcher(cidr).matches()) {
      return false;
    }
    try {
      // in brackets the text must be an IPv6 literal: parsed, never resolved
      InetAddress.getByName("[" + cidr.substring(0, cidr.indexOf('/')) + "]");
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
