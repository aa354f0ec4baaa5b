package io.lbc.ingress;

import io.lbc.model.elbv2.MutualAuthentication;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one member asks of one listen port (compat-spec §1.3 G-Port settings).
 *
 * @param protocol {@code HTTP} or {@code HTTPS}
 * @param inboundCidrs the member's explicit CIDRs (v4 and v6), with their source field
 * @param prefixLists the member's explicit prefix lists, with their source field
 * @param certificates HTTPS only: explicit or discovered, the first is the default
 * @param certificatesDiscovered the certificates were discovered in ACM from the hosts (their order
 *     is then the ARNs', not the user's)
 * @param listenerAttributes from {@code listener-attributes.<PROTOCOL>-<port>}
 * @param classListenerAttributes from IngressClassParams {@code listeners[]}; these win
 * @param mutualAuthentication HTTPS only: the member's {@code mutual-authentication} entry for the
 *     port, trust store resolved to its ARN
 */
record PortConfig(
    String protocol,
    Optional<Setting<List<String>>> inboundCidrs,
    Optional<Setting<List<String>>> prefixLists,
    Optional<Setting<String>> sslPolicy,
    List<String> certificates,
    boolean certificatesDiscovered,
    Map<String, String> listenerAttributes,
    Map<String, String> classListenerAttributes,
    Optional<Setting<MutualAuthentication>> mutualAuthentication) {

  boolean https() {
    return protocol.equals("HTTPS");
  }
}
