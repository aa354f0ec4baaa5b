package io.lbc.gateway;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalObjectReference;
import io.lbc.gateway.AlbRouteRules.Refusal;
import io.lbc.ingress.OidcSecrets;
import io.lbc.k8s.gateway.GatewayCrds;
import io.lbc.k8s.gateway.ListenerRuleConfiguration;
import io.lbc.k8s.gateway.ListenerRuleConfigurationSpec;
import io.lbc.k8s.gateway.ListenerRuleConfigurationSpec.ActionType;
import io.lbc.model.UserInputException;
import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.Action.AdditionalClaim;
import io.lbc.model.elbv2.Action.AuthenticateCognitoConfig;
import io.lbc.model.elbv2.Action.AuthenticateOidcConfig;
import io.lbc.model.elbv2.Action.FixedResponseConfig;
import io.lbc.model.elbv2.Action.JwtValidationConfig;
import io.lbc.model.elbv2.Action.TargetGroupStickinessConfig;
import io.lbc.model.elbv2.RuleCondition;
import io.lbc.reconcile.OidcSecretSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The ListenerRuleConfiguration a route rule names through an {@code ExtensionRef} filter, and what
 * it adds to that rule's ALB rules (gateway-spec §3.5): a pre-routing authentication action, the
 * routing action (fixed response, forward stickiness, redirect query), source-ip conditions and
 * rule tags. OIDC reads its client ID and secret from the Secret in the route's namespace. What
 * cannot be honoured refuses the route on its own status; authentication fails closed (the route
 * gets no rule rather than an unauthenticated one).
 */
final class ListenerRuleConfigs {
  static final String KIND = "ListenerRuleConfiguration";

  private ListenerRuleConfigs() {}

  /** The OIDC Secrets that may be used, by namespace and name. */
  interface Secrets {
    Optional<Secret> find(String namespace, String name);
  }

  /**
   * The configuration named by the rule's ExtensionRef filters, resolved in the route's namespace.
   *
   * @param refs the extensionRef of every ExtensionRef filter of the rule
   * @throws Refusal for more than one reference, a missing configuration, one whose status says it
   *     is not accepted (gateway-spec §2.4) or a reference of any other group or kind (the
   *     reference ignores those silently; we name them)
   */
  static Optional<ListenerRuleConfigurationSpec> referenced(
      List<LocalObjectReference> refs,
      RouteView route,
      List<ListenerRuleConfiguration> configurations,
      String field) {
    String name = null;
    for (LocalObjectReference ref : refs) {
      if (ref == null || !GatewayCrds.GROUP.equals(ref.getGroup()) || !KIND.equals(ref.getKind())) {
        throw new Refusal(
            GatewayReasons.INCOMPATIBLE_FILTERS,
            field
                + ".filters.extensionRef: "
                + (ref == null ? "missing" : ref.getGroup() + "/" + ref.getKind())
                + " is not supported (only "
                + GatewayCrds.GROUP
                + "/"
                + KIND
                + ")");
      }
      if (name != null) {
        throw new Refusal(
            GatewayReasons.INCOMPATIBLE_FILTERS,
            field
                + ".filters: Only one listener rule config can be referenced per route rule,"
                + " found multiple");
      }
      name = ref.getName();
    }
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name;
    String id = "ListenerRuleConfiguration [" + route.namespace() + "/" + wanted + "]";
    ListenerRuleConfiguration configuration =
        configurations.stream()
            .filter(
                c ->
                    route.namespace().equals(c.getMetadata().getNamespace())
                        && wanted.equals(c.getMetadata().getName()))
            .findFirst()
            .orElseThrow(
                () ->
                    new Refusal(
                        GatewayReasons.INCOMPATIBLE_FILTERS,
                        field + ".filters.extensionRef: " + id + " not found"));
    var status = configuration.getStatus();
    // not yet evaluated (no status) is left to the build's own checks, which fail closed the same
    if (status != null && Boolean.FALSE.equals(status.accepted)) {
      throw new Refusal(
          GatewayReasons.INCOMPATIBLE_FILTERS,
          field
              + ".filters.extensionRef: "
              + id
              + " is not accepted. Reason: "
              + (status.message == null ? "status unknown" : status.message));
    }
    return Optional.of(
        configuration.getSpec() == null
            ? new ListenerRuleConfigurationSpec()
            : configuration.getSpec());
  }

