package io.lbc.model.elbv2;

import io.lbc.model.Token;
import java.util.List;
import java.util.Map;

/**
 * A listener or rule action; exactly the config matching {@code type} is set.
 *
 * @param type {@code forward}, {@code redirect}, {@code fixed-response}, {@code authenticate-oidc},
 *     {@code authenticate-cognito} or {@code jwt-validation}
 */
public record Action(
    String type,
    ForwardConfig forwardConfig,
    RedirectConfig redirectConfig,
    FixedResponseConfig fixedResponseConfig,
    AuthenticateOidcConfig authenticateOidcConfig,
    AuthenticateCognitoConfig authenticateCognitoConfig,
    JwtValidationConfig jwtValidationConfig) {

  public static final String AUTHENTICATE_OIDC = "authenticate-oidc";
  public static final String AUTHENTICATE_COGNITO = "authenticate-cognito";
  public static final String JWT_VALIDATION = "jwt-validation";

  /** An action of one of the first three types, which need no other config. */
  public Action(
      String type,
      ForwardConfig forwardConfig,
      RedirectConfig redirectConfig,
      FixedResponseConfig fixedResponseConfig) {
    this(type, forwardConfig, redirectConfig, fixedResponseConfig, null, null, null);
  }

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

  public static Action authenticateOidc(AuthenticateOidcConfig config) {
    return new Action(AUTHENTICATE_OIDC, null, null, null, config, null, null);
  }

  public static Action authenticateCognito(AuthenticateCognitoConfig config) {
    return new Action(AUTHENTICATE_COGNITO, null, null, null, null, config, null);
  }

  public static Action jwtValidation(JwtValidationConfig config) {
    return new Action(JWT_VALIDATION, null, null, null, null, null, config);
  }

  /** This action with another forward config, everything else kept. */
  public Action withForwardConfig(ForwardConfig config) {
    return new Action(
        type,
        config,
        redirectConfig,
        fixedResponseConfig,
        authenticateOidcConfig,
        authenticateCognitoConfig,
        jwtValidationConfig);
  }

  /** This action with another OIDC config, everything else kept. */
  public Action withAuthenticateOidcConfig(AuthenticateOidcConfig config) {
    return new Action(
        type,
        forwardConfig,
        redirectConfig,
        fixedResponseConfig,
        config,
        authenticateCognitoConfig,
        jwtValidationConfig);
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

  /**
   * OIDC authentication (compat-spec §1.3 #34–#38); the client ID and secret come from a Secret.
   *
   * @param authenticationRequestExtraParams null or empty: none
   */
  public record AuthenticateOidcConfig(
      String issuer,
      String authorizationEndpoint,
      String tokenEndpoint,
      String userInfoEndpoint,
      String clientId,
      ClientSecret clientSecret,
      Map<String, String> authenticationRequestExtraParams,
      String onUnauthenticatedRequest,
      String scope,
      String sessionCookieName,
      Long sessionTimeout) {

    /** This config with another client secret, everything else kept. */
    public AuthenticateOidcConfig withClientSecret(ClientSecret secret) {
      return new AuthenticateOidcConfig(
          issuer,
          authorizationEndpoint,
          tokenEndpoint,
          userInfoEndpoint,
          clientId,
          secret,
          authenticationRequestExtraParams,
          onUnauthenticatedRequest,
          scope,
          sessionCookieName,
          sessionTimeout);
    }
  }

  /** Cognito authentication (compat-spec §1.3 #33, #35–#38). */
  public record AuthenticateCognitoConfig(
      String userPoolArn,
      String userPoolClientId,
      String userPoolDomain,
      Map<String, String> authenticationRequestExtraParams,
      String onUnauthenticatedRequest,
      String scope,
      String sessionCookieName,
      Long sessionTimeout) {}

  /** JWT validation (compat-spec §1.3 #31). */
  public record JwtValidationConfig(
      String jwksEndpoint, String issuer, List<AdditionalClaim> additionalClaims) {}

  /**
   * @param format {@code single-string}, {@code string-array} or {@code space-separated-values}
   */
  public record AdditionalClaim(String name, String format, List<String> values) {}
}
