package io.lbc.ingress;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.lbc.annotations.Annotations;
import io.lbc.annotations.ValueSyntax;
import io.lbc.aws.elbv2.LoadBalancer;
import io.lbc.config.ClusterContext;
import io.lbc.k8s.ClusterView;
import io.lbc.model.Stack;
import io.lbc.model.Token;
import io.lbc.model.UserInputException;
import io.lbc.networking.SecurityGroupResolver;
import io.lbc.networking.SubnetResolver;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the ALB stack of an IngressGroup without writing anything (compat-spec §1, §5–§7). Each
 * member is planned on its own; members with bad input, or that conflict with earlier members, are
 * left out and reported, and the rest of the group is built (user pain #4).
 */
public final class AlbStackBuilder {
  static final String DELETION_PROTECTION = "deletion_protection.enabled";

  /** The read-only AWS lookups building needs. */
  public record Readers(
      SubnetResolver subnets,
      SecurityGroupResolver securityGroups,
      CertificateDiscovery certificates,
      TargetGroupArnLookup targetGroupArns,
      TrustStoreLookup trustStores,
      AddOnLookups addOns) {}

  private final ClusterContext cluster;
  private final ClusterView view;
  private final MemberPlanner planner;
  private final LoadBalancerAssembler loadBalancer;
  private final ListenerAssembler listeners;
  private final TargetGroupAssembler targetGroups;
  private final FrontendNlbAssembler frontendNlb;

  public AlbStackBuilder(ClusterContext cluster, ClusterView view, Readers readers) {
    this.cluster = cluster;
    this.view = view;
    this.planner =
        new MemberPlanner(
            cluster,
            view,
            readers.certificates(),
            readers.trustStores(),
            readers.targetGroupArns(),
            readers.addOns());
    this.loadBalancer =
        new LoadBalancerAssembler(cluster, readers.subnets(), readers.securityGroups());
    this.listeners = new ListenerAssembler(cluster);
    this.targetGroups = new TargetGroupAssembler(cluster);
    this.frontendNlb =
        new FrontendNlbAssembler(cluster, readers.subnets(), readers.securityGroups());
  }

  /**
   * @param existing the stack's load balancer as it exists now, if any: its subnets are kept when
   *     the scheme does not change
   * @throws UserInputException when the group as a whole cannot be built (e.g. no subnets found)
   */
  public AlbBuildResult build(IngressGroup group, Optional<LoadBalancer> existing) {
    var stack = new Stack(group.id());
    var excluded = new ArrayList<ExcludedMember>(group.excluded());
    var deletionProtected = new ArrayList<Ingress>();
    var members = new ArrayList<GroupMember>(group.members());
    for (Ingress leaving : group.leaving()) {
      if (leaving.getMetadata().getDeletionTimestamp() == null) {
        continue;
      }
      try {
        if (!deletionProtected(leaving)) {
          continue;
        }
      } catch (UserInputException e) {
        excluded.add(new ExcludedMember(leaving, e)); // unreadable: keep it, to be safe
      }
      deletionProtected.add(leaving);
      var match =
          new IngressClassMatcher(view, cluster.config().kube().ingressClass()).match(leaving);
      members.add(new GroupMember(leaving, match.isOurs() ? match.params() : Optional.empty()));
    }
    members.sort(
        Comparator.comparingInt((GroupMember m) -> IngressGroupLoader.orderOrZero(m.ingress()))
            .thenComparing(GroupMember::key));

    var plans = new ArrayList<MemberPlan>();
    for (GroupMember member : members) {
      if (excluded.stream().anyMatch(e -> e.key().equals(member.key()))) {
        continue;
      }
      try {
        plans.add(planner.plan(group.id(), member));
      } catch (UserInputException e) {
        excluded.add(new ExcludedMember(member.ingress(), e));
      }
    }
    GroupMerge.Result merged = GroupMerge.merge(plans, cluster.defaults().scheme());
    excluded.addAll(merged.excluded());
    GroupSettings settings = merged.settings();
    if (settings.members.isEmpty()) {
      // Every member failed: keep what exists rather than tear it down over a typo, unless every
      // one was refused, which fails closed.
      boolean deployable = excluded.stream().allMatch(ExcludedMember::failClosed);
      return new AlbBuildResult(stack, List.of(), excluded, deletionProtected, deployable);
    }

    for (MemberPlan plan : settings.members) {
      plan.certificate().ifPresent(c -> stack.add(c.id(), c.spec()));
    }
    Optional<Token> nodeRuleSource =
        loadBalancer.add(stack, settings, existing, userTags(settings.tags()));
    Set<String> referenced =
        listeners.add(stack, settings, keys -> userTags(tagsOf(settings, keys)));
    targetGroups.add(stack, settings, referenced, nodeRuleSource);
    AddOnAssembler.add(stack, settings);
    frontendNlb.add(stack, settings.frontendNlb, userTags(settings.tags()), this::userTags);
    List<GroupMember> built = settings.members.stream().map(MemberPlan::member).toList();
    var notices = new ArrayList<MemberNotice>();
    for (MemberPlan plan : settings.members) {
      plan.addOns()
          .notices()
          .forEach(n -> notices.add(new MemberNotice(plan.member().ingress(), n)));
    }
    notices.addAll(HttpsOnlyAuthentication.notices(settings));
    return new AlbBuildResult(stack, built, excluded, deletionProtected, true, notices);
  }

  /** Whether the Ingress's own annotation turns deletion protection on. */
  static boolean deletionProtected(Ingress ingress) {
    var annotations = Annotations.ingress(ingress.getMetadata().getAnnotations());
    Map<String, String> attributes =
        annotations.stringMap(LoadBalancerSettingsReader.LOAD_BALANCER_ATTRIBUTES).orElse(Map.of());
    String value = attributes.get(DELETION_PROTECTION);
    if (value == null) {
      return false;
    }
    try {
      return ValueSyntax.parseBool(value);
    } catch (IllegalArgumentException e) {
      throw annotations.invalid(
          LoadBalancerSettingsReader.LOAD_BALANCER_ATTRIBUTES,
          DELETION_PROTECTION + ": " + e.getMessage());
    }
  }

  private static Map<String, String> tagsOf(GroupSettings settings, List<String> memberKeys) {
    var tags = new LinkedHashMap<String, String>();
    for (MemberPlan plan : settings.members) {
      if (memberKeys.contains(plan.key())) {
        tags.putAll(plan.settings().tags());
      }
    }
    return tags;
  }

  private Map<String, String> userTags(Map<String, String> tags) {
    return MemberContext.userTags(cluster, List.of(tags));
  }
}