  /**
   * The names of the configurations a route's rules reference through ExtensionRef filters (in the
   * route's namespace), whether or not they can be honoured.
   */
  static Set<String> names(RouteView route) {
    var refs = new ArrayList<LocalObjectReference>();
    if (route.object() instanceof HTTPRoute http && http.getSpec() != null) {
      nonNull(http.getSpec().getRules())
          .forEach(r -> nonNull(r.getFilters()).forEach(f -> refs.add(f.getExtensionRef())));
    } else if (route.object() instanceof GRPCRoute grpc && grpc.getSpec() != null) {
      nonNull(grpc.getSpec().getRules())
          .forEach(r -> nonNull(r.getFilters()).forEach(f -> refs.add(f.getExtensionRef())));
    }
    return refs.stream()
        .filter(
            r -> r != null && GatewayCrds.GROUP.equals(r.getGroup()) && KIND.equals(r.getKind()))
        .map(LocalObjectReference::getName)
        .collect(Collectors.toSet());
  }

  /**
   * The Secret the configuration's {@code authenticate-oidc} action names (the first such action,
   * as the reference checks), in the configuration's namespace.
   */
  static Optional<OidcSecretSource.SecretKey> oidcSecret(ListenerRuleConfiguration configuration) {
    if (configuration.getSpec() == null) {
      return Optional.empty();
    }
    return actions(configuration.getSpec()).stream()
        .filter(
            a ->
                a.type == ActionType.AUTHENTICATE_OIDC
                    && a.authenticateOidcConfig != null
                    && a.authenticateOidcConfig.secret != null
                    && a.authenticateOidcConfig.secret.name != null)
        .findFirst()
        .map(
            a ->
                new OidcSecretSource.SecretKey(
                    configuration.getMetadata().getNamespace(),
                    a.authenticateOidcConfig.secret.name));
  }

  /**
   * The authentication or JWT validation action, placed before the routing action. On a listener
   * that is not HTTPS the route is refused: the reference drops the action there, which would serve
   * the route unauthenticated.
   */
  static Optional<Action> preRouting(
      ListenerRuleConfigurationSpec spec,
      RouteView route,
      Secrets secrets,
      String field,
      String listenerProtocol) {
    for (var action : actions(spec)) {
      if (action.type == ActionType.AUTHENTICATE_COGNITO
          || action.type == ActionType.AUTHENTICATE_OIDC
          || action.type == ActionType.JWT_VALIDATION) {
        String type = typeName(action.type);
        if (!"HTTPS".equals(listenerProtocol)) {
          throw new Refusal(
              GatewayReasons.UNSUPPORTED_VALUE,
              field
                  + " ListenerRuleConfiguration action "
                  + type
                  + " needs an HTTPS listener; on "
                  + listenerProtocol
                  + " the route is not programmed (authentication fails closed)");
        }
        return Optional.of(
            switch (action.type) {
              case AUTHENTICATE_COGNITO -> cognito(action.authenticateCognitoConfig);
              case JWT_VALIDATION -> jwt(action.jwtValidationConfig);
              default -> oidc(action.authenticateOidcConfig, route, secrets, field);
            });
      }
    }
    return Optional.empty();
  }

  /** The routing action of the configuration (forward, fixed-response or redirect), if any. */
  static Optional<ListenerRuleConfigurationSpec.Action> routing(
      Optional<ListenerRuleConfigurationSpec> spec) {
    return spec.flatMap(
        s ->
            actions(s).stream()
                .filter(
                    a ->
                        a.type == ActionType.FORWARD
                            || a.type == ActionType.FIXED_RESPONSE
                            || a.type == ActionType.REDIRECT)
                .findFirst());
  }

  static Action fixedResponse(ListenerRuleConfigurationSpec.FixedResponseConfig config) {
    String contentType = config.contentType == null ? "text/plain" : typeName(config.contentType);
    return Action.fixedResponse(
        new FixedResponseConfig(
            contentType, config.messageBody, String.valueOf(config.statusCode)));
  }

  /** The stickiness of a forward routing action; null without one. */
  static TargetGroupStickinessConfig stickiness(
      Optional<ListenerRuleConfigurationSpec.Action> routing) {
    return routing
        .filter(a -> a.type == ActionType.FORWARD && a.forwardConfig != null)
        .map(a -> a.forwardConfig.targetGroupStickinessConfig)
        .map(
            s ->
                new TargetGroupStickinessConfig(
                    s.enabled == null ? Boolean.FALSE : s.enabled,
                    s.durationSeconds == null ? 3600 : s.durationSeconds))
        .orElse(null);
  }

  /** The source-ip conditions that apply to the match at {@code matchIndex}. */
  static List<RuleCondition> conditions(
      Optional<ListenerRuleConfigurationSpec> spec, int matchIndex) {
    var result = new ArrayList<RuleCondition>();
    if (spec.isEmpty() || spec.get().conditions == null) {
      return result;
    }
    int index = matchIndex == Integer.MAX_VALUE ? 0 : matchIndex;
    for (var condition : spec.get().conditions) {
      if (condition.sourceIpConfig != null
          && (condition.matchIndexes == null || condition.matchIndexes.contains(index))) {
        result.add(RuleCondition.sourceIp(List.copyOf(condition.sourceIpConfig.values)));
      }
    }
    return result;
  }

