package io.lbc.model.elbv2;

import java.util.List;

/**
 * A listener-rule transform (compat-spec §1.3 #29): {@code url-rewrite} or {@code
 * host-header-rewrite}, each a list of regex → replacement rewrites; the config matching {@code
 * type} is set, the other is null.
 */
public record RuleTransform(
    String type, Rewrites hostHeaderRewriteConfig, Rewrites urlRewriteConfig) {
  public static final String URL_REWRITE = "url-rewrite";
  public static final String HOST_HEADER_REWRITE = "host-header-rewrite";

  public static RuleTransform urlRewrite(List<Rewrite> rewrites) {
    return new RuleTransform(URL_REWRITE, null, new Rewrites(rewrites));
  }

  public static RuleTransform hostHeaderRewrite(List<Rewrite> rewrites) {
    return new RuleTransform(HOST_HEADER_REWRITE, new Rewrites(rewrites), null);
  }

  /** The rewrites of whichever config is set. */
  public List<Rewrite> rewrites() {
    Rewrites set = urlRewriteConfig != null ? urlRewriteConfig : hostHeaderRewriteConfig;
    return set == null ? List.of() : set.rewrites();
  }

  public record Rewrites(List<Rewrite> rewrites) {}

  public record Rewrite(String regex, String replace) {}
}
