package io.lbc.deploy.elbv2;

import io.lbc.aws.AwsErrors;
import io.lbc.aws.elbv2.Elbv2;
import io.lbc.aws.elbv2.Rule;
import io.lbc.deploy.DeployContext;
import io.lbc.deploy.Synthesizer;
import io.lbc.model.Resource;
import io.lbc.model.ResourceType;
import io.lbc.model.elbv2.ListenerRuleSpec;
import io.lbc.model.elbv2.ListenerSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The rules of each listener of the stack, converged with a {@link RulePlan}. */
public final class ListenerRuleSynthesizer implements Synthesizer {
  private static final Logger log = LoggerFactory.getLogger(ListenerRuleSynthesizer.class);
  private static final String TYPE = "listenerRule";

  /** AWS allows priorities 1 to 50000; moves that collide go through free ones from the top. */
  static final int MAX_PRIORITY = 50_000;

  /** Only ALB listeners have rules besides their default action. */
  private static final Set<String> RULE_PROTOCOLS = Set.of("HTTP", "HTTPS");

  private final Elbv2 elbv2;
  private final ElbTags tags;

  private final ListenerFeatures features;

  public ListenerRuleSynthesizer(Elbv2 elbv2, ElbTags tags) {
    this(elbv2, tags, ListenerFeatures.defaults());
  }

  public ListenerRuleSynthesizer(Elbv2 elbv2, ElbTags tags, ListenerFeatures features) {
    this.elbv2 = elbv2;
    this.tags = tags.enabledIf(features.tagging());
    this.features = features;
  }

  @Override
  public String stageName() {
    return "*elbv2.listenerRuleSynthesizer";
  }

  @Override
  public void synthesize(DeployContext context) {
    var rulesByListener = new LinkedHashMap<String, List<Resource<ListenerRuleSpec>>>();
    for (var rule : context.stack().resources(ResourceType.LISTENER_RULE, ListenerRuleSpec.class)) {
      rulesByListener
          .computeIfAbsent(
              context.tokens().resolve(rule.spec().listenerARN()), k -> new ArrayList<>())
          .add(rule);
    }
    var actualByListener = new LinkedHashMap<String, List<Rule>>();
    for (var listener : context.stack().resources(ResourceType.LISTENER, ListenerSpec.class)) {
      if (!RULE_PROTOCOLS.contains(listener.spec().protocol())) {
        continue; // an NLB listener has no rules: nothing to describe
      }
      String listenerArn =
          context
              .tokens()
              .get(ResourceType.LISTENER, listener.id(), ListenerSpec.ARN)
              .orElseThrow();
      actualByListener.put(listenerArn, elbv2.describeRules(listenerArn));
    }
    tags.prefetch(
        actualByListener.values().stream()
            .flatMap(List::stream)
            .filter(r -> !r.isDefault())
            .map(Rule::arn)
            .toList());
    actualByListener.replaceAll(
        (arn, rules) -> rules.stream().map(this::withSecretVersion).toList());
    actualByListener.forEach(
        (listenerArn, actual) ->
            converge(
                context,
                listenerArn,
                rulesByListener.getOrDefault(listenerArn, List.of()),
                actual));
  }

  private void converge(
      DeployContext context,
      String listenerArn,
      List<Resource<ListenerRuleSpec>> wanted,
      List<Rule> actual) {
    var byDesired = new HashMap<RulePlan.Desired, Resource<ListenerRuleSpec>>();
    var desired = new ArrayList<RulePlan.Desired>();
    for (var rule : wanted) {
      var resolved =
          new RulePlan.Desired(
              rule.id(),
              rule.spec().priority(),
              features.gated(rule.id(), context.tokens().resolve(rule.spec().actions())),
              rule.spec().conditions(),
              rule.spec().transforms());
      desired.add(resolved);
      byDesired.put(resolved, rule);
    }
    RulePlan plan = RulePlan.between(desired, actual);
    for (Rule rule : plan.deletes()) {
      context.logWrite(log, "deleting", TYPE, String.valueOf(rule.priority()), rule.arn());
      elbv2.deleteRule(rule.arn());
      tags.forget(rule.arn());
    }
    if (!plan.moves().isEmpty()) {
      move(context, plan.moves(), actual);
    }
    plan.modifies()
        .forEach(
            (rule, target) -> {
              context.logWrite(log, "modifying", TYPE, target.resourceId(), rule.arn());
              elbv2.modifyRule(
                  rule.arn(), target.actions(), target.conditions(), target.transforms());
            });
    for (var target : plan.creates()) {
      var spec = byDesired.get(target).spec();
      Map<String, String> allTags = tags.onCreate(tagsFor(context, target, spec));
      context.logWrite(log, "creating", TYPE, target.resourceId(), listenerArn);
      Rule created =
          elbv2.createRule(
              listenerArn,
              target.priority(),
              target.actions(),
              target.conditions(),
              target.transforms(),
              allTags);
      tags.created(created.arn(), allTags);
      context.logWrite(log, "created", TYPE, target.resourceId(), created.arn());
    }
    plan.kept()
        .forEach(
            (target, rule) ->
                tags.sync(
                    context,
                    TYPE,
                    target.resourceId(),
                    rule.arn(),
                    tagsFor(context, target, byDesired.get(target).spec())));
  }

  /** The rule with the version of the OIDC client secret it holds, which only its tags tell. */
  private Rule withSecretVersion(Rule rule) {
    if (rule.isDefault()
        || rule.actions().stream().noneMatch(a -> a.authenticateOidcConfig() != null)) {
      return rule;
    }
    return new Rule(
        rule.arn(),
        rule.priority(),
        false,
        ClientSecretVersions.recorded(rule.actions(), tags.current(rule.arn())),
        rule.conditions(),
        rule.transforms());
  }

  private Map<String, String> tagsFor(
      DeployContext context, RulePlan.Desired target, ListenerRuleSpec spec) {
    return ClientSecretVersions.tags(
        context.tagsFor(target.resourceId(), spec.tags()), target.actions());
  }

  /**
   * Moves kept rules in one SetRulePriorities call; when priorities are swapped among them and the
   * API refuses, moves through free priorities first.
   */
  private void move(DeployContext context, Map<Rule, Integer> moves, List<Rule> actual) {
    var byArn =
        moves.entrySet().stream()
            .collect(Collectors.toMap(e -> e.getKey().arn(), Map.Entry::getValue));
    context.logWrite(
        log, "reprioritizing", TYPE, byArn.values().toString(), String.join(",", byArn.keySet()));
    try {
      elbv2.setRulePriorities(byArn);
    } catch (RuntimeException e) {
      if (!AwsErrors.hasCode(e, "PriorityInUse")) {
        throw e;
      }
      Set<Integer> taken = actual.stream().map(Rule::priority).collect(Collectors.toSet());
      var temporary = new HashMap<String, Integer>();
      int next = MAX_PRIORITY;
      for (String arn : byArn.keySet()) {
        while (taken.contains(next)) {
          next--;
        }
        temporary.put(arn, next--);
      }
      elbv2.setRulePriorities(temporary);
      elbv2.setRulePriorities(byArn);
    }
  }
}
