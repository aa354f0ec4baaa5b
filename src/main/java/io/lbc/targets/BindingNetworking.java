package io.lbc.targets;

import io.lbc.aws.ec2.Ec2;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.TargetGroupBindingSpec.BindingTargetType;
import io.lbc.k8s.cache.SlimPod;
import io.lbc.networking.BackendRules;
import io.lbc.networking.BindingRuleNeeds;
import io.lbc.networking.RuleContribution;
import io.lbc.networking.RuleKey.RuleSource;
import io.lbc.networking.TargetSecurityGroups;
import io.lbc.targets.BindingResolver.Resolution;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Connects bindings to the {@link BackendRules}: works out the rules a binding's {@code
 * spec.networking} needs on its targets' security groups, and answers the rule manager's questions
 * about the other bindings.
 */
final class BindingNetworking implements BackendRules.Bindings<BindingKey> {
  private final ClusterView cluster;
  private final BindingResolver resolver;
  private final VpcAddressing addressing;
  private final TargetSecurityGroups groups;
  private final Function<TargetGroupBinding, BindingTargetType> targetTypes;
  private final BackendRules<BindingKey> rules;

  BindingNetworking(
      Ec2 ec2,
      ClusterView cluster,
      BindingResolver resolver,
      VpcAddressing addressing,
      TargetSecurityGroups groups,
      Function<TargetGroupBinding, BindingTargetType> targetTypes) {
    this.cluster = cluster;
    this.resolver = resolver;
    this.addressing = addressing;
    this.groups = groups;
    this.targetTypes = targetTypes;
    this.rules = new BackendRules<>(ec2, this);
  }

  void reconcile(TargetGroupBinding binding, BindingTargetType type, Resolution resolution) {
    BindingKey key = BindingKey.of(binding);
    if (!asksForRules(binding) && !rules.hasRules(key)) {
      return;
    }
    rules.update(key, contribution(binding, type, resolution));
  }

  /** Revokes the rules only this binding needed; its Service may be gone already. */
  void remove(TargetGroupBinding binding) {
    BindingKey key = BindingKey.of(binding);
    Optional<RuleContribution> lastKnown = Optional.empty();
    if (asksForRules(binding) && !rules.hasRules(key)) {
      try {
        lastKnown = Optional.of(computeFor(binding));
      } catch (RuntimeException e) {
        // Its targets cannot be resolved any more: rules nobody needs go when a group is next
        // reconciled for another binding.
      }
    }
    rules.remove(key, lastKnown);
  }

  @Override
  public Set<BindingKey> candidates(String protocol, RuleSource source) {
    String wanted = BindingRuleNeeds.sourceKey(protocol, source);
    return cluster.bindings().stream()
        .filter(b -> b.getMetadata().getDeletionTimestamp() == null && asksForRules(b))
        .filter(b -> BindingRuleNeeds.sourcesOf(b.getSpec().networking).contains(wanted))
        .map(BindingKey::of)
        .collect(Collectors.toSet());
  }

  @Override
  public RuleContribution contribution(BindingKey key) {
    return cluster.bindings().stream()
        .filter(b -> BindingKey.of(b).equals(key) && b.getMetadata().getDeletionTimestamp() == null)
        .findFirst()
        .map(this::computeFor)
        .orElse(RuleContribution.NONE);
  }

  private RuleContribution computeFor(TargetGroupBinding binding) {
    BindingTargetType type = targetTypes.apply(binding);
    return resolver
        .resolve(binding, type)
        .map(resolution -> contribution(binding, type, resolution))
        .orElse(RuleContribution.NONE);
  }

  private RuleContribution contribution(
      TargetGroupBinding binding, BindingTargetType type, Resolution resolution) {
    if (!asksForRules(binding)) {
      return RuleContribution.NONE;
    }
    List<DesiredTarget> live = resolution.targets().live();
    List<String> ids = live.stream().map(t -> t.target().id()).distinct().toList();
    Map<String, String> groupByTarget =
        type == BindingTargetType.IP
            ? groups.forPodIps(addressing.vpcId(binding.getSpec()), ids)
            : groups.forInstances(ids);
    Function<String, Set<Integer>> namedPort =
        type == BindingTargetType.IP ? name -> containerPorts(live, name) : null;
    return BindingRuleNeeds.contribution(
        binding.getSpec().networking, new TreeSet<>(groupByTarget.values()), namedPort);
  }

  private Set<Integer> containerPorts(List<DesiredTarget> targets, String name) {
    var ports = new TreeSet<Integer>();
    for (DesiredTarget target : targets) {
      if (target.pod() == null) {
        continue;
      }
      Optional<SlimPod> pod = cluster.pod(target.pod().namespace(), target.pod().name());
      if (pod.isEmpty()) {
        continue;
      }
      for (SlimPod.Container container : pod.get().containers()) {
        for (SlimPod.Port port : container.ports()) {
          if (name.equals(port.name())) {
            ports.add(port.containerPort());
          }
        }
      }
    }
    return ports;
  }

  private static boolean asksForRules(TargetGroupBinding binding) {
    var networking = binding.getSpec().networking;
    return networking != null && networking.ingress != null && !networking.ingress.isEmpty();
  }
}
