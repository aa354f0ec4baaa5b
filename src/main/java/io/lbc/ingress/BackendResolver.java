package io.lbc.ingress;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.lbc.ingress.BackendAnnotations.ActionJson;
import io.lbc.ingress.BackendAnnotations.ConditionJson;
import io.lbc.ingress.BackendAnnotations.TargetGroupJson;
import io.lbc.model.Token;
import io.lbc.model.UserInputException;
import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.Action.FixedResponseConfig;
import io.lbc.model.elbv2.Action.ForwardConfig;
import io.lbc.model.elbv2.Action.TargetGroupStickinessConfig;
import io.lbc.model.elbv2.Action.TargetGroupTuple;
import io.lbc.model.elbv2.RuleCondition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Resolves an Ingress backend into an action (compat-spec §1.3 #27–#28): a Service port forwards to
 * its target group; {@code port.name: use-annotation} takes the {@code actions.<name>} annotation;
 * a missing Service (or action) answers a fixed 503 when tolerated.
 */
final class BackendResolver {
  static final String USE_ANNOTATION = "use-annotation";
  static final String ACTIONS = "actions.";
  static final String CONDITIONS = "conditions.";
  static final String MISSING_SERVICE = "Backend service does not exist";
  static final String MISSING_ACTION = "Backend action does not exist";

  private final MemberContext context;
  private final TargetGroupPlanner targetGroups;

  BackendResolver(MemberContext context, TargetGroupPlanner targetGroups) {
    this.context = context;
    this.targetGroups = targetGroups;
  }

  /**
   * @param field where the backend is, e.g. {@code spec.rules[0].http.paths[1].backend}
   */
  ResolvedBackend resolve(String field, IngressBackend backend) {
    IngressServiceBackend service = backend.getService();
    if (service == null) {
      throw new UserInputException(
          backend.getResource() != null ? field + ".resource" : field,
          backend.getResource() != null
              ? "resource backends are not supported; use a service backend"
              : "has no service");
    }
    String name = service.getName();
    List<RuleCondition> conditions = conditions(name);
    String portName = service.getPort() == null ? null : service.getPort().getName();
    if (USE_ANNOTATION.equals(portName)) {
      return annotatedAction(name, conditions);
    }
    Object port =
        portName != null && !portName.isEmpty()
            ? portName
            : service.getPort() == null ? null : service.getPort().getNumber();
    if (port == null) {
      throw new UserInputException(field + ".service.port", "names no port");
    }
    var target = new TargetGroupJson(null, null, name, null, null);
    return forward(field + ".service", conditions, List.of(target), List.of(port), null);
  }

  private List<RuleCondition> conditions(String name) {
    String suffix = CONDITIONS + name;
    List<ConditionJson> raw =
        context
            .source()
            .annotations()
            .json(suffix, new TypeReference<List<ConditionJson>>() {})
            .orElse(List.of());
    return RuleConditions.fromAnnotation(context.source().annotations().key(suffix), raw);
  }

  private ResolvedBackend annotatedAction(String name, List<RuleCondition> conditions) {
    String suffix = ACTIONS + name;
    String field = context.source().annotations().key(suffix);
    Optional<ActionJson> action = context.source().annotations().json(suffix, ActionJson.class);
    if (action.isEmpty()) {
      if (context.cluster().build().tolerateNonExistentBackendAction()) {
        return new ResolvedBackend(conditions, fixed503(MISSING_ACTION), List.of());
      }
      throw new UserInputException(field, "is missing; the backend " + name + " uses it");
    }
    ActionJson json = action.get();
    switch (json.type() == null ? "" : json.type()) {
      case "fixed-response":
        return new ResolvedBackend(
            conditions, ActionAnnotationsValidator.fixedResponse(field, json), List.of());
      case "redirect":
        return new ResolvedBackend(
            conditions, ActionAnnotationsValidator.redirect(field, json), List.of());
      case "forward":
        List<TargetGroupJson> targets = ActionAnnotationsValidator.forwardTargets(field, json);
        var ports = new ArrayList<Object>();
        for (TargetGroupJson target : targets) {
          ports.add(target.serviceName() == null ? null : servicePort(field, target.servicePort()));
        }
        var stickiness =
            json.forwardConfig() == null
                ? null
                : json.forwardConfig().targetGroupStickinessConfig();
        return forward(
            field,
            conditions,
            targets,
            ports,
            stickiness == null
                ? null
                : new TargetGroupStickinessConfig(
                    stickiness.enabled(), stickiness.durationSeconds()));
      default:
        throw new UserInputException(
            field, "type '" + json.type() + "' is not one of fixed-response, redirect, forward");
    }
  }

  /** A number, a number written as a string, or a port name. */
  private static Object servicePort(String field, JsonNode port) {
    if (port == null || port.isNull()) {
      throw new UserInputException(field, "a target group with serviceName needs servicePort");
    }
    if (port.isInt()) {
      return port.intValue();
    }
    String text = port.asText();
    return text.matches("\\d+") ? Integer.valueOf(text) : text;
  }

  private ResolvedBackend forward(
      String field,
      List<RuleCondition> conditions,
      List<TargetGroupJson> targets,
      List<Object> ports,
      TargetGroupStickinessConfig stickiness) {
    var serviceNames = new LinkedHashSet<String>();
    targets.stream()
        .map(TargetGroupJson::serviceName)
        .filter(n -> n != null)
        .forEach(serviceNames::add);
    boolean single = targets.size() == 1 && serviceNames.size() == 1;
    String namespace = context.member().namespace();
    for (String name : serviceNames) {
      if (context.view().service(namespace, name).isEmpty()) {
        if (single && context.cluster().build().tolerateNonExistentBackendService()) {
          return new ResolvedBackend(conditions, fixed503(MISSING_SERVICE), List.of());
        }
        throw new UserInputException(
            field, "Service " + namespace + "/" + name + " does not exist");
      }
    }
    var tuples = new ArrayList<TargetGroupTuple>();
    var ids = new ArrayList<String>();
    for (int i = 0; i < targets.size(); i++) {
      TargetGroupJson target = targets.get(i);
      Token arn;
      if (target.targetGroupARN() != null) {
        arn = Token.of(target.targetGroupARN());
      } else if (target.targetGroupName() != null) {
        arn =
            Token.of(
                context
                    .targetGroupArns()
                    .arnByName(target.targetGroupName())
                    .orElseThrow(
                        () ->
                            new UserInputException(
                                field,
                                "no target group is named '" + target.targetGroupName() + "'")));
      } else {
        var service =
            new BackendService(context.view().service(namespace, target.serviceName()).get());
        String id = targetGroups.plan(field, service, ports.get(i));
        ids.add(id);
        arn = TargetGroupPlanner.arn(id);
      }
      tuples.add(new TargetGroupTuple(arn, target.weight()));
    }
    BackendService singleService =
        targets.size() == 1 && targets.get(0).serviceName() != null
            ? new BackendService(
                context.view().service(namespace, targets.get(0).serviceName()).get())
            : null;
    return new ResolvedBackend(
        conditions,
        Action.forward(new ForwardConfig(tuples, stickiness)),
        List.copyOf(ids),
        singleService);
  }

  static Action fixed503(String body) {
    return Action.fixedResponse(new FixedResponseConfig("text/plain", body, "503"));
  }
}
