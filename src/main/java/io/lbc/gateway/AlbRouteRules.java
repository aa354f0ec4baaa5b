package io.lbc.gateway;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeaderMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPPathModifier;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPQueryParamMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRequestRedirectFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPURLRewriteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.LocalObjectReference;
import io.lbc.k8s.gateway.ListenerRuleConfiguration;
import io.lbc.k8s.gateway.ListenerRuleConfigurationSpec;
import io.lbc.k8s.gateway.ListenerRuleConfigurationSpec.ActionType;
import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.Action.FixedResponseConfig;
import io.lbc.model.elbv2.Action.ForwardConfig;
import io.lbc.model.elbv2.Action.RedirectConfig;
import io.lbc.model.elbv2.Action.TargetGroupStickinessConfig;
import io.lbc.model.elbv2.Action.TargetGroupTuple;
import io.lbc.model.elbv2.RuleCondition;
import io.lbc.model.elbv2.RuleCondition.QueryStringKeyValue;
import io.lbc.model.elbv2.RuleTransform;
import io.lbc.model.elbv2.RuleTransform.Rewrite;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Expands the HTTPRoute and GRPCRoute rules attached to one ALB port into rule units (gateway-spec
 * §4.3). A route with something ALB cannot express is refused as a whole on its own status
 * (Accepted=False with the reason and the field) and contributes no rule: the other routes of the
 * Gateway are built as usual.
 */
final class AlbRouteRules {
  static final int MAX_WEIGHT = 999;

  private final GatewayTargetGroups targetGroups;
  private final Map<String, RouteVerdict> verdicts;
  private final List<ListenerRuleConfiguration> ruleConfigurations;
  private final ListenerRuleConfigs.Secrets secrets;

  AlbRouteRules(
      GatewayTargetGroups targetGroups,
      Map<String, RouteVerdict> verdicts,
      List<ListenerRuleConfiguration> ruleConfigurations,
      ListenerRuleConfigs.Secrets secrets) {
    this.targetGroups = targetGroups;
    this.verdicts = verdicts;
    this.ruleConfigurations = ruleConfigurations;
    this.secrets = secrets;
  }

  /** The units of one route on one port, or none when the route is refused. */
  List<RuleUnit> units(RouteView route, List<String> hostnames, String listenerProtocol) {
    try {
      return route.object() instanceof HTTPRoute http
          ? httpUnits(route, http, hostnames, listenerProtocol)
          : grpcUnits(route, (GRPCRoute) route.object(), hostnames, listenerProtocol);
    } catch (Refusal e) {
      verdicts.merge(
          route.key(),
          RouteVerdict.OK.refuse(e.reason, e.getMessage()),
          (a, b) -> a.refuse(b.refusal(), b.refusalMessage()));
      return List.of();
    }
  }

  /** Bad input confined to one route. */
  static final class Refusal extends RuntimeException {
    final String reason;

    Refusal(String reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
    }
  }

  private List<RuleUnit> httpUnits(
      RouteView route, HTTPRoute http, List<String> hostnames, String listenerProtocol) {
    var units = new ArrayList<RuleUnit>();
    List<HTTPRouteRule> rules =
        http.getSpec().getRules() == null ? List.of() : http.getSpec().getRules();
    var hosts = hostnames.isEmpty() ? List.of("") : hostnames;
    for (int r = 0; r < rules.size(); r++) {
      HTTPRouteRule rule = rules.get(r);
      String field = "spec.rules[" + r + "]";
      HttpFilters filters = httpFilters(route, rule, field);
      List<Action> actions = httpActions(route, rule, filters, field, listenerProtocol);
      int ruleIndex = r;
      perMatchAndHost(
          rule.getMatches(),
          hosts,
          field,
          (matchIndex, host, match, matchField) -> {
            RuleUnit unit =
                httpUnit(route, ruleIndex, matchIndex, host, match, actions, matchField);
            units.add(
                unit.extended(
                    ListenerRuleConfigs.conditions(filters.config(), matchIndex),
                    transforms(filters, match, matchField),
                    ListenerRuleConfigs.tags(filters.config())));
          });
    }
    return units;
  }

