package io.lbc.ingress;

import com.fasterxml.jackson.core.type.TypeReference;
import io.lbc.annotations.Annotations;
import io.lbc.annotations.KeyInventory;
import io.lbc.annotations.Surface;
import io.lbc.model.elbv2.RuleTransform;
import io.lbc.model.elbv2.RuleTransform.Rewrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code transforms.<name>} annotation (compat-spec §1.3 #29): URL and host header rewrites of
 * the rules whose backend is {@code <name>} (a Service or an {@code actions.<name>} action). Each
 * transform needs the config of its type with at least one rewrite, and each rewrite a regex that
 * compiles and a replacement.
 */
final class TransformAnnotations {
  static final String TRANSFORMS =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "transforms.${name}");
  private static final TypeReference<List<TransformJson>> LIST = new TypeReference<>() {};

  record TransformJson(
      String type, RewritesJson hostHeaderRewriteConfig, RewritesJson urlRewriteConfig) {}

  record RewritesJson(List<RewriteJson> rewrites) {}

  record RewriteJson(String regex, String replace) {}

  private TransformAnnotations() {}

  /** The transforms of the backend {@code name}; none when the annotation is absent or null. */
  static List<RuleTransform> read(Annotations annotations, String name) {
    String suffix = TRANSFORMS + name;
    List<TransformJson> transforms = annotations.json(suffix, LIST).orElse(null);
    if (transforms == null) {
      return List.of();
    }
    var result = new ArrayList<RuleTransform>();
    for (int i = 0; i < transforms.size(); i++) {
      TransformJson json = transforms.get(i);
      String where = "transform " + i + ": ";
      if (json == null) {
        throw annotations.invalid(suffix, where + "must be an object");
      }
      String type = json.type() == null ? "" : json.type();
      RewritesJson config =
          switch (type) {
            case RuleTransform.URL_REWRITE -> json.urlRewriteConfig();
            case RuleTransform.HOST_HEADER_REWRITE -> json.hostHeaderRewriteConfig();
            default ->
                throw annotations.invalid(
                    suffix,
                    where
                        + "unknown transform type \""
                        + type
                        + "\"; must be url-rewrite or host-header-rewrite");
          };
      String configName =
          type.equals(RuleTransform.URL_REWRITE) ? "urlRewriteConfig" : "hostHeaderRewriteConfig";
      if (config == null) {
        throw annotations.invalid(suffix, where + "missing " + configName);
      }
      if (config.rewrites() == null || config.rewrites().isEmpty()) {
        throw annotations.invalid(suffix, where + configName + ".rewrites cannot be empty");
      }
      var rewrites = new ArrayList<Rewrite>();
      for (RewriteJson rewrite : config.rewrites()) {
        Optional<String> problem =
            rewrite == null
                ? Optional.of("a rewrite must be an object")
                : RegexValues.problem(rewrite.regex())
                    .or(
                        () ->
                            rewrite.replace() == null
                                ? Optional.of("a rewrite needs replace")
                                : Optional.empty());
        if (problem.isPresent()) {
          throw annotations.invalid(suffix, where + configName + ": " + problem.get());
        }
        rewrites.add(new Rewrite(rewrite.regex(), rewrite.replace()));
      }
      result.add(
          type.equals(RuleTransform.URL_REWRITE)
              ? RuleTransform.urlRewrite(List.copyOf(rewrites))
              : RuleTransform.hostHeaderRewrite(List.copyOf(rewrites)));
    }
    return List.copyOf(result);
  }
}
