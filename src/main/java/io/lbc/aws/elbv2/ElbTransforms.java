package io.lbc.aws.elbv2;

import io.lbc.model.elbv2.RuleTransform;
import io.lbc.model.elbv2.RuleTransform.Rewrite;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.HostHeaderRewriteConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RewriteConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.UrlRewriteConfig;

/**
 * Converts listener-rule transforms (URL and host header rewrites) between the model and the SDK.
 */
final class ElbTransforms {
  private ElbTransforms() {}

  static List<software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleTransform> toSdk(
      List<RuleTransform> transforms) {
    return transforms.stream().map(ElbTransforms::toSdk).toList();
  }

  private static software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleTransform toSdk(
      RuleTransform transform) {
    List<RewriteConfig> rewrites =
        transform.rewrites().stream()
            .map(r -> RewriteConfig.builder().regex(r.regex()).replace(r.replace()).build())
            .toList();
    var builder =
        software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleTransform.builder()
            .type(transform.type());
    if (transform.urlRewriteConfig() != null) {
      builder.urlRewriteConfig(UrlRewriteConfig.builder().rewrites(rewrites).build());
    }
    if (transform.hostHeaderRewriteConfig() != null) {
      builder.hostHeaderRewriteConfig(HostHeaderRewriteConfig.builder().rewrites(rewrites).build());
    }
    return builder.build();
  }

  static List<RuleTransform> fromSdk(
      List<software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleTransform> sdk) {
    return sdk.stream().map(ElbTransforms::fromSdk).toList();
  }

  private static RuleTransform fromSdk(
      software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleTransform sdk) {
    if (sdk.urlRewriteConfig() != null) {
      return RuleTransform.urlRewrite(rewrites(sdk.urlRewriteConfig().rewrites()));
    }
    if (sdk.hostHeaderRewriteConfig() != null) {
      return RuleTransform.hostHeaderRewrite(rewrites(sdk.hostHeaderRewriteConfig().rewrites()));
    }
    return new RuleTransform(sdk.typeAsString(), null, null);
  }

  private static List<Rewrite> rewrites(List<RewriteConfig> sdk) {
    return sdk.stream().map(r -> new Rewrite(r.regex(), r.replace())).toList();
  }
}
