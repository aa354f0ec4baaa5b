package io.lbc.ingress;

import io.lbc.config.ClusterContext;
import io.lbc.config.FeatureGate;
import io.lbc.model.ResourceType;
import io.lbc.model.Stack;
import io.lbc.model.Token;
import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.Action.RedirectConfig;
import io.lbc.model.elbv2.Attribute;
import io.lbc.model.elbv2.ListenerRuleSpec;
import io.lbc.model.elbv2.ListenerSpec;
import io.lbc.model.elbv2.LoadBalancerSpec;
import io.lbc.model.elbv2.MutualAuthentication;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Adds one listener per merged listen port and its rules (compat-spec §1.3 #19–#24, "Other Ingress
 * spec handling"): rules of the members on that port in group order, priorities 1..N; the default
 * action is the group's {@code spec.defaultBackend}, else a fixed 404; HTTPS listeners carry the
 * group's mutual TLS for the port. With {@code ssl-redirect}, HTTP listeners redirect everything
 * and carry no rules.
 */
final class ListenerAssembler {
  private final ClusterContext cluster;

  ListenerAssembler(ClusterContext cluster) {
    this.cluster = cluster;
  }

  /**
   * @param memberTags the user tags of each member, for the listeners it shares
   * @return the ids of the target groups the listeners and rules forward to
   */
  Set<String> add(
      Stack stack, GroupSettings settings, Function<List<String>, Map<String, String>> memberTags) {
    var referenced = new LinkedHashSet<String>();
    Token loadBalancer = ResourceType.LOAD_BALANCER.ref(LoadBalancerSpec.ID, LoadBalancerSpec.ARN);
    for (PortSettings port : settings.ports.values()) {
      String protocol = port.protocol.value();
      boolean redirectAll = settings.sslRedirectPort != null && !port.https();
      List<Action> defaultActions;
      if (redirectAll) {
        defaultActions =
            List.of(
                Action.redirect(
                    new RedirectConfig(
                        null,
                        null,
                        String.valueOf(settings.sslRedirectPort.value()),
                        "HTTPS",
                        null,
                        "HTTP_301")));
      } else if (settings.defaultBackend != null
          && port.members.contains(settings.defaultBackend.member())) {
        defaultActions = settings.defaultBackend.value().on(protocol).actions();
        referenced.addAll(settings.defaultBackend.value().targetGroupIds());
      } else {
        defaultActions =
            List.of(
                Action.fixedResponse(new Action.FixedResponseConfig("text/plain", null, "404")));
      }
      var attributes = new ArrayList<Attribute>();
      new TreeMap<>(port.attributes()).forEach((k, v) -> attributes.add(new Attribute(k, v)));
      String id = String.valueOf(port.port);
      stack.add(
          id,
          new ListenerSpec(
              loadBalancer,
              port.port,
              protocol,
              defaultActions,
              port.https()
                  ? port.certificates.stream()
                      .map(
                          arn ->
                              new ListenerSpec.Certificate(
                                  arn.startsWith("#/") ? new Token.Ref(arn) : Token.of(arn),
                                  port.discoveredCertificates.contains(arn) ? true : null))
                      .toList()
                  : null,
              port.https() ? sslPolicy(port) : null,
              null,
              List.copyOf(attributes),
              memberTags.apply(port.members),
              port.https() ? mutualAuthentication(port) : null));
      if (!redirectAll) {
        addRules(stack, settings, port, referenced);
      }
    }
    return referenced;
  }

  /**
   * The members' setting; without one, null leaves the listener's mutual TLS as it is, unless
   * {@code EnhancedDefaultBehavior} turns it off (compat-spec #25).
   */
  private MutualAuthentication mutualAuthentication(PortSettings port) {
    if (port.mutualAuthentication != null) {
      return port.mutualAuthentication.value();
    }
    return cluster.enabled(FeatureGate.ENHANCED_DEFAULT_BEHAVIOR)
        ? MutualAuthentication.off()
        : null;
  }

  private String sslPolicy(PortSettings port) {
    return port.sslPolicy != null ? port.sslPolicy.value() : cluster.defaults().sslPolicy();
  }

  private static void addRules(
      Stack stack, GroupSettings settings, PortSettings port, Set<String> referenced) {
    var drafts = new ArrayList<RuleDraft>();
    for (MemberPlan member : settings.members) {
      if (port.members.contains(member.key())) {
        member.rules().forEach(rule -> drafts.add(rule.on(port.protocol.value())));
      }
    }
    drafts.forEach(d -> referenced.addAll(d.targetGroupIds()));
    Token listener = ResourceType.LISTENER.ref(String.valueOf(port.port), ListenerSpec.ARN);
    int priority = 1;
    for (RuleDraft rule : RuleOptimizer.optimize(port.port, port.protocol.value(), drafts)) {
      stack.add(
          port.port + ":" + priority,
          new ListenerRuleSpec(
              listener,
              priority,
              rule.actions(),
              rule.conditions(),
              rule.transforms(),
              rule.tags()));
      priority++;
    }
  }
}
