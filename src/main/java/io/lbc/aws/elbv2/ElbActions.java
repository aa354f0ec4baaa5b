package io.lbc.aws.elbv2;

import io.lbc.aws.Tokens;
import io.lbc.model.Token;
import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.Action.FixedResponseConfig;
import io.lbc.model.elbv2.Action.ForwardConfig;
import io.lbc.model.elbv2.Action.RedirectConfig;
import io.lbc.model.elbv2.Action.TargetGroupStickinessConfig;
import io.lbc.model.elbv2.Action.TargetGroupTuple;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.FixedResponseActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionConfig;

/**
 * Converts listener and rule actions between the model and the SDK.
 *
 * <p>Reading normalizes so that equal meaning gives equal records:
 *
 * <ul>
 *   <li>actions come in their {@code Order};
 *   <li>a forward to one target group is {@link Action#forward(Token)} (weight null), whether AWS
 *       answered with {@code TargetGroupArn}, a {@code ForwardConfig} with weight 1, or both;
 *   <li>a stickiness config that is not enabled is dropped (it means the same as none);
 *   <li>redirect and fixed-response configs are kept exactly as AWS returns them, defaults such as
 *       {@code #{host}} included.
 * </ul>
 *
 * Action types the model does not know (authenticate-*, jwt-validation) are read as their type
 * alone.
 */
final class ElbActions {
  private ElbActions() {}

  /** SDK actions, numbered 1.. in list order as AWS requires when there are several. */
  static List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Action> toSdk(
      List<Action> actions) {
    var result =
        new ArrayList<software.amazon.awssdk.services.elasticloadbalancingv2.model.Action>();
    for (int i = 0; i < actions.size(); i++) {
      result.add(toSdk(actions.get(i), i + 1));
    }
    return result;
  }

  static software.amazon.awssdk.services.elasticloadbalancingv2.model.Action toSdk(
      Action action, int order) {
    var builder =
        software.amazon.awssdk.services.elasticloadbalancingv2.model.Action.builder()
            .type(action.type())
            .order(order);
    if (action.forwardConfig() != null) {
      builder.forwardConfig(toSdk(action.forwardConfig()));
    }
    RedirectConfig redirect = action.redirectConfig();
    if (redirect != null) {
      builder.redirectConfig(
          RedirectActionConfig.builder()
              .host(redirect.host())
              .path(redirect.path())
              .port(redirect.port())
              .protocol(redirect.protocol())
              .query(redirect.query())
              .statusCode(redirect.statusCode())
              .build());
    }
    FixedResponseConfig fixed = action.fixedResponseConfig();
    if (fixed != null) {
      builder.fixedResponseConfig(
          FixedResponseActionConfig.builder()
              .contentType(fixed.contentType())
              .messageBody(fixed.messageBody())
              .statusCode(fixed.statusCode())
              .build());
    }
    return builder.build();
  }

  private static ForwardActionConfig toSdk(ForwardConfig forward) {
    var builder =
        ForwardActionConfig.builder()
            .targetGroups(
                forward.targetGroups().stream()
                    .map(
                        t ->
                            software.amazon.awssdk.services.elasticloadbalancingv2.model
                                .TargetGroupTuple.builder()
                                .targetGroupArn(
                                    Tokens.literal(t.targetGroupARN(), "targetGroupARN"))
                                .weight(t.weight())
                                .build())
                    .toList());
    TargetGroupStickinessConfig stickiness = forward.targetGroupStickinessConfig();
    if (stickiness != null) {
      builder.targetGroupStickinessConfig(
          software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupStickinessConfig
              .builder()
              .enabled(stickiness.enabled())
              .durationSeconds(stickiness.durationSeconds())
              .build());
    }
    return builder.build();
  }

  static List<Action> fromSdk(
      List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Action> actions) {
    return actions.stream()
        .sorted(
            Comparator.comparing(
                software.amazon.awssdk.services.elasticloadbalancingv2.model.Action::order,
                Comparator.nullsLast(Comparator.naturalOrder())))
        .map(ElbActions::fromSdk)
        .toList();
  }

  static Action fromSdk(software.amazon.awssdk.services.elasticloadbalancingv2.model.Action sdk) {
    String type = sdk.typeAsString();
    if ("forward".equals(type)) {
      return Action.forward(forwardFromSdk(sdk));
    }
    if ("redirect".equals(type) && sdk.redirectConfig() != null) {
      RedirectActionConfig r = sdk.redirectConfig();
      return Action.redirect(
          new RedirectConfig(
              r.host(), r.path(), r.port(), r.protocol(), r.query(), r.statusCodeAsString()));
    }
    if ("fixed-response".equals(type) && sdk.fixedResponseConfig() != null) {
      FixedResponseActionConfig f = sdk.fixedResponseConfig();
      return Action.fixedResponse(
          new FixedResponseConfig(f.contentType(), f.messageBody(), f.statusCode()));
    }
    return new Action(type, null, null, null);
  }

  private static ForwardConfig forwardFromSdk(
      software.amazon.awssdk.services.elasticloadbalancingv2.model.Action sdk) {
    ForwardActionConfig config = sdk.forwardConfig();
    TargetGroupStickinessConfig stickiness = null;
    var tuples = new ArrayList<TargetGroupTuple>();
    if (config != null) {
      config
          .targetGroups()
          .forEach(t -> tuples.add(new TargetGroupTuple(Token.of(t.targetGroupArn()), t.weight())));
      var sdkStickiness = config.targetGroupStickinessConfig();
      if (sdkStickiness != null && Boolean.TRUE.equals(sdkStickiness.enabled())) {
        stickiness = new TargetGroupStickinessConfig(true, sdkStickiness.durationSeconds());
      }
    }
    if (tuples.isEmpty() && sdk.targetGroupArn() != null) {
      tuples.add(new TargetGroupTuple(Token.of(sdk.targetGroupArn()), null));
    }
    if (tuples.size() == 1) {
      // The weight of a lone target group carries no meaning; AWS reports 1 for "none given".
      tuples.set(0, new TargetGroupTuple(tuples.get(0).targetGroupARN(), null));
    }
    return new ForwardConfig(List.copyOf(tuples), stickiness);
  }
}
