package io.lbc.annotations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The value encodings shared by annotations and flags (compat-spec §1.1). Every method throws
 * {@link IllegalArgumentException} with a reason that the caller prefixes with the name of the
 * annotation or flag.
 */
public final class ValueSyntax {
  private static final Set<String> TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
  private static final Set<String> FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");

  private ValueSyntax() {}

  /** A boolean as Go's strconv.ParseBool reads it. */
  public static boolean parseBool(String raw) {
    if (TRUE.contains(raw)) {
      return true;
    }
    if (FALSE.contains(raw)) {
      return false;
    }
    throw new IllegalArgumentException("'" + raw + "' is not a boolean (use true or false)");
  }

  public static int parseInt32(String raw) {
    try {
      return Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + raw + "' is not an integer");
    }
  }

  public static long parseInt64(String raw) {
    try {
      return Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + raw + "' is not an integer");
    }
  }

  /** Comma separated values, trimmed, empty entries dropped. */
  public static List<String> parseStringList(String raw) {
    var result = new ArrayList<String>();
    for (String part : raw.split(",", -1)) {
      String trimmed = part.trim();
      if (!trimmed.isEmpty()) {
        result.add(trimmed);
      }
    }
    return List.copyOf(result);
  }

  /**
   * {@code k1=v1,k2=v2}: split on the first {@code =}, keys and values trimmed. A backslash keeps
   * the next character literally ({@code \,} is a comma inside a value), and a comma only starts a
   * new pair when the text after it has an {@code =}; otherwise it belongs to the value.
   */
  public static Map<String, String> parseStringMap(String raw) {
    var pairs = new ArrayList<StringBuilder>();
    var current = new StringBuilder();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 1 < raw.length()) {
        current.append('\0').append(raw.charAt(++i));
      } else if (c == ',') {
        pairs.add(current);
        current = new StringBuilder();
      } else {
        current.append(c);
      }
    }
    pairs.add(current);

    var merged = new ArrayList<String>();
    for (StringBuilder pair : pairs) {
      String text = pair.toString();
      if (!merged.isEmpty() && !hasUnescapedEquals(text)) {
        merged.set(merged.size() - 1, merged.get(merged.size() - 1) + "\0," + text);
      } else {
        merged.add(text);
      }
    }

    var result = new LinkedHashMap<String, String>();
    for (String pair : merged) {
      if (unescape(pair).isBlank()) {
        continue;
      }
      int eq = indexOfUnescapedEquals(pair);
      if (eq < 0) {
        throw new IllegalArgumentException("'" + unescape(pair).trim() + "' is not key=value");
      }
      String key = unescape(pair.substring(0, eq)).trim();
      String value = unescape(pair.substring(eq + 1)).trim();
      if (key.isEmpty()) {
        throw new IllegalArgumentException("'" + unescape(pair).trim() + "' has an empty key");
      }
      result.put(key, value);
    }
    return result;
  }

  // Escaped characters are kept as a NUL marker followed by the character until the end.
  private static boolean hasUnescapedEquals(String text) {
    return indexOfUnescapedEquals(text) >= 0;
  }

  private static int indexOfUnescapedEquals(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\0') {
        i++;
      } else if (c == '=') {
        return i;
      }
    }
    return -1;
  }

  private static String unescape(String text) {
    return text.replace("\0", "");
  }
}
