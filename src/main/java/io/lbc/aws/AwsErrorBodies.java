package io.lbc.aws;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the AWS error code of a failed HTTP response as each protocol carries it: the {@code
 * x-amzn-query-error} or {@code x-amzn-ErrorType} header, a {@code <Code>} element (Query and EC2
 * XML) or a {@code __type} / {@code code} member (JSON).
 */
final class AwsErrorBodies {
  private static final Pattern XML_CODE = Pattern.compile("<Code>\\s*([^<\\s]+)\\s*</Code>");
  private static final Pattern JSON_CODE =
      Pattern.compile("\"(?:__type|code|Code)\"\\s*:\\s*\"([^\"]+)\"");

  private AwsErrorBodies() {}

  static Optional<String> errorCode(Map<String, List<String>> headers, byte[] body) {
    Optional<String> fromHeader =
        header(headers, "x-amzn-query-error")
            .map(value -> value.split(";", 2)[0])
            .or(() -> header(headers, "x-amzn-ErrorType").map(value -> value.split(":", 2)[0]));
    if (fromHeader.isPresent()) {
      return fromHeader.map(AwsErrorBodies::withoutNamespace);
    }
    String text = new String(body, StandardCharsets.UTF_8);
    Matcher xml = XML_CODE.matcher(text);
    if (xml.find()) {
      return Optional.of(xml.group(1));
    }
    Matcher json = JSON_CODE.matcher(text);
    return json.find() ? Optional.of(withoutNamespace(json.group(1))) : Optional.empty();
  }

  private static Optional<String> header(Map<String, List<String>> headers, String name) {
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
        .map(e -> e.getValue().get(0).trim())
        .filter(value -> !value.isEmpty())
        .findFirst();
  }

  /**
   * {@code com.amazonaws.waf#WAFNonexistentItemException} → {@code WAFNonexistentItemException}.
   */
  private static String withoutNamespace(String code) {
    return code.substring(code.lastIndexOf('#') + 1);
  }
}
