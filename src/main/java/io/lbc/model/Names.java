package io.lbc.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The reference controller's naming scheme (compat-spec §5.1), so that a cluster moving to this
 * controller keeps its load balancers and target groups: {@code sanitize} drops every
 * non-alphanumeric character without lower-casing, and hashes are lowercase hex SHA-256 of the
 * plain concatenation of their inputs.
 */
public final class Names {
  private Names() {}

  /** Removes every character that is not a letter or digit (Unicode-aware, case kept). */
  public static String sanitize(String text) {
    var result = new StringBuilder(text.length());
    text.codePoints().filter(Character::isLetterOrDigit).forEach(result::appendCodePoint);
    return result.toString();
  }

  /** Lowercase hex SHA-256 of the inputs concatenated with no separator. */
  public static String hash(String... inputs) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String input : inputs) {
        digest.update(input.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** The first {@code n} characters (code points), like Go's {@code %.Ns}. */
  public static String prefix(String text, int n) {
    int count = text.codePointCount(0, text.length());
    return count <= n ? text : text.substring(0, text.offsetByCodePoints(0, n));
  }

  /** {@code k8s-<ns8>-<name8>-<hash10>}: the shape of most generated names. */
  public static String namespacedName(String namespace, String name, String hash) {
    return "k8s-"
        + prefix(sanitize(namespace), 8)
        + "-"
        + prefix(sanitize(name), 8)
        + "-"
        + prefix(hash, 10);
  }

  /** {@code k8s-<group17>-<hash10>}: names of an explicit IngressGroup's resources. */
  public static String groupName(String groupName, String hash) {
    return "k8s-" + prefix(sanitize(groupName), 17) + "-" + prefix(hash, 10);
  }
}
