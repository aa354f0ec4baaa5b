package io.lbc.ingress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lbc.annotations.KeyInventory;
import io.lbc.annotations.Surface;
import io.lbc.model.UserInputException;
import io.lbc.model.elbv2.MutualAuthentication;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code mutual-authentication} annotation (compat-spec §1.3 #25): a JSON list of {@code {port,
 * mode, trustStore, ignoreClientCertificateExpiry, advertiseTrustStoreCaNames}}, validated like the
 * reference, trust store names resolved to ARNs.
 *
 * <p>Stricter than the reference, because a security control must not be lost quietly: an entry
 * turning mutual TLS on for a port that is not one of the member's HTTPS listen ports, a field the
 * reference does not know, and two different entries for one port are refused (the reference drops
 * them).
 */
final class MutualAuthenticationReader {
  static final String SUFFIX =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "mutual-authentication");
  static final String KEY = "alb.ingress.kubernetes.io/" + SUFFIX;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS =
      Set.of(
          "port",
          "mode",
          "trustStore",
          "ignoreClientCertificateExpiry",
          "advertiseTrustStoreCaNames");
  private static final List<String> MODES =
      List.of(
          MutualAuthentication.OFF, MutualAuthentication.PASSTHROUGH, MutualAuthentication.VERIFY);

  private final TrustStoreLookup trustStores;

  MutualAuthenticationReader(TrustStoreLookup trustStores) {
    this.trustStores = trustStores;
  }

  /**
   * Mutual TLS per HTTPS port of the member, trust stores as ARNs; empty without the annotation.
   *
   * @param protocols the member's listen ports
   */
  SortedMap<Integer, MutualAuthentication> read(
      MemberSource source, SortedMap<Integer, String> protocols) {
    var raw = source.annotations().string(SUFFIX);
    if (raw.isEmpty()) {
      return new TreeMap<>();
    }
    var byPort = parse(raw.get());
    for (var entry : byPort.entrySet()) {
      int port = entry.getKey();
      if (!MutualAuthentication.isOff(entry.getValue()) && !"HTTPS".equals(protocols.get(port))) {
        throw invalid(
            "port "
                + port
                + " is not an HTTPS port of "
                + ListenPorts.KEY
                + ", so mutual TLS could not be enforced there; list it as {\"HTTPS\": "
                + port
                + "} or remove the entry");
      }
    }
    return resolveNames(byPort);
  }

  static SortedMap<Integer, MutualAuthentication> parse(String raw) {
    JsonNode root;
    try {
      root = JSON.readTree(raw);
    } catch (JsonProcessingException e) {
      throw invalid(
          "'" + raw + "' is not JSON; write e.g. [{\"port\": 443, \"mode\": \"passthrough\"}]");
    }
    if (root == null || !root.isArray()) {
      throw invalid("'" + raw + "' is not a JSON list of {\"port\": …, \"mode\": …} objects");
    }
    if (root.isEmpty()) {
      throw invalid("is an empty list; give one {\"port\": …, \"mode\": …} entry per port");
    }
    var result = new TreeMap<Integer, MutualAuthentication>();
    for (JsonNode entry : root) {
      if (!entry.isObject()) {
        throw invalid(
            "entry " + entry + " is not an object like {\"port\": 443, \"mode\": \"off\"}");
      }
      Iterator<String> names = entry.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!FIELDS.contains(name)) {
          throw invalid("entry " + entry + " has an unknown field '" + name + "'");
        }
      }
      int port = port(entry);
      MutualAuthentication value = entry(port, entry);
      MutualAuthentication earlier = result.put(port, value);
      if (earlier != null && !earlier.equals(value)) {
        throw invalid("port " + port + " has two different entries");
      }
    }
    return result;
  }

  private static int port(JsonNode entry) {
    JsonNode port = entry.get("port");
    if (port == null || !port.isInt()) {
      throw invalid("entry " + entry + " needs an integer \"port\"");
    }
    if (port.intValue() < 1 || port.intValue() > 65535) {
      throw invalid("port " + port.intValue() + " is not within [1, 65535]");
    }
    return port.intValue();
  }

  private static MutualAuthentication entry(int port, JsonNode entry) {
    String mode = text(entry, "mode", port);
    if (mode == null || mode.isEmpty()) {
      throw invalid("the mode of port " + port + " is empty; use one of " + MODES);
    }
    if (!MODES.contains(mode)) {
      throw invalid("the mode of port " + port + " is '" + mode + "', not one of " + MODES);
    }
    String trustStore = text(entry, "trustStore", port);
    String advertise = text(entry, "advertiseTrustStoreCaNames", port);
    JsonNode ignoreNode = entry.get("ignoreClientCertificateExpiry");
    if (ignoreNode != null && !ignoreNode.isNull() && !ignoreNode.isBoolean()) {
      throw invalid("ignoreClientCertificateExpiry of port " + port + " is not true or false");
    }
    Boolean ignoreExpiry =
        ignoreNode == null || ignoreNode.isNull() ? null : ignoreNode.booleanValue();
    if (!mode.equals(MutualAuthentication.VERIFY)) {
      if (trustStore != null && !trustStore.isEmpty()) {
        throw invalid("mode " + mode + " of port " + port + " takes no trustStore");
      }
      if (ignoreExpiry != null) {
        throw invalid(
            "mode " + mode + " of port " + port + " takes no ignoreClientCertificateExpiry");
      }
      if (advertise != null) {
        throw invalid("mode " + mode + " of port " + port + " takes no advertiseTrustStoreCaNames");
      }
      return new MutualAuthentication(mode, null, null, null);
    }
    if (trustStore == null || trustStore.isEmpty()) {
      throw invalid("mode verify of port " + port + " needs a trustStore (its ARN or name)");
    }
    if (advertise != null && !advertise.equals("on") && !advertise.equals("off")) {
      throw invalid(
          "advertiseTrustStoreCaNames of port " + port + " is '" + advertise + "', not on or off");
    }
    return MutualAuthentication.verify(trustStore, ignoreExpiry, advertise);
  }

  private static String text(JsonNode entry, String field, int port) {
    JsonNode node = entry.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw invalid(field + " of port " + port + " is not a string");
    }
    return node.textValue();
  }

  /** Verify entries that name a trust store get its ARN (one DescribeTrustStores for all). */
  private SortedMap<Integer, MutualAuthentication> resolveNames(
      SortedMap<Integer, MutualAuthentication> byPort) {
    var names = new LinkedHashSet<String>();
    byPort.values().stream()
        .filter(m -> m.mode().equals(MutualAuthentication.VERIFY))
        .map(MutualAuthentication::trustStoreArn)
        .filter(ts -> !ts.startsWith("arn:"))
        .forEach(names::add);
    if (names.isEmpty()) {
      return byPort;
    }
    Map<String, String> arns = trustStores.arns(names);
    for (String name : names) {
      if (!arns.containsKey(name)) {
        throw invalid("no trust store is named '" + name + "' (ELBv2 DescribeTrustStores)");
      }
    }
    var resolved = new TreeMap<Integer, MutualAuthentication>();
    byPort.forEach(
        (port, m) ->
            resolved.put(
                port,
                m.mode().equals(MutualAuthentication.VERIFY) && arns.containsKey(m.trustStoreArn())
                    ? MutualAuthentication.verify(
                        arns.get(m.trustStoreArn()),
                        m.ignoreClientCertificateExpiry(),
                        m.advertiseTrustStoreCaNames())
                    : m));
    return resolved;
  }

  private static UserInputException invalid(String message) {
    return new UserInputException(KEY, message);
  }

  /** Distinct trust store ARNs of the values, in order. */
  static Set<String> trustStores(Iterable<MutualAuthentication> values) {
    var result = new LinkedHashSet<String>();
    for (MutualAuthentication m : values) {
      if (m != null && MutualAuthentication.VERIFY.equals(m.mode())) {
        result.add(m.trustStoreArn());
      }
    }
    return result;
  }
}
