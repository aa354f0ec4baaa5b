package io.lbc.deploy.elbv2;

import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.Action.AdditionalClaim;
import io.lbc.model.elbv2.Action.AuthenticateCognitoConfig;
import io.lbc.model.elbv2.Action.AuthenticateOidcConfig;
import io.lbc.model.elbv2.Action.FixedResponseConfig;
import io.lbc.model.elbv2.Action.JwtValidationConfig;
import io.lbc.model.elbv2.Action.RedirectConfig;
import io.lbc.model.elbv2.RuleCondition;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares desired actions and conditions with what AWS reports, after filling in what AWS fills in
 * by itself (a redirect's unset parts keep the request's, a fixed response's empty body) and
 * leaving out what it never returns (an OIDC client secret is compared by its version only, see
 * {@link ClientSecretVersions}), so that an unchanged rule never looks changed and causes no write.
 */
final class ActionComparison {
  private ActionComparison() {}

  static boolean sameActions(List<Action> desired, List<Action> actual) {
    return normalize(desired).equals(normalize(actual));
  }

  static boolean sameConditions(List<RuleCondition> desired, List<RuleCondition> actual) {
    return Objects.equals(desired, actual);
  }

  static List<Action> normalize(List<Action> actions) {
    return actions.stream().map(ActionComparison::normalize).toList();
  }

  static Action normalize(Action action) {
    if (action.redirectConfig() != null) {
      RedirectConfig r = action.redirectConfig();
      return Action.redirect(
          new RedirectConfig(
              or(r.host(), "#{host}"),
              or(r.path(), "/#{path}"),
              or(r.port(), "#{port}"),
              or(r.protocol(), "#{protocol}"),
              or(r.query(), "#{query}"),
              r.statusCode()));
    }
    if (action.fixedResponseConfig() != null) {
      FixedResponseConfig f = action.fixedResponseConfig();
      return Action.fixedResponse(
          new FixedResponseConfig(
              blankToNull(f.contentType()), blankToNull(f.messageBody()), f.statusCode()));
    }
    if (action.authenticateOidcConfig() != null) {
      AuthenticateOidcConfig o = action.authenticateOidcConfig();
      return Action.authenticateOidc(
          new AuthenticateOidcConfig(
              o.issuer(),
              o.authorizationEndpoint(),
              o.tokenEndpoint(),
              o.userInfoEndpoint(),
              o.clientId(),
              o.clientSecret() == null ? null : o.clientSecret().withoutValue(),
              emptyToNull(o.authenticationRequestExtraParams()),
              o.onUnauthenticatedRequest(),
              o.scope(),
              o.sessionCookieName(),
              o.sessionTimeout()));
    }
    if (action.authenticateCognitoConfig() != null) {
      AuthenticateCognitoConfig c = action.authenticateCognitoConfig();
      return Action.authenticateCognito(
          new AuthenticateCognitoConfig(
              c.userPoolArn(),
              c.userPoolClientId(),
              c.userPoolDomain(),
              emptyToNull(c.authenticationRequestExtraParams()),
              c.onUnauthenticatedRequest(),
              c.scope(),
              c.sessionCookieName(),
              c.sessionTimeout()));
    }
    if (action.jwtValidationConfig() != null) {
      JwtValidationConfig j = action.jwtValidationConfig();
      List<AdditionalClaim> claims =
          j.additionalClaims() == null || j.additionalClaims().isEmpty()
              ? null
              : j.additionalClaims();
      return Action.jwtValidation(new JwtValidationConfig(j.jwksEndpoint(), j.issuer(), claims));
    }
    if (action.forwardConfig() != null && action.forwardConfig().targetGroups().size() == 1) {
      var only = action.forwardConfig().targetGroups().get(0);
      var stickiness = action.forwardConfig().targetGroupStickinessConfig();
      boolean plain = stickiness == null || !Boolean.TRUE.equals(stickiness.enabled());
      if (plain) {
        return Action.forward(only.targetGroupARN());
      }
    }
    return action;
  }

  private static String or(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }

  private static Map<String, String> emptyToNull(Map<String, String> map) {
    return map == null || map.isEmpty() ? null : map;
  }

  private static String blankToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