  /** What one match of a rule on one host becomes. */
  private interface PerMatch<M> {
    void accept(int matchIndex, String host, M match, String field);
  }

  /**
   * Each match of a rule (or the rule alone, as match index {@code MAX_VALUE}, when it has none) on
   * each host, in that order.
   */
  private static <M> void perMatchAndHost(
      List<M> ruleMatches, List<String> hosts, String ruleField, PerMatch<M> each) {
    List<M> matches = ruleMatches == null || ruleMatches.isEmpty() ? null : ruleMatches;
    int count = matches == null ? 1 : matches.size();
    for (int m = 0; m < count; m++) {
      M match = matches == null ? null : matches.get(m);
      for (String host : hosts) {
        each.accept(
            matches == null ? Integer.MAX_VALUE : m,
            host,
            match,
            ruleField + ".matches[" + m + "]");
      }
    }
  }

  private RuleUnit httpUnit(
      RouteView route,
      int ruleIndex,
      int matchIndex,
      String host,
      HTTPRouteMatch match,
      List<Action> actions,
      String field) {
    var conditions = new ArrayList<RuleCondition>();
    if (!host.isEmpty()) {
      conditions.add(RuleCondition.hostHeader(List.of(host)));
    }
    int matchType = 0;
    int pathLength = 0;
    int headers = 0;
    int queries = 0;
    boolean method = false;
    if (match != null) {
      if (match.getPath() != null) {
        String type = match.getPath().getType() == null ? "PathPrefix" : match.getPath().getType();
        String value = match.getPath().getValue() == null ? "/" : match.getPath().getValue();
        pathLength = value.length();
        switch (type) {
          case "Exact" -> {
            matchType = 3;
            conditions.add(RuleCondition.pathPattern(List.of(value)));
          }
          case "PathPrefix" -> {
            matchType = 2;
            if (value.contains("*") || value.contains("?")) {
              throw new Refusal(
                  GatewayReasons.UNSUPPORTED_VALUE,
                  field
                      + ".path.value: '"
                      + value
                      + "' contains '*' or '?', which ALB cannot match literally");
            }
            String trimmed = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
            conditions.add(
                RuleCondition.pathPattern(
                    trimmed.isEmpty() ? List.of("/*") : List.of(trimmed, trimmed + "/*")));
          }
          case "RegularExpression" -> {
            matchType = 1;
            conditions.add(RuleCondition.pathPatternRegex(List.of(value)));
          }
          default ->
              throw new Refusal(
                  GatewayReasons.UNSUPPORTED_VALUE,
                  field + ".path.type: " + type + " is not supported on ALB");
        }
      }
      for (HTTPHeaderMatch header :
          match.getHeaders() == null ? List.<HTTPHeaderMatch>of() : match.getHeaders()) {
        if ("RegularExpression".equals(header.getType())) {
          conditions.add(
              RuleCondition.httpHeaderRegex(header.getName(), List.of(header.getValue())));
        } else if (header.getType() == null || header.getType().equals("Exact")) {
          conditions.add(
              RuleCondition.httpHeader(header.getName(), splitValues(header.getValue())));
        } else {
          throw new Refusal(
              GatewayReasons.UNSUPPORTED_VALUE,
              field + ".headers: type " + header.getType() + " is not supported on ALB");
        }
        headers++;
      }
      var query = new ArrayList<QueryStringKeyValue>();
      for (HTTPQueryParamMatch param :
          match.getQueryParams() == null
              ? List.<HTTPQueryParamMatch>of()
              : match.getQueryParams()) {
        if (param.getType() != null && !param.getType().equals("Exact")) {
          throw new Refusal(
              GatewayReasons.UNSUPPORTED_VALUE,
              field + ".queryParams: type " + param.getType() + " is not supported on ALB");
        }
        query.add(new QueryStringKeyValue(param.getName(), param.getValue()));
        queries++;
      }
      for (QueryStringKeyValue kv : query) {
        conditions.add(RuleCondition.queryString(List.of(kv)));
      }
      if (match.getMethod() != null) {
        conditions.add(RuleCondition.httpRequestMethod(List.of(match.getMethod())));
        method = true;
      }
    }
    if (conditions.isEmpty()) {
      conditions.add(RuleCondition.pathPattern(List.of("/*")));
    }
    return new RuleUnit(
        route,
        ruleIndex,
        matchIndex,
        host,
        matchType,
        pathLength,
        0,
        method,
        headers,
        queries,
        List.copyOf(conditions),
        actions);
  }

