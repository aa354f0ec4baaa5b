package io.lbc.ingress;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.lbc.model.UserInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How Ingress paths become ALB path patterns (compat-spec §1.3, "Other Ingress spec handling"):
 * {@code Exact} paths first, then {@code Prefix} paths longest first, then {@code
 * ImplementationSpecific} (or unset) paths as written.
 */
final class PathPatterns {
  static final String EXACT = "Exact";
  static final String PREFIX = "Prefix";
  static final String IMPLEMENTATION_SPECIFIC = "ImplementationSpecific";

  /** A path with its position in the rule, for error messages. */
  record IndexedPath(int index, HTTPIngressPath path) {
    String type() {
      return path.getPathType() == null ? IMPLEMENTATION_SPECIFIC : path.getPathType();
    }
  }

  private PathPatterns() {}

  /**
   * @param field where the paths are, e.g. {@code spec.rules[0].http.paths}
   */
  static List<IndexedPath> sort(String field, List<HTTPIngressPath> paths) {
    var exact = new ArrayList<IndexedPath>();
    var prefix = new ArrayList<IndexedPath>();
    var other = new ArrayList<IndexedPath>();
    for (int i = 0; i < paths.size(); i++) {
      var indexed = new IndexedPath(i, paths.get(i));
      switch (indexed.type()) {
        case EXACT -> exact.add(indexed);
        case PREFIX -> prefix.add(indexed);
        case IMPLEMENTATION_SPECIFIC -> other.add(indexed);
        default ->
            throw new UserInputException(
                field + "[" + i + "].pathType",
                "'" + indexed.type() + "' is not one of Exact, Prefix, ImplementationSpecific");
      }
    }
    prefix.sort(Comparator.comparingInt((IndexedPath p) -> length(p)).reversed());
    var sorted = new ArrayList<IndexedPath>(exact);
    sorted.addAll(prefix);
    sorted.addAll(other);
    return sorted;
  }

  private static int length(IndexedPath path) {
    return path.path().getPath() == null ? 0 : path.path().getPath().length();
  }

  /**
   * The path-pattern values of one path; empty for an ImplementationSpecific path without a path.
   * {@code Prefix /foo} matches {@code /foo} and everything under it, so it becomes {@code /foo}
   * and {@code /foo/*}; {@code Prefix /} becomes {@code /*}.
   */
  static List<String> patterns(String field, String path, String type) {
    if (path == null || path.isEmpty()) {
      return List.of();
    }
    switch (type) {
      case EXACT:
        requireNoWildcard(field, path, type);
        return List.of(path);
      case PREFIX:
        if (path.equals("/")) {
          return List.of("/*");
        }
        requireNoWildcard(field, path, type);
        String normalized = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return List.of(normalized, normalized + "/*");
      default:
        return List.of(path);
    }
  }

  /**
   * The regex values of one path under {@code use-regex-path-match} (compat-spec §1.3 #30): an
   * ImplementationSpecific path is a regex, without the leading {@code /} Kubernetes requires;
   * other path types are unaffected (empty).
   */
  static List<String> regexPatterns(String field, String path, String type) {
    if (path == null || path.isEmpty() || !IMPLEMENTATION_SPECIFIC.equals(type)) {
      return List.of();
    }
    String regex = path.substring(1);
    RegexValues.problem(regex)
        .ifPresent(
            problem -> {
              throw new UserInputException(field, "under use-regex-path-match, " + problem);
            });
    return List.of(regex);
  }

  private static void requireNoWildcard(String field, String path, String type) {
    if (path.contains("*") || path.contains("?")) {
      throw new UserInputException(
          field,
          "the "
              + type
              + " path '"
              + path
              + "' contains a wildcard; use pathType ImplementationSpecific for ALB wildcards");
    }
  }
}
