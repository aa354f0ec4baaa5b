package io.lbc.deploy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.elbv2.Elbv2;
import io.lbc.aws.tagging.ResourceTagging;
import io.lbc.deploy.addons.AddOnManagers;
import io.lbc.deploy.ec2.BackendSecurityGroup;
import io.lbc.deploy.ec2.SecurityGroupSynthesizer;
import io.lbc.deploy.elbv2.CapacityReservationSynthesizer;
import io.lbc.deploy.elbv2.ElbTags;
import io.lbc.deploy.elbv2.FrontendNlbTargetSynthesizer;
import io.lbc.deploy.elbv2.ListenerFeatures;
import io.lbc.deploy.elbv2.ListenerRuleSynthesizer;
import io.lbc.deploy.elbv2.ListenerSynthesizer;
import io.lbc.deploy.elbv2.LoadBalancerSynthesizer;
import io.lbc.deploy.elbv2.TargetGroupSynthesizer;
import io.lbc.deploy.k8s.StackBindings;
import io.lbc.deploy.k8s.TargetGroupBindingSynthesizer;
import io.lbc.metrics.ReconcileStage;
import io.lbc.metrics.ReconcileStages;
import io.lbc.metrics.TargetGroupInfo;
import io.lbc.model.ResourceType;
import io.lbc.model.SharedRefs;
import io.lbc.model.Stack;
import io.lbc.model.StackJson;
import io.lbc.model.elbv2.LoadBalancerSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys a stack: one synthesizer per resource type in dependency order (ACM certificate →
 * security group → frontend NLB targets → target group → load balancer → listener → rule →
 * TargetGroupBinding → WAFv2 → WAF Regional → Shield), then their clean-up in reverse. Deploying an
 * empty stack deletes everything the stack owns.
 */
public final class StackDeployer {
  private static final Logger log = LoggerFactory.getLogger(StackDeployer.class);

  /** What the deployer works with; shared by every deploy. */
  public record Dependencies(
      Elbv2 elbv2,
      Ec2 ec2,
      KubernetesClient kube,
      ElbTagCache tagCache,
      BackendSecurityGroup backendSecurityGroup,
      String clusterName,
      String vpcId,
      Set<String> externalManagedTags,
      AddOnManagers addOns,
      ListenerFeatures listenerFeatures,
      Optional<ResourceTagging> tagging,
      Duration lbStabilizationInterval) {

    public Dependencies(
        Elbv2 elbv2,
        Ec2 ec2,
        KubernetesClient kube,
        ElbTagCache tagCache,
        BackendSecurityGroup backendSecurityGroup,
        String clusterName,
        String vpcId,
        Set<String> externalManagedTags,
        AddOnManagers addOns) {
      this(
          elbv2,
          ec2,
          kube,
          tagCache,
          backendSecurityGroup,
          clusterName,
          vpcId,
          externalManagedTags,
          addOns,
          ListenerFeatures.defaults(),
          Optional.empty(),
          CapacityReservationSynthesizer.DEFAULT_STABILIZATION_INTERVAL);
    }

    /** Dependencies of a deployer that never touches the load balancer add-ons. */
    public Dependencies(
        Elbv2 elbv2,
        Ec2 ec2,
        KubernetesClient kube,
        ElbTagCache tagCache,
        BackendSecurityGroup backendSecurityGroup,
        String clusterName,
        String vpcId,
        Set<String> externalManagedTags) {
      this(
          elbv2,
          ec2,
          kube,
          tagCache,
          backendSecurityGroup,
          clusterName,
          vpcId,
          externalManagedTags,
          AddOnManagers.disabled());
    }
  }

  private final Dependencies deps;
  private final LoadBalancerQuotas quotas;
  private final NonConvergingWrites nonConverging = new NonConvergingWrites();
  private final boolean clusterObjects;
  private final ReconcileStages stages;
  private final TargetGroupInfo targetGroups;
  private final StackBindings bindings;

  /** A deployer that lists each stack's bindings (one LIST per deploy; no informer needed). */
  public StackDeployer(Dependencies deps) {
    this(deps, ReconcileStages.off(), TargetGroupInfo.off(), StackBindings.listed(deps.kube()));
  }

  /**
   * @param stages times each synthesizer (the reference's stage metrics) and counts its failures
   * @param targetGroups {@code aws_target_group_info} of the bindings it makes
   * @param bindings where each stack's TargetGroupBindings are read (the controller's informer)
   */
  public StackDeployer(
      Dependencies deps,
      ReconcileStages stages,
      TargetGroupInfo targetGroups,
      StackBindings bindings) {
    this(deps, true, stages, targetGroups, bindings);
  }

  private StackDeployer(
      Dependencies deps,
      boolean clusterObjects,
      ReconcileStages stages,
      TargetGroupInfo targetGroups,
      StackBindings bindings) {
    this.deps = deps;
    this.quotas = new LoadBalancerQuotas(deps.elbv2());
    this.clusterObjects = clusterObjects;
    this.stages = stages;
    this.targetGroups = targetGroups;
    this.bindings = bindings;
  }

