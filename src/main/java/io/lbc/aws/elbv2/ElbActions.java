package io.lbc.aws.elbv2;

import io.lbc.aws.Tokens;
import io.lbc.model.Token;
import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.Action.AdditionalClaim;
import io.lbc.model.elbv2.Action.AuthenticateCognitoConfig;
import io.lbc.model.elbv2.Action.AuthenticateOidcConfig;
import io.lbc.model.elbv2.Action.FixedResponseConfig;
import io.lbc.model.elbv2.Action.ForwardConfig;
import io.lbc.model.elbv2.Action.JwtValidationConfig;
import io.lbc.model.elbv2.Action.RedirectConfig;
import io.lbc.model.elbv2.Action.TargetGroupStickinessConfig;
import io.lbc.model.elbv2.Action.TargetGroupTuple;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AuthenticateCognitoActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AuthenticateOidcActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.FixedResponseActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.JwtValidationActionAdditionalClaim;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.JwtValidationActionConfig;
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
 * <ul>
 *   <li>an OIDC action's client secret, which AWS never returns, is read as null (the deployer
 *       knows which secret a rule holds from its tags);
 *   <li>empty extra parameters and claims read as none.
 * </ul>
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
    if (action.authenticateOidcConfig() != null) {
      builder.authenticateOidcConfig(toSdk(action.authenticateOidcConfig()));
    }
    if (action.authenticateCognitoConfig() != null) {
      builder.authenticateCognitoConfig(toSdk(action.authenticateCognitoConfig()));
    }
    if (action.jwtValidationConfig() != null) {
      builder.jwtValidationConfig(toSdk(action.jwtValidationConfig()));
    }
    return builder.build();
  }

  private static AuthenticateOidcActionConfig toSdk(AuthenticateOidcConfig oidc) {
    return AuthenticateOidcActionConfig.builder()
        .issuer(oidc.issuer())
        .authorizationEndpoint(oidc.authorizationEndpoint())
        .tokenEndpoint(oidc.tokenEndpoint())
        .userInfoEndpoint(oidc.userInfoEndpoint())
        .clientId(oidc.clientId())
        .clientSecret(oidc.clientSecret() == null ? null : oidc.clientSecret().value())
        .authenticationRequestExtraParams(emptyToNull(oidc.authenticationRequestExtraParams()))
        .onUnauthenticatedRequest(oidc.onUnauthenticatedRequest())
        .scope(oidc.scope())
        .sessionCookieName(oidc.sessionCookieName())
        .sessionTimeout(oidc.sessionTimeout())
        .build();
  }

  private static AuthenticateCognitoActionConfig toSdk(AuthenticateCognitoConfig cognito) {
    return AuthenticateCognitoActionConfig.builder()
        .userPoolArn(cognito.userPoolArn())
        .userPoolClientId(cognito.userPoolClientId())
        .userPoolDomain(cognito.userPoolDomain())
        .authenticationRequestExtraParams(emptyToNull(cognito.authenticationRequestExtraParams()))
        .onUnauthenticatedRequest(cognito.onUnauthenticatedRequest())
        .scope(cognito.scope())
        .sessionCookieName(cognito.sessionCookieName())
        .sessionTimeout(cognito.sessionTimeout())
        .build();
  }

  private static JwtValidationActionConfig toSdk(JwtValidationConfig jwt) {
    var builder =
        JwtValidationActionConfig.builder().jwksEndpoint(jwt.jwksEndpoint()).issuer(jwt.issuer());
    if (jwt.additionalClaims() != null && !jwt.additionalClaims().isEmpty()) {
      builder.additionalClaims(
          jwt.additionalClaims().stream()
              .map(
                  c ->
                      JwtValidationActionAdditionalClaim.builder()
                          .name(c.name())
                          .format(c.format())
                          .values(c.values())
                          .build())
              .toList());
    }
    return builder.build();
  }

  private static Map<String, String> emptyToNull(Map<String, String> map) {
    return map == null || map.isEmpty() ? null : map;
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
    if (Action.AUTHENTICATE_OIDC.equals(type) && sdk.authenticateOidcConfig() != null) {
      AuthenticateOidcActionConfig o = sdk.authenticateOidcConfig();
      return Action.authenticateOidc(
          new AuthenticateOidcConfig(
              o.issuer(),
              o.authorizationEndpoint(),
              o.tokenEndpoint(),
              o.userInfoEndpoint(),
              o.clientId(),
              null,
              extraParams(
                  o.hasAuthenticationRequestExtraParams(), o.authenticationRequestExtraParams()),
              o.onUnauthenticatedRequestAsString(),
              o.scope(),
              o.sessionCookieName(),
              o.sessionTimeout()));
    }
    if (Action.AUTHENTICATE_COGNITO.equals(type) && sdk.authenticateCognitoConfig() != null) {
      AuthenticateCognitoActionConfig c = sdk.authenticateCognitoConfig();
      return Action.authenticateCognito(
          new AuthenticateCognitoConfig(
              c.userPoolArn(),
              c.userPoolClientId(),
              c.userPoolDomain(),
              extraParams(
                  c.hasAuthenticationRequestExtraParams(), c.authenticationRequestExtraParams()),
              c.onUnauthenticatedRequestAsString(),
              c.scope(),
              c.sessionCookieName(),
              c.sessionTimeout()));
    }
    if (Action.JWT_VALIDATION.equals(type) && sdk.jwtValidationConfig() != null) {
      JwtValidationActionConfig j = sdk.jwtValidationConfig();
      List<AdditionalClaim> claims =
          j.hasAdditionalClaims() && !j.additionalClaims().isEmpty()
              ? j.additionalClaims().stream()
                  .map(
                      c ->
                          new AdditionalClaim(
                              c.name(), c.formatAsString(), List.copyOf(c.values())))
                  .toList()
              : null;
      return Action.jwtValidation(new JwtValidationConfig(j.jwksEndpoint(), j.issuer(), claims));
    }
    return new Action(type, null, null, null);
  }

  private static Map<String, String> extraParams(boolean present, Map<String, String> params) {
    return present && !params.isEmpty() ? Map.copyOf(params) : null;
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