  /** The filters of one HTTPRoute rule that ALB can express. */
  private record HttpFilters(
      HTTPRequestRedirectFilter redirect,
      HTTPURLRewriteFilter rewrite,
      Optional<ListenerRuleConfigurationSpec> config) {}

  private HttpFilters httpFilters(RouteView route, HTTPRouteRule rule, String field) {
    HTTPRequestRedirectFilter redirect = null;
    HTTPURLRewriteFilter rewrite = null;
    var extensions = new ArrayList<LocalObjectReference>();
    for (HTTPRouteFilter filter :
        rule.getFilters() == null ? List.<HTTPRouteFilter>of() : rule.getFilters()) {
      switch (filter.getType()) {
        case "RequestRedirect" -> redirect = filter.getRequestRedirect();
        case "URLRewrite" -> rewrite = filter.getUrlRewrite();
        case "ExtensionRef" -> extensions.add(filter.getExtensionRef());
        default ->
            throw new Refusal(
                GatewayReasons.INCOMPATIBLE_FILTERS,
                field
                    + ".filters: "
                    + filter.getType()
                    + " is not supported on ALB (supported: RequestRedirect, URLRewrite,"
                    + " ExtensionRef to a ListenerRuleConfiguration)");
      }
    }
    if (rewrite != null && rewrite.getPath() != null) {
      pathModifier(rewrite.getPath(), field + ".filters.urlRewrite.path");
    }
    return new HttpFilters(
        redirect,
        rewrite,
        ListenerRuleConfigs.referenced(extensions, route, ruleConfigurations, field));
  }

  private List<Action> httpActions(
      RouteView route,
      HTTPRouteRule rule,
      HttpFilters filters,
      String field,
      String listenerProtocol) {
    var result = new ArrayList<Action>();
    filters
        .config()
        .flatMap(c -> ListenerRuleConfigs.preRouting(c, route, secrets, field, listenerProtocol))
        .ifPresent(result::add);
    Optional<ListenerRuleConfigurationSpec.Action> routing =
        ListenerRuleConfigs.routing(filters.config());
    if (routing.isPresent() && routing.get().type == ActionType.FIXED_RESPONSE) {
      result.add(ListenerRuleConfigs.fixedResponse(routing.get().fixedResponseConfig));
      return List.copyOf(result);
    }
    String query = null;
    if (routing.isPresent() && routing.get().type == ActionType.REDIRECT) {
      if (filters.redirect() == null) {
        throw new Refusal(
            GatewayReasons.INCOMPATIBLE_FILTERS,
            field
                + ".filters: the ListenerRuleConfiguration's redirect action needs a"
                + " RequestRedirect filter in the same rule");
      }
      query = routing.get().redirectConfig == null ? null : routing.get().redirectConfig.query;
    }
    if (filters.redirect() != null) {
      result.add(Action.redirect(redirectConfig(filters.redirect(), query, field)));
      return List.copyOf(result);
    }
    var backends = new ArrayList<BackendTarget>();
    if (rule.getBackendRefs() != null) {
      rule.getBackendRefs().forEach(b -> backends.add(BackendTarget.of(b)));
    }
    result.addAll(
        forward(route, backends, field, listenerProtocol, ListenerRuleConfigs.stickiness(routing)));
    return List.copyOf(result);
  }

