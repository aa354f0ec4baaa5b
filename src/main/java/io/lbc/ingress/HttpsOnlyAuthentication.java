package io.lbc.ingress;

import io.lbc.k8s.EventReasons;
import java.util.ArrayList;
import java.util.List;

/**
 * Authentication and JWT validation go on HTTPS listeners only (compat-spec §1.3 #31–#32): on an
 * HTTP listener without {@code ssl-redirect} the same rules forward without them, as in the
 * reference. That is not silently ignored: each member asking for them that also listens on HTTP
 * gets a Warning naming the annotation and the HTTP ports.
 */
final class HttpsOnlyAuthentication {
  private HttpsOnlyAuthentication() {}

  static List<MemberNotice> notices(GroupSettings settings) {
    var notices = new ArrayList<MemberNotice>();
    if (settings.sslRedirectPort != null) {
      return notices; // HTTP listeners only redirect to HTTPS
    }
    for (MemberPlan member : settings.members) {
      if (member.httpsOnly().isEmpty()) {
        continue;
      }
      List<Integer> httpPorts =
          settings.ports.values().stream()
              .filter(p -> !p.https() && p.members.contains(member.key()))
              .map(p -> p.port)
              .toList();
      if (httpPorts.isEmpty()) {
        continue;
      }
      String field = member.httpsOnly().iterator().next();
      String ports =
          httpPorts.size() == 1
              ? "HTTP port " + httpPorts.get(0) + " forwards"
              : "HTTP ports "
                  + String.join(", ", httpPorts.stream().map(String::valueOf).toList())
                  + " forward";
      notices.add(
          new MemberNotice(
              member.member().ingress(),
              EventReasons.AUTHENTICATION_ON_HTTPS_ONLY,
              field
                  + ": applies on HTTPS listeners only; "
                  + ports
                  + " this Ingress's requests without it (ssl-redirect sends HTTP to HTTPS)"));
    }
    return notices;
  }
}
