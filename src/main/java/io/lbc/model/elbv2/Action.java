package io.lbc.model.elbv2;

import io.lbc.model.Token;
import java.util.List;

/**
 * A listener or rule action; exactly the config matching {@code type} is set.
 *
 * @param type {@code forward}, {@code redirect} or {@code fixed-response}
 */
public record Action(
    String type,
    ForwardConfig forwardConfig,
    RedirectConfig redirectConfig,
    FixedResponseConfig fixedResponseConfig) {

  public static Action forward(Token targetGroupArn) {
    return new Action(
        "forward",
        new ForwardConfig(List.of(new TargetGroupTuple(targetGroupArn, null)), null),
        null,
        null);
  }

  public static Action forward(ForwardConfig config) {
    return new Action("forward", config, null, null);
  }

  public static Action redirect(RedirectConfig config) {
    return new Action("redirect", null, config, null);
  }

  public static Action fixedResponse(FixedResponseConfig config) {
    return new Action("fixed-response", null, null, config);
  }

  public record ForwardConfig(
      List<TargetGroupTuple> targetGroups,
      TargetGroupStickinessConfig targetGroupStickinessConfig) {}

  /** A target group of a forward action; weight is null for a single-target-group forward. */
  public record TargetGroupTuple(Token targetGroupARN, Integer weight) {}

  public record TargetGroupStickinessConfig(Boolean enabled, Integer durationSeconds) {}

  /** Components left null keep the request's value ({@code #{host}} etc. in AWS terms). */
  public record RedirectConfig(
      String host, String path, String port, String protocol, String query, String statusCode) {}

  public record FixedResponseConfig(String contentType, String messageBody, String statusCode) {}
}
