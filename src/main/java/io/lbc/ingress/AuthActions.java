package io.lbc.ingress;

import static io.lbc.ingress.AuthAnnotations.AUTH_IDP_COGNITO;
import static io.lbc.ingress.AuthAnnotations.AUTH_IDP_OIDC;
import static io.lbc.ingress.AuthAnnotations.AUTH_ON_UNAUTHENTICATED_REQUEST;
import static io.lbc.ingress.AuthAnnotations.AUTH_SCOPE;
import static io.lbc.ingress.AuthAnnotations.AUTH_SESSION_COOKIE;
import static io.lbc.ingress.AuthAnnotations.AUTH_SESSION_TIMEOUT;
import static io.lbc.ingress.AuthAnnotations.AUTH_TYPE;
import static io.lbc.ingress.AuthAnnotations.JWT_VALIDATION;

import io.lbc.annotations.Annotations;
import io.lbc.ingress.AuthAnnotations.ClaimJson;
import io.lbc.ingress.AuthAnnotations.CognitoJson;
import io.lbc.ingress.AuthAnnotations.JwtJson;
import io.lbc.ingress.AuthAnnotations.OidcJson;
import io.lbc.model.UserInputException;
import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.Action.AdditionalClaim;
import io.lbc.model.elbv2.Action.AuthenticateCognitoConfig;
import io.lbc.model.elbv2.Action.AuthenticateOidcConfig;
import io.lbc.model.elbv2.Action.JwtValidationConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The actions that go before a backend's action on HTTPS listeners (compat-spec §1.3 #31–#38):
 * authenticate-oidc or authenticate-cognito from the {@code auth-*} annotations (the Service's win
 * over the Ingress's when the backend forwards to that one Service), or jwt-validation from the
 * Ingress's {@code jwt-validation}; never both. HTTP listeners get the backend's action alone, as
 * in the reference.
 *
 * <p>Malformed values are errors whether or not the member has an HTTPS listener; what only the
 * HTTPS placement needs (the identity provider config, the OIDC Secret) is checked only then.
 */
final class AuthActions {
  static final String DEFAULT_SCOPE = "openid";
  static final String DEFAULT_SESSION_COOKIE = "AWSELBAuthSessionCookie";
  static final long DEFAULT_SESSION_TIMEOUT = 604800;
  static final String DEFAULT_ON_UNAUTHENTICATED_REQUEST = "authenticate";
  private static final Set<String> ON_UNAUTHENTICATED = Set.of("authenticate", "allow", "deny");
  private static final Set<String> CLAIM_FORMATS =
      Set.of("single-string", "string-array", "space-separated-values");

  private final MemberContext context;
  private final OidcSecrets secrets;
  private final boolean https;
  private final Set<String> requested = new TreeSet<>();

  /**
   * @param https whether the member has an HTTPS listener
   */
  AuthActions(MemberContext context, boolean https) {
    this.context = context;
    this.secrets = new OidcSecrets(context);
    this.https = https;
  }

  /** What both identity providers share: {@code auth-on-unauthenticated-request} and the rest. */
  private record Session(String onUnauthenticated, String scope, String cookie, long timeout) {}

  /** The actions to put before the backend's action on HTTPS listeners; empty for none. */
  List<Action> httpsPrelude(ResolvedBackend backend) {
    Reader auth =
        new Reader(
            backend.singleService() == null
                ? null
                : new BackendSettings(
                    context.source(), backend.singleService(), context.cluster()::enabled));
    String type = auth.read(AUTH_TYPE, a -> a.string(AUTH_TYPE)).orElse("none");
    Session session = session(auth);
    var cognito = auth.read(AUTH_IDP_COGNITO, a -> a.json(AUTH_IDP_COGNITO, CognitoJson.class));
    var oidc = auth.read(AUTH_IDP_OIDC, a -> a.json(AUTH_IDP_OIDC, OidcJson.class));
    if (!Set.of("none", "oidc", "cognito").contains(type)) {
      throw auth.invalid(AUTH_TYPE, "unknown authType '" + type + "'; use none, oidc or cognito");
    }
    JwtValidationConfig jwt = jwt();
    if (!type.equals("none")) {
      requested.add(auth.key(AUTH_TYPE));
    }
    if (jwt != null) {
      requested.add(auth.key(JWT_VALIDATION));
    }
    if (!https) {
      return List.of();
    }
    Action authenticate =
        switch (type) {
          case "cognito" ->
              cognito(
                  auth,
                  cognito.orElseThrow(
                      () -> auth.invalid(AUTH_IDP_COGNITO, "is required by auth-type cognito")),
                  session);
          case "oidc" ->
              oidc(
                  auth,
                  oidc.orElseThrow(
                      () -> auth.invalid(AUTH_IDP_OIDC, "is required by auth-type oidc")),
                  session);
          default -> null;
        };
    if (authenticate != null && jwt != null) {
      throw context
          .source()
          .annotations()
          .invalid(JWT_VALIDATION, "authentication and jwt validation can't both be configured");
    }
    if (authenticate != null) {
      return List.of(authenticate);
    }
    return jwt == null ? List.of() : List.of(Action.jwtValidation(jwt));
  }

  private static Session session(Reader auth) {
    String onUnauthenticated =
        auth.read(AUTH_ON_UNAUTHENTICATED_REQUEST, a -> a.string(AUTH_ON_UNAUTHENTICATED_REQUEST))
            .orElse(DEFAULT_ON_UNAUTHENTICATED_REQUEST);
    String scope = auth.read(AUTH_SCOPE, a -> a.string(AUTH_SCOPE)).orElse(DEFAULT_SCOPE);
    String cookie =
        auth.read(AUTH_SESSION_COOKIE, a -> a.string(AUTH_SESSION_COOKIE))
            .orElse(DEFAULT_SESSION_COOKIE);
    long timeout =
        auth.read(AUTH_SESSION_TIMEOUT, a -> a.int64(AUTH_SESSION_TIMEOUT))
            .orElse(DEFAULT_SESSION_TIMEOUT);
    if (!ON_UNAUTHENTICATED.contains(onUnauthenticated)) {
      throw auth.invalid(
          AUTH_ON_UNAUTHENTICATED_REQUEST,
          "'" + onUnauthenticated + "' is not one of authenticate, allow, deny");
    }
    if (timeout < 1 || timeout > DEFAULT_SESSION_TIMEOUT) {
      throw auth.invalid(AUTH_SESSION_TIMEOUT, "must be between 1 and 604800 seconds");
    }
    return new Session(onUnauthenticated, scope, cookie, timeout);
  }

  private static Action cognito(Reader auth, CognitoJson idp, Session session) {
    requireAll(
        auth,
        AUTH_IDP_COGNITO,
        fields(
            "userPoolARN", idp.userPoolARN(),
            "userPoolClientID", idp.userPoolClientID(),
            "userPoolDomain", idp.userPoolDomain()));
    return Action.authenticateCognito(
        new AuthenticateCognitoConfig(
            idp.userPoolARN(),
            idp.userPoolClientID(),
            idp.userPoolDomain(),
            nullIfEmpty(idp.authenticationRequestExtraParams()),
            session.onUnauthenticated(),
            session.scope(),
            session.cookie(),
            session.timeout()));
  }

  private Action oidc(Reader auth, OidcJson idp, Session session) {
    requireAll(
        auth,
        AUTH_IDP_OIDC,
        fields(
            "issuer", idp.issuer(),
            "authorizationEndpoint", idp.authorizationEndpoint(),
            "tokenEndpoint", idp.tokenEndpoint(),
            "userInfoEndpoint", idp.userInfoEndpoint(),
            "secretName", idp.secretName()));
    OidcSecrets.Client client = secrets.read(auth.key(AUTH_IDP_OIDC), idp.secretName());
    return Action.authenticateOidc(
        new AuthenticateOidcConfig(
            idp.issuer(),
            idp.authorizationEndpoint(),
            idp.tokenEndpoint(),
            idp.userInfoEndpoint(),
            client.id(),
            client.secret(),
            nullIfEmpty(idp.authenticationRequestExtraParams()),
            session.onUnauthenticated(),
            session.scope(),
            session.cookie(),
            session.timeout()));
  }

  /**
   * The annotations (full keys) that asked for authentication or JWT validation in any backend
   * resolved so far, whether or not the member has an HTTPS listener.
   */
  Set<String> requested() {
    return Set.copyOf(requested);
  }

  /** The Ingress's {@code jwt-validation}, checked as the reference does; null when absent. */
  private JwtValidationConfig jwt() {
    var annotations = context.source().annotations();
    JwtJson json = annotations.json(JWT_VALIDATION, JwtJson.class).orElse(null);
    if (json == null) {
      return null;
    }
    if (json.jwksEndpoint() == null || json.jwksEndpoint().isEmpty()) {
      throw annotations.invalid(JWT_VALIDATION, "jwksEndpoint is a required field");
    }
    if (json.issuer() == null || json.issuer().isEmpty()) {
      throw annotations.invalid(JWT_VALIDATION, "issuer is a required field");
    }
    List<AdditionalClaim> claims = null;
    if (json.additionalClaims() != null && !json.additionalClaims().isEmpty()) {
      claims = new ArrayList<>();
      for (ClaimJson claim : json.additionalClaims()) {
        if (claim.format() == null || claim.format().isEmpty()) {
          throw annotations.invalid(
              JWT_VALIDATION, "format is a required field of additionalClaims");
        }
        if (!CLAIM_FORMATS.contains(claim.format())) {
          throw annotations.invalid(
              JWT_VALIDATION,
              "additionalClaims format '"
                  + claim.format()
                  + "' is not one of single-string, string-array, space-separated-values");
        }
        if (claim.name() == null || claim.name().isEmpty()) {
          throw annotations.invalid(JWT_VALIDATION, "name is a required field of additionalClaims");
        }
        if (claim.values() == null || claim.values().isEmpty()) {
          throw annotations.invalid(JWT_VALIDATION, "values of additionalClaims must not be empty");
        }
        claims.add(new AdditionalClaim(claim.name(), claim.format(), List.copyOf(claim.values())));
      }
    }
    return new JwtValidationConfig(json.jwksEndpoint(), json.issuer(), claims);
  }

  /** Name, value, name, value… in order. */
  private static Map<String, String> fields(String... namesAndValues) {
    var fields = new LinkedHashMap<String, String>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      fields.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return fields;
  }

  /** Fails on the first field that is missing or empty. */
  private static void requireAll(Reader auth, String suffix, Map<String, String> fields) {
    fields.forEach(
        (name, value) -> {
          if (value == null || value.isEmpty()) {
            throw auth.invalid(suffix, name + " is a required field");
          }
        });
  }

  private static Map<String, String> nullIfEmpty(Map<String, String> map) {
    return map == null || map.isEmpty() ? null : Map.copyOf(map);
  }

  /** Reads the auth annotations of the Ingress, or of the Ingress and Service merged. */
  private final class Reader {
    private final BackendSettings settings;

    Reader(BackendSettings settings) {
      this.settings = settings;
    }

    <T> T read(String suffix, Function<Annotations, T> r) {
      return settings == null ? r.apply(context.source().annotations()) : settings.read(suffix, r);
    }

    UserInputException invalid(String suffix, String reason) {
      UserInputException invalid =
          settings == null
              ? context.source().annotations().invalid(suffix, reason)
              : settings.invalid(suffix, reason);
      // authentication is a security control: its member fails closed
      return new SecurityInputException(
          invalid.field(), invalid.getMessage().substring(invalid.field().length() + 2));
    }

    String key(String suffix) {
      return context.source().annotations().key(suffix);
    }
  }
}
