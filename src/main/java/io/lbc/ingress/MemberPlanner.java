package io.lbc.ingress;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.lbc.annotations.KeyInventory;
import io.lbc.annotations.Surface;
import io.lbc.config.ClusterContext;
import io.lbc.k8s.ClusterView;
import io.lbc.model.StackId;
import io.lbc.model.elbv2.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a {@link MemberPlan} from one Ingress: its settings, its rules and its target groups.
 * Throws {@link io.lbc.model.UserInputException} naming the first bad field.
 */
final class MemberPlanner {
  static final String USE_REGEX_PATH_MATCH =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "use-regex-path-match");

  private final ClusterContext cluster;
  private final ClusterView view;
  private final PortSettingsReader ports;
  private final LoadBalancerSettingsReader loadBalancer;
  private final TargetGroupArnLookup targetGroupArns;
  private final AddOnReader addOns;
  private final ManagedCertificateReader managedCertificates;
  private final FrontendNlbReader frontendNlb;

  MemberPlanner(
      ClusterContext cluster,
      ClusterView view,
      CertificateDiscovery certificates,
      TrustStoreLookup trustStores,
      TargetGroupArnLookup targetGroupArns,
      AddOnLookups addOnLookups) {
    this.cluster = cluster;
    this.view = view;
    this.ports = new PortSettingsReader(certificates, trustStores);
    this.loadBalancer = new LoadBalancerSettingsReader(cluster);
    this.targetGroupArns = targetGroupArns;
    this.addOns = new AddOnReader(cluster.config(), addOnLookups);
    this.managedCertificates = new ManagedCertificateReader(cluster);
    this.frontendNlb = new FrontendNlbReader(cluster);
  }

  MemberPlan plan(StackId group, GroupMember member) {
    MemberSource source = MemberSource.of(member);
    MemberKeys.refuseUnsupported(source, cluster);
    Optional<ManagedCertificateReader.Request> certificate =
        managedCertificates.read(source, PortSettingsReader.explicitCertificates(source));
    MemberSettings settings = loadBalancer.read(source, ports.read(source, certificate));
    AddOnChoices addOnChoices = addOns.read(source);
    FrontendNlbChoices frontendNlbChoices = frontendNlb.read(source, settings.ports().keySet());
    var context = new MemberContext(source, group, cluster, view, targetGroupArns);
    var targetGroups = new TargetGroupPlanner(context);
    var backends = new BackendResolver(context, targetGroups);
    var auth =
        new AuthActions(context, settings.ports().values().stream().anyMatch(PortConfig::https));
    Map<String, String> tags = context.userTags(List.of(settings.tags()));

    boolean regexPathMatch = source.annotations().bool(USE_REGEX_PATH_MATCH).orElse(false);
    IngressSpec spec = member.ingress().getSpec();
    var rules = new ArrayList<RuleDraft>();
    List<IngressRule> ingressRules =
        spec == null || spec.getRules() == null ? List.of() : spec.getRules();
    for (int i = 0; i < ingressRules.size(); i++) {
      IngressRule rule = ingressRules.get(i);
      if (rule.getHttp() == null || rule.getHttp().getPaths() == null) {
        continue;
      }
      String pathsField = "spec.rules[" + i + "].http.paths";
      List<String> hosts =
          rule.getHost() == null || rule.getHost().isEmpty() ? List.of() : List.of(rule.getHost());
      for (PathPatterns.IndexedPath indexed :
          PathPatterns.sort(pathsField, rule.getHttp().getPaths())) {
        String field = pathsField + "[" + indexed.index() + "]";
        HTTPIngressPath path = indexed.path();
        ResolvedBackend backend = backends.resolve(field + ".backend", path.getBackend());
        List<String> regexPaths =
            regexPathMatch
                ? PathPatterns.regexPatterns(field + ".path", path.getPath(), indexed.type())
                : List.of();
        List<String> patterns =
            regexPaths.isEmpty()
                ? PathPatterns.patterns(field + ".path", path.getPath(), indexed.type())
                : List.of();
        var matches = new RuleConditions.Matches(hosts, patterns, regexPaths);
        rules.add(
            new RuleDraft(
                RuleConditions.combine(field, matches, backend.conditions()),
                List.of(backend.action()),
                TransformAnnotations.read(
                    source.annotations(), path.getBackend().getService().getName()),
                tags,
                backend.targetGroupIds(),
                auth.httpsPrelude(backend)));
      }
    }
    Optional<RuleDraft> defaultBackend = Optional.empty();
    if (spec != null && spec.getDefaultBackend() != null) {
      ResolvedBackend backend = backends.resolve("spec.defaultBackend", spec.getDefaultBackend());
      List<Action> actions = List.of(backend.action());
      defaultBackend =
          Optional.of(
              new RuleDraft(
                  List.of(), actions, tags, backend.targetGroupIds(), auth.httpsPrelude(backend)));
    }
    return new MemberPlan(
        member,
        settings,
        List.copyOf(rules),
        defaultBackend,
        Map.copyOf(targetGroups.plans()),
        addOnChoices,
        auth.requested(),
        certificate.map(c -> c.withTags(tags)),
        frontendNlbChoices);
  }
}
