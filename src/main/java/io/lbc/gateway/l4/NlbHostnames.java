package io.lbc.gateway.l4;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hostname intersection of a listener and a TLSRoute (gateway-spec §2.5): a route without hostnames
 * takes the listener's; a listener without one takes the route's; otherwise each route hostname
 * that equals the listener's, or matches it through a {@code *.} wildcard on either side,
 * contributes the more specific of the two. An empty result means no match.
 */
final class NlbHostnames {
  private NlbHostnames() {}

  /**
   * @return the hostnames the route serves on the listener (empty list: any hostname), or empty
   *     when they do not intersect
   */
  static Optional<List<String>> intersect(String listenerHostname, List<String> routeHostnames) {
    if (routeHostnames.isEmpty()) {
      return Optional.of(listenerHostname == null ? List.of() : List.of(listenerHostname));
    }
    if (listenerHostname == null) {
      return Optional.of(List.copyOf(routeHostnames));
    }
    var result = new ArrayList<String>();
    for (String route : routeHostnames) {
      if (route.equals(listenerHostname) || wildcardCovers(listenerHostname, route)) {
        result.add(route);
      } else if (wildcardCovers(route, listenerHostname)) {
        result.add(listenerHostname);
      }
    }
    return result.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(result));
  }

  /** {@code *.example.com} covers {@code a.example.com} and {@code a.b.example.com}. */
  static boolean wildcardCovers(String wildcard, String host) {
    if (!wildcard.startsWith("*.")) {
      return false;
    }
    String suffix = wildcard.substring(1);
    return host.endsWith(suffix) && host.length() > suffix.length() && !host.startsWith("*.")
        || host.startsWith("*.") && host.length() > wildcard.length() && host.endsWith(suffix);
  }
}
