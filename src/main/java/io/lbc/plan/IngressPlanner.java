package io.lbc.plan;

import io.lbc.annotations.KeyChecks;
import io.lbc.annotations.Surface;
import io.lbc.annotations.UnknownKey;
import io.lbc.aws.elbv2.LoadBalancer;
import io.lbc.config.ClusterContext;
import io.lbc.ingress.AlbBuildResult;
import io.lbc.ingress.AlbStackBuilder;
import io.lbc.ingress.ExcludedMember;
import io.lbc.ingress.GroupMember;
import io.lbc.ingress.IngressGroup;
import io.lbc.ingress.IngressGroupLoader;
import io.lbc.k8s.ClusterView;
import io.lbc.k8s.ManifestClusterView;
import io.lbc.model.StackId;
import io.lbc.model.StackJson;
import io.lbc.model.UserInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Builds the ALB stack of every IngressGroup in a set of manifests. */
public final class IngressPlanner implements StackPlanner {
  private final ClusterContext cluster;
  private final AlbStackBuilder.Readers readers;
  private final Function<StackId, Optional<LoadBalancer>> existingLoadBalancers;

  /**
   * @param existingLoadBalancers finds a stack's current load balancer, whose subnets are reused
   */
  public IngressPlanner(
      ClusterContext cluster,
      AlbStackBuilder.Readers readers,
      Function<StackId, Optional<LoadBalancer>> existingLoadBalancers) {
    this.cluster = cluster;
    this.readers = readers;
    this.existingLoadBalancers = existingLoadBalancers;
  }

  /** The outcome for one group: a build result, or the error that stopped the whole group. */
  public record GroupOutcome(
      IngressGroup group, Optional<AlbBuildResult> result, Optional<UserInputException> failure) {}

  @Override
  public String section() {
    return "ingressGroups";
  }

  public List<GroupOutcome> build(ClusterView view) {
    var loader = new IngressGroupLoader(view, cluster.config());
    var builder = new AlbStackBuilder(cluster, view, readers);
    var outcomes = new ArrayList<GroupOutcome>();
    for (StackId id : loader.groups()) {
      IngressGroup group = loader.load(id);
      try {
        AlbBuildResult result = builder.build(group, existingLoadBalancers.apply(id));
        outcomes.add(new GroupOutcome(group, Optional.of(result), Optional.empty()));
      } catch (UserInputException e) {
        outcomes.add(new GroupOutcome(group, Optional.empty(), Optional.of(e)));
      }
    }
    return outcomes;
  }

  @Override
  public List<Map<String, Object>> plan(ManifestClusterView manifests) {
    return build(manifests).stream().map(IngressPlanner::toJson).toList();
  }

  @Override
  public List<PlannedStack> stacks(ManifestClusterView manifests) {
    return build(manifests).stream().map(IngressPlanner::planned).toList();
  }

  private static PlannedStack planned(GroupOutcome outcome) {
    String name = outcome.group().id().value();
    var leftOut = new ArrayList<String>();
    var notices = new ArrayList<String>();
    outcome
        .result()
        .ifPresent(
            result -> {
              result
                  .excluded()
                  .forEach(
                      m ->
                          leftOut.add(
                              "Ingress " + m.key() + " left out: " + m.error().getMessage()));
              result
                  .notices()
                  .forEach(
                      n ->
                          notices.add(
                              "Ingress "
                                  + n.ingress().getMetadata().getNamespace()
                                  + "/"
                                  + n.ingress().getMetadata().getName()
                                  + ": "
                                  + n.message()));
            });
    if (outcome.failure().isPresent()) {
      return new PlannedStack(
          "Ingress group",
          name,
          Optional.empty(),
          Optional.of(outcome.failure().get().getMessage()),
          leftOut,
          notices);
    }
    AlbBuildResult result = outcome.result().orElseThrow();
    if (!result.deployable()) {
      return new PlannedStack(
          "Ingress group",
          name,
          Optional.empty(),
          Optional.of("no member can be built; what exists is kept"),
          leftOut,
          notices);
    }
    return new PlannedStack(
        "Ingress group", name, Optional.of(result.stack()), Optional.empty(), leftOut, notices);
  }

  /**
   * {@code {"group", "stack", "members", "excluded", "deletionProtected", "deployable", "error"}};
   * {@code stack} is the canonical stack JSON.
   */
  public static Map<String, Object> toJson(GroupOutcome outcome) {
    var json = new LinkedHashMap<String, Object>();
    json.put("group", outcome.group().id().value());
    outcome
        .result()
        .ifPresent(
            result -> {
              json.put("stack", StackJson.toTree(result.stack()));
              json.put("members", result.built().stream().map(GroupMember::key).toList());
              json.putAll(problems(outcome));
            });
    outcome.failure().ifPresent(e -> json.putAll(problems(outcome)));
    return json;
  }

  /**
   * Excluded members, notices of what is not applied, deletion-protected ones, whether to deploy,
   * the group's error and the members' unknown (typo) keys; empty when all is well.
   */
  public static Map<String, Object> problems(GroupOutcome outcome) {
    var json = new LinkedHashMap<String, Object>();
    outcome
        .result()
        .ifPresent(
            result -> {
              if (!result.excluded().isEmpty()) {
                json.put(
                    "excluded", result.excluded().stream().map(IngressPlanner::excluded).toList());
              }
              if (!result.notices().isEmpty()) {
                json.put(
                    "notices",
                    result.notices().stream()
                        .map(
                            n ->
                                Map.of(
                                    "ingress",
                                    n.ingress().getMetadata().getNamespace()
                                        + "/"
                                        + n.ingress().getMetadata().getName(),
                                    "message",
                                    n.message()))
                        .toList());
              }
              if (!result.deletionProtected().isEmpty()) {
                json.put(
                    "deletionProtected",
                    result.deletionProtected().stream()
                        .map(i -> i.getMetadata().getNamespace() + "/" + i.getMetadata().getName())
                        .toList());
              }
              if (!result.deployable()) {
                json.put("deployable", false);
              }
            });
    outcome.failure().ifPresent(e -> json.put("error", error(e)));
    var unknown = new ArrayList<Map<String, Object>>();
    for (GroupMember member : outcome.group().members()) {
      for (UnknownKey key :
          KeyChecks.unknown(
              Surface.INGRESS_ANNOTATION, member.ingress().getMetadata().getAnnotations())) {
        var entry = new LinkedHashMap<String, Object>();
        entry.put("ingress", member.key());
        entry.put("key", key.key());
        entry.put("nearest", key.nearest().fullKey());
        unknown.add(entry);
      }
    }
    if (!unknown.isEmpty()) {
      json.put("unknownKeys", unknown);
    }
    return json;
  }

  private static Map<String, Object> excluded(ExcludedMember member) {
    var json = new LinkedHashMap<String, Object>();
    json.put("ingress", member.key());
    json.putAll(error(member.error()));
    if (member.failClosed()) {
      json.put("failClosed", true);
    }
    return json;
  }

  private static Map<String, Object> error(UserInputException e) {
    var json = new LinkedHashMap<String, Object>();
    json.put("field", e.field());
    json.put("message", e.getMessage().substring(e.field().length() + 2));
    return json;
  }
}