  static Map<String, String> tags(Optional<ListenerRuleConfigurationSpec> spec) {
    return spec.map(s -> s.tags == null ? Map.<String, String>of() : Map.copyOf(s.tags))
        .orElse(Map.of());
  }

  private static <T> List<T> nonNull(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static List<ListenerRuleConfigurationSpec.Action> actions(
      ListenerRuleConfigurationSpec spec) {
    return spec.actions == null ? List.of() : spec.actions;
  }

  /** The session settings Cognito and OIDC share, with the CRD's defaults. */
  private record Session(
      Map<String, String> extraParams,
      String onUnauthenticated,
      String scope,
      String cookie,
      Long timeout) {
    static Session of(ListenerRuleConfigurationSpec.AuthenticateCommon c) {
      return new Session(
          c.authenticationRequestExtraParams == null || c.authenticationRequestExtraParams.isEmpty()
              ? null
              : Map.copyOf(c.authenticationRequestExtraParams),
          c.onUnauthenticatedRequest == null
              ? "authenticate"
              : typeName(c.onUnauthenticatedRequest),
          c.scope == null ? "openid" : c.scope,
          c.sessionCookieName == null ? "AWSELBAuthSessionCookie" : c.sessionCookieName,
          c.sessionTimeout == null ? 604800L : c.sessionTimeout);
    }
  }

  private static Action cognito(ListenerRuleConfigurationSpec.AuthenticateCognitoConfig c) {
    Session session = Session.of(c);
    return Action.authenticateCognito(
        new AuthenticateCognitoConfig(
            c.userPoolArn,
            c.userPoolClientId,
            c.userPoolDomain,
            session.extraParams(),
            session.onUnauthenticated(),
            session.scope(),
            session.cookie(),
            session.timeout()));
  }

  /**
   * OIDC with the client ID and secret read from the Secret in the route's namespace; a missing or
   * unusable Secret refuses the route (authentication fails closed).
   */
  private static Action oidc(
      ListenerRuleConfigurationSpec.AuthenticateOidcConfig c,
      RouteView route,
      Secrets secrets,
      String field) {
    String name = c.secret == null ? null : c.secret.name;
    String where = field + " ListenerRuleConfiguration authenticateOIDCConfig.secret";
    Secret secret =
        (name == null ? Optional.<Secret>empty() : secrets.find(route.namespace(), name))
            .orElseThrow(
                () ->
                    new Refusal(
                        GatewayReasons.INCOMPATIBLE_FILTERS,
                        where
                            + ": secret ["
                            + route.namespace()
                            + "/"
                            + name
                            + "] not found (or lacks --required-secrets-label); the route is not"
                            + " programmed (authentication fails closed)"));
    OidcSecrets.Client client;
    try {
      client = OidcSecrets.client(where, secret);
    } catch (UserInputException e) {
      throw new Refusal(
          GatewayReasons.INCOMPATIBLE_FILTERS,
          e.getMessage() + "; the route is not programmed (authentication fails closed)");
    }
    Session session = Session.of(c);
    return Action.authenticateOidc(
        new AuthenticateOidcConfig(
            c.issuer,
            c.authorizationEndpoint,
            c.tokenEndpoint,
            c.userInfoEndpoint,
            client.id(),
            client.secret(),
            session.extraParams(),
            session.onUnauthenticated(),
            session.scope(),
            session.cookie(),
            session.timeout()));
  }

  private static Action jwt(ListenerRuleConfigurationSpec.JwtValidationConfig c) {
    var claims = new ArrayList<AdditionalClaim>();
    if (c.additionalClaims != null) {
      for (var claim : c.additionalClaims) {
        claims.add(
            new AdditionalClaim(claim.name, typeName(claim.format), List.copyOf(claim.values)));
      }
    }
    return Action.jwtValidation(
        new JwtValidationConfig(c.jwksEndpoint, c.issuer, List.copyOf(claims)));
  }

  /**
   * The CRD spelling of an enum constant: {@code AUTHENTICATE_OIDC} → {@code authenticate-oidc}.
   */
  private static String typeName(Enum<?> value) {
    return switch (value.name()) {
      case "TEXT_PLAIN" -> "text/plain";
      case "TEXT_CSS" -> "text/css";
      case "TEXT_HTML" -> "text/html";
      case "APPLICATION_JAVASCRIPT" -> "application/javascript";
      case "APPLICATION_JSON" -> "application/json";
      default -> value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    };
  }
}
