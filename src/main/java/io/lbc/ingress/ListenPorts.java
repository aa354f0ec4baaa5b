package io.lbc.ingress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lbc.annotations.KeyInventory;
import io.lbc.annotations.Surface;
import io.lbc.model.UserInputException;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code listen-ports} annotation (compat-spec §1.3 #19): a JSON list of one-key objects such
 * as {@code [{"HTTP": 80}, {"HTTPS": 443}]}. Absent, an Ingress listens on HTTP 80, or on HTTPS 443
 * when it names a certificate explicitly.
 */
final class ListenPorts {
  static final String SUFFIX = KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "listen-ports");
  static final String KEY = Surface.INGRESS_ANNOTATION.prefix() + SUFFIX;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ListenPorts() {}

  /** Port to protocol ({@code HTTP} or {@code HTTPS}), sorted by port. */
  static SortedMap<Integer, String> parse(String raw) {
    JsonNode root;
    try {
      root = JSON.readTree(raw);
    } catch (JsonProcessingException e) {
      throw invalid("'" + raw + "' is not JSON; write e.g. [{\"HTTP\": 80}, {\"HTTPS\": 443}]");
    }
    if (root == null || !root.isArray()) {
      throw invalid("'" + raw + "' is not a JSON list; write e.g. [{\"HTTP\": 80}]");
    }
    if (root.isEmpty()) {
      throw invalid("is an empty list; name at least one port, e.g. [{\"HTTP\": 80}]");
    }
    var ports = new TreeMap<Integer, String>();
    for (JsonNode entry : root) {
      if (!entry.isObject()) {
        throw invalid("entry " + entry + " is not an object like {\"HTTPS\": 443}");
      }
      Iterator<Map.Entry<String, JsonNode>> fields = entry.fields();
      while (fields.hasNext()) {
        var field = fields.next();
        String protocol = field.getKey();
        if (!protocol.equals("HTTP") && !protocol.equals("HTTPS")) {
          throw invalid("protocol '" + protocol + "' is not one of HTTP, HTTPS");
        }
        JsonNode portNode = field.getValue();
        if (!portNode.isInt()) {
          throw invalid("port " + portNode + " of " + protocol + " is not an integer");
        }
        int port = portNode.intValue();
        if (port < 1 || port > 65535) {
          throw invalid("port " + port + " is not within [1, 65535]");
        }
        String previous = ports.put(port, protocol);
        if (previous != null && !previous.equals(protocol)) {
          throw invalid("port " + port + " is listed as both " + previous + " and " + protocol);
        }
      }
    }
    return Collections.unmodifiableSortedMap(ports);
  }

  /** The ports of an Ingress without the annotation. */
  static SortedMap<Integer, String> defaults(boolean explicitCertificate) {
    return new TreeMap<>(explicitCertificate ? Map.of(443, "HTTPS") : Map.of(80, "HTTP"));
  }

  private static UserInputException invalid(String message) {
    return new UserInputException(KEY, message);
  }
}