  /**
   * The transforms of one match of an HTTPRoute rule (gateway-spec §4.3): a URLRewrite filter's
   * hostname and path, and a RequestRedirect's ReplacePrefixMatch, which ALB expresses as a
   * url-rewrite of the matched prefix.
   */
  private static List<RuleTransform> transforms(
      HttpFilters filters, HTTPRouteMatch match, String field) {
    var result = new ArrayList<RuleTransform>();
    if (filters.rewrite() != null) {
      if (filters.rewrite().getPath() != null) {
        result.add(pathRewrite(filters.rewrite().getPath(), match, field));
      }
      if (filters.rewrite().getHostname() != null) {
        result.add(
            RuleTransform.hostHeaderRewrite(
                List.of(new Rewrite(".*", filters.rewrite().getHostname()))));
      }
    }
    if (filters.redirect() != null
        && filters.redirect().getPath() != null
        && filters.redirect().getPath().getReplacePrefixMatch() != null) {
      result.add(pathRewrite(filters.redirect().getPath(), match, field));
    }
    return List.copyOf(result);
  }

  private static RuleTransform pathRewrite(
      HTTPPathModifier modifier, HTTPRouteMatch match, String field) {
    if ("ReplaceFullPath".equals(modifier.getType())) {
      return RuleTransform.urlRewrite(
          List.of(new Rewrite("^([^?]*)", nullToEmpty(modifier.getReplaceFullPath()))));
    }
    String prefix =
        match == null || match.getPath() == null || match.getPath().getValue() == null
            ? "/"
            : match.getPath().getValue();
    if (match != null
        && match.getPath() != null
        && match.getPath().getType() != null
        && !"PathPrefix".equals(match.getPath().getType())) {
      throw new Refusal(
          GatewayReasons.UNSUPPORTED_VALUE,
          field
              + ".path: ReplacePrefixMatch needs a PathPrefix match, not "
              + match.getPath().getType());
    }
    String replacement = nullToEmpty(modifier.getReplacePrefixMatch());
    if (replacement.isEmpty()) {
      replacement = "/";
    } else if (!replacement.endsWith("/")) {
      replacement = replacement + "$2";
    }
    return RuleTransform.urlRewrite(List.of(new Rewrite("(^" + prefix + "(/)?)", replacement)));
  }

  /** A path modifier ALB can express: ReplaceFullPath or ReplacePrefixMatch, without wildcards. */
  private static void pathModifier(HTTPPathModifier modifier, String field) {
    String value;
    if ("ReplaceFullPath".equals(modifier.getType())) {
      value = modifier.getReplaceFullPath();
    } else if ("ReplacePrefixMatch".equals(modifier.getType())) {
      value = modifier.getReplacePrefixMatch();
    } else {
      throw new Refusal(
          GatewayReasons.UNSUPPORTED_VALUE,
          field + ".type: " + modifier.getType() + " is not supported on ALB");
    }
    if (value != null && (value.contains("*") || value.contains("?"))) {
      throw new Refusal(
          GatewayReasons.UNSUPPORTED_VALUE,
          field + ": '" + value + "' contains '*' or '?', which ALB does not allow");
    }
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }

