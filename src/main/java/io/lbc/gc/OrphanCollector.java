package io.lbc.gc;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.ec2.SecurityGroup;
import io.lbc.aws.elbv2.Elbv2;
import io.lbc.aws.elbv2.Listener;
import io.lbc.aws.elbv2.LoadBalancer;
import io.lbc.aws.elbv2.TargetGroup;
import io.lbc.deploy.RetryLaterException;
import io.lbc.deploy.StackDeployer;
import io.lbc.ingress.IngressGroupLoader;
import io.lbc.k8s.IngressClassParams;
import io.lbc.model.Stack;
import io.lbc.model.StackId;
import io.lbc.model.StackKind;
import io.lbc.model.TrackingTags;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds AWS resources of this cluster whose owner is gone — load balancers (with their listeners
 * and rules), target groups and security groups tagged with the cluster and a stack whose Ingress
 * group or Service no longer exists — and deletes them by deploying the owner's empty stack, the
 * controller's own clean-up: dependency order, only what carries the cluster and stack tags.
 *
 * <p>AWS is listed before the owners, and the owners are read from the apiserver, not a cache: a
 * resource seen in AWS was made for an owner that existed before the owners were listed, so an
 * owner that exists is always seen. A resource without the cluster tag, or with a stack tag of a
 * kind this controller does not know (e.g. a Gateway's), is never touched.
 */
public final class OrphanCollector {
  private static final Logger log = LoggerFactory.getLogger(OrphanCollector.class);
  private static final String GROUP_NAME_ANNOTATION = "alb.ingress.kubernetes.io/group.name";

  /** One orphaned resource: what it is, its ID, and the stack that owned it. */
  public record Orphan(StackId stack, String type, String id) {}

  /**
   * What a sweep found, by stack, and the stacks whose deletion could not finish yet (their
   * TargetGroupBindings wait for the controller to release their targets).
   */
  public record Report(Map<StackId, List<Orphan>> byStack, List<StackId> unfinished) {
    public List<Orphan> orphans() {
      return byStack.values().stream().flatMap(List::stream).toList();
    }

    /** One line per resource: {@code <stack kind> <stack> <type> <id>}. */
    public String render() {
      var lines = new StringBuilder();
      byStack.forEach(
          (stack, orphans) ->
              orphans.forEach(
                  o ->
                      lines
                          .append(stack.kind().name().toLowerCase(java.util.Locale.ROOT))
                          .append(' ')
                          .append(stack.value())
                          .append(' ')
                          .append(o.type())
                          .append(' ')
                          .append(o.id())
                          .append('\n')));
      return lines.toString();
    }
  }

  private final Elbv2 elbv2;
  private final Ec2 ec2;
  private final KubernetesClient kube;
  private final StackDeployer deployer;
  private final String clusterName;
  private final String vpcId;

  public OrphanCollector(
      Elbv2 elbv2,
      Ec2 ec2,
      KubernetesClient kube,
      StackDeployer deployer,
      String clusterName,
      String vpcId) {
    this.elbv2 = elbv2;
    this.ec2 = ec2;
    this.kube = kube;
    this.deployer = deployer;
    this.clusterName = clusterName;
    this.vpcId = vpcId;
  }

  /** Lists the orphans; changes nothing. */
  public Report find() {
    Map<StackId, List<Orphan>> found =
        new TreeMap<>(
            java.util.Comparator.comparing(StackId::toString).thenComparing(StackId::kind));
    List<LoadBalancer> lbs =
        elbv2.describeLoadBalancers().stream().filter(lb -> vpcId.equals(lb.vpcId())).toList();
    Map<String, Map<String, String>> lbTags = tags(lbs.stream().map(LoadBalancer::arn).toList());
    for (LoadBalancer lb : lbs) {
      Optional<StackId> stack = stackOf(lbTags.get(lb.arn()));
      if (stack.isEmpty()) {
        continue;
      }
      add(found, stack.get(), "LoadBalancer", lb.arn());
      for (Listener listener : elbv2.describeListeners(lb.arn())) {
        add(found, stack.get(), "Listener", listener.arn());
        elbv2.describeRules(listener.arn()).stream()
            .filter(r -> !r.isDefault())
            .forEach(r -> add(found, stack.get(), "ListenerRule", r.arn()));
      }
    }
    List<TargetGroup> tgs =
        elbv2.describeTargetGroups().stream().filter(tg -> vpcId.equals(tg.vpcId())).toList();
    Map<String, Map<String, String>> tgTags = tags(tgs.stream().map(TargetGroup::arn).toList());
    for (TargetGroup tg : tgs) {
      stackOf(tgTags.get(tg.arn())).ifPresent(s -> add(found, s, "TargetGroup", tg.arn()));
    }
    for (SecurityGroup group :
        ec2.findSecurityGroupsByTags(vpcId, Map.of(TrackingTags.CLUSTER, clusterName))) {
      stackOf(group.tags()).ifPresent(s -> add(found, s, "SecurityGroup", group.groupId()));
    }
    Owners owners = Owners.list(kube);
    found.keySet().removeIf(owners::owns);
    return new Report(found, List.of());
  }

  /**
   * Finds the orphans and, unless {@code dryRun}, deletes them.
   *
   * @return what was found (and deleted)
   */
  public Report collect(boolean dryRun) {
    return collect(dryRun, java.time.Duration.ZERO);
  }

  /**
   * Finds the orphans and, unless {@code dryRun}, deletes them, waiting up to {@code patience} per
   * stack for its TargetGroupBindings to be released (the running controller releases them).
   */
  public Report collect(boolean dryRun, java.time.Duration patience) {
    Report report = find();
    if (dryRun) {
      return report;
    }
    var unfinished = new ArrayList<StackId>();
    for (StackId stack : report.byStack().keySet()) {
      log.info("deleting the orphaned resources of {} stack {}", stack.kind(), stack.value());
      if (!deleteWithin(stack, patience)) {
        unfinished.add(stack);
      }
    }
    return new Report(report.byStack(), unfinished);
  }

  private boolean deleteWithin(StackId stack, java.time.Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      try {
        deployer.deploy(new Stack(stack));
        return true;
      } catch (RetryLaterException e) {
        if (System.nanoTime() > deadline) {
          log.info("deletion of {} not finished: {}", stack.value(), e.getMessage());
          return false;
        }
        try {
          Thread.sleep(Math.max(500, Math.min(5_000, e.after().toMillis())));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
  }

  private Map<String, Map<String, String>> tags(Collection<String> arns) {
    return arns.isEmpty() ? Map.of() : elbv2.describeTags(arns);
  }

  private Optional<StackId> stackOf(Map<String, String> tags) {
    if (tags == null || !clusterName.equals(tags.get(TrackingTags.CLUSTER))) {
      return Optional.empty();
    }
    for (StackKind kind : StackKind.values()) {
      String value = tags.get(TrackingTags.stackKey(kind));
      if (value != null && !value.isEmpty()) {
        return Optional.of(new StackId(kind, value));
      }
    }
    return Optional.empty();
  }

  private static void add(Map<StackId, List<Orphan>> found, StackId stack, String type, String id) {
    found.computeIfAbsent(stack, s -> new ArrayList<>()).add(new Orphan(stack, type, id));
  }

  /** The stacks that have an owner in the cluster now, read from the apiserver. */
  private record Owners(
      Set<String> services, Set<String> ingresses, Set<String> groups, boolean groupsKnown) {

    static Owners list(KubernetesClient kube) {
      var services = new HashSet<String>();
      kube.services().inAnyNamespace().list().getItems().forEach(s -> services.add(key(s)));
      var ingresses = new HashSet<String>();
      var groups = new HashSet<String>();
      for (Ingress ingress : kube.network().v1().ingresses().inAnyNamespace().list().getItems()) {
        ingresses.add(key(ingress));
        Map<String, String> annotations =
            Optional.ofNullable(ingress.getMetadata().getAnnotations()).orElse(Map.of());
        Optional.ofNullable(annotations.get(GROUP_NAME_ANNOTATION)).ifPresent(groups::add);
        Optional.ofNullable(ingress.getMetadata().getFinalizers()).orElse(List.of()).stream()
            .filter(f -> f.startsWith(IngressGroupLoader.EXPLICIT_FINALIZER_PREFIX))
            .map(f -> f.substring(IngressGroupLoader.EXPLICIT_FINALIZER_PREFIX.length()))
            .forEach(groups::add);
      }
      boolean groupsKnown = true;
      try {
        for (IngressClassParams params :
            kube.resources(IngressClassParams.class).list().getItems()) {
          if (params.getSpec() != null
              && params.getSpec().group != null
              && params.getSpec().group.name != null) {
            groups.add(params.getSpec().group.name);
          }
        }
      } catch (KubernetesClientException e) {
        // cannot tell which explicit groups IngressClassParams name: keep them all
        groupsKnown = false;
      }
      return new Owners(services, ingresses, groups, groupsKnown);
    }

    boolean owns(StackId stack) {
      return switch (stack.kind()) {
        case SERVICE -> services.contains(stack.value());
        case INGRESS ->
            stack.namespace().isPresent()
                ? ingresses.contains(stack.value())
                : !groupsKnown || groups.contains(stack.value());
        // Gateway stacks are cleaned by their own controller (finalizers); never swept here
        case GATEWAY_ALB, GATEWAY_NLB -> true;
      };
    }

    private static String key(HasMetadata object) {
      return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
    }
  }

  /** For logging: how many resources of each type. */
  public static Map<String, Long> countByType(Report report) {
    var counts = new LinkedHashMap<String, Long>();
    report.orphans().forEach(o -> counts.merge(o.type(), 1L, Long::sum));
    return counts;
  }
}
