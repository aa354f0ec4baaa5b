package io.lbc.ingress;

import java.util.List;
import java.util.Map;

/** The JSON shapes of the authentication and JWT annotations (compat-spec §1.3 #31, #33, #34). */
final class AuthAnnotations {
  static final String AUTH_TYPE = "auth-type";
  static final String AUTH_IDP_COGNITO = "auth-idp-cognito";
  static final String AUTH_IDP_OIDC = "auth-idp-oidc";
  static final String AUTH_ON_UNAUTHENTICATED_REQUEST = "auth-on-unauthenticated-request";
  static final String AUTH_SCOPE = "auth-scope";
  static final String AUTH_SESSION_COOKIE = "auth-session-cookie";
  static final String AUTH_SESSION_TIMEOUT = "auth-session-timeout";
  static final String JWT_VALIDATION = "jwt-validation";

  private AuthAnnotations() {}

  record CognitoJson(
      String userPoolARN,
      String userPoolClientID,
      String userPoolDomain,
      Map<String, String> authenticationRequestExtraParams) {}

  record OidcJson(
      String issuer,
      String authorizationEndpoint,
      String tokenEndpoint,
      String userInfoEndpoint,
      String secretName,
      Map<String, String> authenticationRequestExtraParams) {}

  record JwtJson(String jwksEndpoint, String issuer, List<ClaimJson> additionalClaims) {}

  record ClaimJson(String name, String format, List<String> values) {}
}