  private List<Action> forward(
      RouteView route,
      List<BackendTarget> backends,
      String field,
      String listenerProtocol,
      TargetGroupStickinessConfig stickiness) {
    var tuples = new ArrayList<TargetGroupTuple>();
    boolean anyWeight = false;
    for (BackendTarget backend : backends) {
      if (backend.weightOrDefault() > MAX_WEIGHT) {
        throw new Refusal(
            GatewayReasons.UNSUPPORTED_VALUE,
            field + ".backendRefs: weight " + backend.weight() + " is above ALB's maximum 999");
      }
      Optional<GatewayTargetGroups.Weighted> resolved =
          targetGroups.resolve(route, backend, listenerProtocol, verdicts);
      if (resolved.isPresent()) {
        tuples.add(new TargetGroupTuple(resolved.get().arn(), resolved.get().weight()));
        anyWeight |= resolved.get().weight() > 0;
      }
    }
    if (verdicts.getOrDefault(route.key(), RouteVerdict.OK).refused()) {
      throw new Refusal(
          verdicts.get(route.key()).refusal(), verdicts.get(route.key()).refusalMessage());
    }
    if (tuples.isEmpty() || !anyWeight) {
      return List.of(Action.fixedResponse(new FixedResponseConfig("text/plain", null, "500")));
    }
    return List.of(Action.forward(new ForwardConfig(List.copyOf(tuples), stickiness)));
  }

  private static RedirectConfig redirectConfig(
      HTTPRequestRedirectFilter redirect, String query, String field) {
    String protocol = null;
    String port = redirect.getPort() == null ? null : String.valueOf(redirect.getPort());
    if (redirect.getScheme() != null) {
      protocol = redirect.getScheme().toUpperCase(Locale.ROOT);
      if (!protocol.equals("HTTP") && !protocol.equals("HTTPS")) {
        throw new Refusal(
            GatewayReasons.UNSUPPORTED_VALUE,
            field
                + ".filters.requestRedirect.scheme: "
                + redirect.getScheme()
                + " is not http or https");
      }
      if (port == null) {
        port = protocol.equals("HTTPS") ? "443" : "80";
      }
    }
    String path = null;
    if (redirect.getPath() != null) {
      pathModifier(redirect.getPath(), field + ".filters.requestRedirect.path");
      // ReplacePrefixMatch sets no redirect path: a url-rewrite transform rewrites the prefix
      path = redirect.getPath().getReplaceFullPath();
    }
    int code = redirect.getStatusCode() == null ? 302 : redirect.getStatusCode();
    return new RedirectConfig(redirect.getHostname(), path, port, protocol, query, "HTTP_" + code);
  }

  private List<RuleUnit> grpcUnits(
      RouteView route, GRPCRoute grpc, List<String> hostnames, String listenerProtocol) {
    var units = new ArrayList<RuleUnit>();
    List<GRPCRouteRule> rules =
        grpc.getSpec().getRules() == null ? List.of() : grpc.getSpec().getRules();
    var hosts = hostnames.isEmpty() ? List.of("") : hostnames;
    for (int r = 0; r < rules.size(); r++) {
      GRPCRouteRule rule = rules.get(r);
      String field = "spec.rules[" + r + "]";
      var extensions = new ArrayList<LocalObjectReference>();
      for (GRPCRouteFilter filter :
          rule.getFilters() == null ? List.<GRPCRouteFilter>of() : rule.getFilters()) {
        if (!"ExtensionRef".equals(filter.getType())) {
          throw new Refusal(
              GatewayReasons.INCOMPATIBLE_FILTERS,
              field
                  + ".filters: "
                  + filter.getType()
                  + " is not supported on ALB for GRPCRoute (supported: ExtensionRef to a"
                  + " ListenerRuleConfiguration)");
        }
        extensions.add(filter.getExtensionRef());
      }
      Optional<ListenerRuleConfigurationSpec> config =
          ListenerRuleConfigs.referenced(extensions, route, ruleConfigurations, field);
      var actions = new ArrayList<Action>();
      config
          .flatMap(c -> ListenerRuleConfigs.preRouting(c, route, secrets, field, listenerProtocol))
          .ifPresent(actions::add);
      Optional<ListenerRuleConfigurationSpec.Action> routing = ListenerRuleConfigs.routing(config);
      if (routing.isPresent() && routing.get().type == ActionType.REDIRECT) {
        throw new Refusal(
            GatewayReasons.INCOMPATIBLE_FILTERS,
            field
                + ".filters: the ListenerRuleConfiguration's redirect action needs a"
                + " RequestRedirect filter, which GRPCRoute does not have");
      }
      if (routing.isPresent() && routing.get().type == ActionType.FIXED_RESPONSE) {
        actions.add(ListenerRuleConfigs.fixedResponse(routing.get().fixedResponseConfig));
      } else {
        var backends = new ArrayList<BackendTarget>();
        if (rule.getBackendRefs() != null) {
          rule.getBackendRefs().forEach(b -> backends.add(BackendTarget.of(b)));
        }
        actions.addAll(
            forward(
                route, backends, field, listenerProtocol, ListenerRuleConfigs.stickiness(routing)));
      }
      List<Action> ruleActions = List.copyOf(actions);
      int ruleIndex = r;
      perMatchAndHost(
          rule.getMatches(),
          hosts,
          field,
          (matchIndex, host, match, matchField) ->
              units.add(
                  grpcUnit(route, ruleIndex, matchIndex, host, match, ruleActions, matchField)
                      .extended(
                          ListenerRuleConfigs.conditions(config, matchIndex),
                          List.of(),
                          ListenerRuleConfigs.tags(config))));
    }
    return units;
  }

