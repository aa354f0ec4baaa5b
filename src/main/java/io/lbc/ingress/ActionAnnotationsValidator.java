package io.lbc.ingress;

import io.lbc.ingress.BackendAnnotations.ActionJson;
import io.lbc.ingress.BackendAnnotations.TargetGroupJson;
import io.lbc.model.UserInputException;
import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.Action.FixedResponseConfig;
import io.lbc.model.elbv2.Action.RedirectConfig;
import java.util.List;

/**
 * Checks an {@code actions.<name>} annotation as the reference does, with errors that say what to
 * fix.
 */
final class ActionAnnotationsValidator {
  private ActionAnnotationsValidator() {}

  static Action fixedResponse(String field, ActionJson json) {
    var config = json.fixedResponseConfig();
    if (config == null) {
      throw new UserInputException(field, "a fixed-response action needs fixedResponseConfig");
    }
    if (config.statusCode() == null || config.statusCode().isEmpty()) {
      throw new UserInputException(field, "fixedResponseConfig needs a statusCode");
    }
    return Action.fixedResponse(
        new FixedResponseConfig(config.contentType(), config.messageBody(), config.statusCode()));
  }

  static Action redirect(String field, ActionJson json) {
    var config = json.redirectConfig();
    if (config == null) {
      throw new UserInputException(field, "a redirect action needs redirectConfig");
    }
    if (config.statusCode() == null || config.statusCode().isEmpty()) {
      throw new UserInputException(
          field, "redirectConfig needs a statusCode (HTTP_301 or HTTP_302)");
    }
    return Action.redirect(
        new RedirectConfig(
            config.host(),
            config.path(),
            config.port(),
            config.protocol(),
            config.query(),
            config.statusCode()));
  }

  /**
   * The targets of a forward action; the simple form with a top-level ARN or name becomes one
   * target.
   */
  static List<TargetGroupJson> forwardTargets(String field, ActionJson json) {
    boolean simple = json.targetGroupARN() != null || json.targetGroupName() != null;
    if (!simple && json.forwardConfig() == null) {
      throw new UserInputException(
          field, "a forward action needs forwardConfig, targetGroupARN or targetGroupName");
    }
    if (simple && json.forwardConfig() != null) {
      throw new UserInputException(
          field, "give either forwardConfig or targetGroupARN/targetGroupName, not both");
    }
    if (simple) {
      return List.of(
          new TargetGroupJson(json.targetGroupARN(), json.targetGroupName(), null, null, null));
    }
    List<TargetGroupJson> targets =
        json.forwardConfig().targetGroups() == null
            ? List.of()
            : json.forwardConfig().targetGroups();
    if (targets.isEmpty()) {
      throw new UserInputException(field, "forwardConfig.targetGroups is empty");
    }
    for (TargetGroupJson target : targets) {
      boolean byArnOrName = target.targetGroupARN() != null || target.targetGroupName() != null;
      if (!byArnOrName && target.serviceName() == null) {
        throw new UserInputException(
            field, "each target group needs serviceName or targetGroupARN/targetGroupName");
      }
      if (byArnOrName && target.serviceName() != null) {
        throw new UserInputException(
            field, "a target group has either serviceName or targetGroupARN/targetGroupName");
      }
      if (targets.size() > 1 && target.weight() == null) {
        throw new UserInputException(
            field, "every target group needs a weight when forwarding to several");
      }
    }
    return targets;
  }
}
