package io.lbc.gateway;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Route and listener hostname intersection (Gateway API; gateway-spec §2.5). */
public final class Hostnames {
  private static final Pattern IP = Pattern.compile("^[0-9.]+$|:");
  private static final Pattern LABEL = Pattern.compile("^[a-z0-9*]([-a-z0-9]{0,61}[a-z0-9])?$");

  private Hostnames() {}

  /**
   * The hostnames a route serves through a listener.
   *
   * @return empty when they do not intersect; a list with no element means "any host"
   */
  public static Optional<List<String>> intersect(String listenerHostname, List<String> route) {
    if (route.isEmpty()) {
      return Optional.of(listenerHostname == null ? List.of() : List.of(listenerHostname));
    }
    if (listenerHostname == null) {
      return Optional.of(List.copyOf(route));
    }
    var result = new LinkedHashSet<String>();
    for (String host : route) {
      if (!valid(host)) {
        continue;
      }
      if (host.equals(listenerHostname)) {
        result.add(host);
      } else if (matches(listenerHostname, host)) {
        result.add(host);
      } else if (matches(host, listenerHostname)) {
        result.add(listenerHostname);
      }
    }
    return result.isEmpty() ? Optional.empty() : Optional.of(new ArrayList<>(result));
  }

  /** Whether a {@code *.} wildcard pattern covers the (more specific) host. */
  static boolean matches(String pattern, String host) {
    if (!pattern.startsWith("*.")) {
      return false;
    }
    String suffix = pattern.substring(1);
    return host.endsWith(suffix) && host.length() > suffix.length() && !host.equals(pattern);
  }

  static boolean valid(String host) {
    if (IP.matcher(host).find()) {
      return false;
    }
    for (String label : host.split("\\.", -1)) {
      if (label.isEmpty() || !LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }
}