  private RuleUnit grpcUnit(
      RouteView route,
      int ruleIndex,
      int matchIndex,
      String host,
      GRPCRouteMatch match,
      List<Action> actions,
      String field) {
    var conditions = new ArrayList<RuleCondition>();
    if (!host.isEmpty()) {
      conditions.add(RuleCondition.hostHeader(List.of(host)));
    }
    int matchType = 0;
    int serviceLength = 0;
    int methodLength = 0;
    int headers = 0;
    String path = "/*";
    if (match != null && match.getMethod() != null) {
      String service = match.getMethod().getService();
      String method = match.getMethod().getMethod();
      boolean hasService = service != null && !service.isEmpty();
      boolean hasMethod = method != null && !method.isEmpty();
      if (!hasService && !hasMethod) {
        throw new Refusal(
            GatewayReasons.UNSUPPORTED_VALUE, field + ".method: set service, method or both");
      }
      if (match.getMethod().getType() != null && !match.getMethod().getType().equals("Exact")) {
        throw new Refusal(
            GatewayReasons.UNSUPPORTED_VALUE,
            field + ".method.type: " + match.getMethod().getType() + " is not supported on ALB");
      }
      matchType = 3;
      serviceLength = hasService ? service.length() : 0;
      methodLength = hasMethod ? method.length() : 0;
      path = "/" + (hasService ? service : "*") + "/" + (hasMethod ? method : "*");
    }
    conditions.add(RuleCondition.pathPattern(List.of(path)));
    if (match != null && match.getHeaders() != null) {
      for (GRPCHeaderMatch header : match.getHeaders()) {
        if (header.getType() != null && !header.getType().equals("Exact")) {
          throw new Refusal(
              GatewayReasons.UNSUPPORTED_VALUE,
              field + ".headers: type " + header.getType() + " is not supported on ALB");
        }
        conditions.add(RuleCondition.httpHeader(header.getName(), splitValues(header.getValue())));
        headers++;
      }
    }
    return new RuleUnit(
        route,
        ruleIndex,
        matchIndex,
        host,
        matchType,
        serviceLength,
        methodLength,
        false,
        headers,
        0,
        List.copyOf(conditions),
        actions);
  }

  /** Splits a header value on unescaped commas; {@code \x} stands for x. */
  static List<String> splitValues(String value) {
    var values = new ArrayList<String>();
    var current = new StringBuilder();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        current.append(value.charAt(++i));
      } else if (c == ',') {
        values.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    values.add(current.toString());
    return List.copyOf(values);
  }
}