  /**
   * A deployer of the stack's AWS resources only, for {@code plan}, which does not talk to the
   * cluster: TargetGroupBindings are left alone and {@code deps.kube()} may be null.
   */
  public static StackDeployer awsOnly(Dependencies deps) {
    return new StackDeployer(
        deps, false, ReconcileStages.off(), TargetGroupInfo.off(), labels -> List.of());
  }

  public DeployResult deploy(Stack stack) {
    if (log.isDebugEnabled()) {
      log.debug("deploying stack={} model={}", stack.id(), StackJson.compact(stack));
    }
    quotas.check(stack);
    var tokens = new ResolvedTokens();
    var context = context(stack, tokens);
    var finder =
        new StackResourceFinder(
            deps.elbv2(), deps.tagCache(), deps.clusterName(), deps.vpcId(), deps.tagging());
    var tags = new ElbTags(deps.elbv2(), deps.tagCache());
    var synthesizers = new ArrayList<Synthesizer>(deps.addOns().leadingSynthesizers());
    synthesizers.addAll(
        List.of(
            new SecurityGroupSynthesizer(deps.ec2()),
            new FrontendNlbTargetSynthesizer(deps.elbv2(), finder),
            new TargetGroupSynthesizer(deps.elbv2(), finder, tags),
            new LoadBalancerSynthesizer(deps.elbv2(), finder, tags),
            new ListenerSynthesizer(deps.elbv2(), tags, deps.listenerFeatures()),
            new ListenerRuleSynthesizer(deps.elbv2(), tags, deps.listenerFeatures()),
            new CapacityReservationSynthesizer(deps.elbv2(), deps.lbStabilizationInterval())));
    if (clusterObjects) {
      synthesizers.add(new TargetGroupBindingSynthesizer(deps.kube(), targetGroups, bindings));
    }
    synthesizers.addAll(deps.addOns().synthesizers());
    BackendSecurityGroup backend = deps.backendSecurityGroup();
    backend.enter();
    try {
      if (references(stack, SharedRefs.BACKEND_SECURITY_GROUP.pointer())) {
        tokens.put(SharedRefs.BACKEND_SECURITY_GROUP, backend.ensure());
      }
      run(synthesizers, context);
      if (stack.isEmpty()) {
        backend.releaseIfUnused(deps.elbv2());
      }
    } finally {
      backend.exit();
    }
    context
        .writes()
        .warnings()
        .forEach(w -> log.warn("write does not converge stack={}: {}", stack.id(), w));
    return new DeployResult(
        tokens.get(ResourceType.LOAD_BALANCER, LoadBalancerSpec.ID, LoadBalancerSpec.ARN),
        tokens.get(ResourceType.LOAD_BALANCER, LoadBalancerSpec.ID, LoadBalancerSpec.DNS_NAME),
        tokens.get(
            ResourceType.LOAD_BALANCER,
            LoadBalancerSpec.FRONTEND_NLB_ID,
            LoadBalancerSpec.DNS_NAME),
        context.writes().warnings(),
        context.writes().recheckAfter());
  }

  /**
   * Deploys only the load balancer add-ons of a stack (capacity reservation, WAFv2, WAF Regional,
   * Shield) on the stack's existing load balancer, leaving every other resource alone: a Gateway's
   * add-ons are removed this way before its empty stack deletes the load balancer (gateway-spec
   * §4.1, §5), so that no Shield protection outlives it.
   *
   * @param loadBalancerArn the load balancer the add-ons' references to the stack's load balancer
   *     stand for
   */
  public void deployAddOns(Stack stack, String loadBalancerArn) {
    var tokens = new ResolvedTokens();
    tokens.put(
        ResourceType.LOAD_BALANCER, LoadBalancerSpec.ID, LoadBalancerSpec.ARN, loadBalancerArn);
    var context = context(stack, tokens);
    var synthesizers = new ArrayList<Synthesizer>();
    synthesizers.add(
        new CapacityReservationSynthesizer(deps.elbv2(), deps.lbStabilizationInterval()));
    synthesizers.addAll(deps.addOns().synthesizers());
    run(synthesizers, context);
  }

  /** Each synthesizer in order (timed), then their clean-up in reverse. */
  private void run(List<Synthesizer> synthesizers, DeployContext context) {
    String controller = context.stackId().kind().controller();
    for (Synthesizer synthesizer : synthesizers) {
      stages.run(
          controller,
          ReconcileStage.synthesizer(synthesizer.stageName()),
          () -> synthesizer.synthesize(context));
    }
    for (int i = synthesizers.size() - 1; i >= 0; i--) {
      synthesizers.get(i).postSynthesize(context);
    }
  }

  private DeployContext context(Stack stack, ResolvedTokens tokens) {
    return new DeployContext(
        stack,
        deps.clusterName(),
        deps.vpcId(),
        deps.externalManagedTags(),
        tokens,
        nonConverging.session(stack.id()));
  }

  private static boolean references(Stack stack, String pointer) {
    return StackJson.compact(stack).contains("\"" + pointer + "\"");
  }
}
