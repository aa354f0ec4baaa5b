package io.lbc.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.gc.GcCommand;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.ControllerProcess;
import io.lbc.rig.Edits;
import io.lbc.rig.InProcessController;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.TestNamespace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Orphans planted by deleting owners while the controller was stopped: {@code gc} lists exactly
 * them, {@code gc --dry-run=false} deletes exactly them, and what still has an owner is untouched.
 */
@RigTest
class OrphanGcIT {
  private static final Logger log = LoggerFactory.getLogger(OrphanGcIT.class);

  private IngressRig it;
  private Rig rig;
  private AwsTestClients aws;

  @BeforeEach
  void start(Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace) {
    this.rig = rig;
    this.aws = aws;
    it = IngressRig.start(rig, kube, aws, namespace);
  }

  @AfterEach
  void stop() {
    it.close();
  }

  @Test
  void gcListsExactlyTheOrphansThenDeletesExactlyThem() {
    it.nodePortService("web", Map.of());
    it.simpleIngress("keep", "web", Map.of());
    it.simpleIngress("orphan", "web", Map.of());
    it.simpleIngress("member", "web", Map.of("alb.ingress.kubernetes.io/group.name", "oldgroup"));
    it.awaitHostnames("keep", "orphan", "member");
    it.awaitSettled();
    Set<String> keep = resourcesOfStack(it.ns + "/keep");
    Set<String> orphans = new HashSet<>(resourcesOfStack(it.ns + "/orphan"));
    orphans.addAll(resourcesOfStack("oldgroup"));
    assertThat(keep).hasSizeGreaterThanOrEqualTo(4);
    assertThat(orphans).hasSizeGreaterThanOrEqualTo(8);

    it.controller().close();
    for (String name : List.of("orphan", "member")) {
      Edits.edit(
          it.kube.network().v1().ingresses().inNamespace(it.ns).withName(name),
          i -> {
            i.getMetadata().setFinalizers(new ArrayList<>());
            return i;
          });
      it.delete(name);
      it.awaitGone(name);
    }

    String dryRun = gc();
    log.info("measured gc dry run:\n{}", dryRun);
    assertThat(listedIds(dryRun)).containsExactlyInAnyOrderElementsOf(orphans);
    assertThat(dryRun).contains("found " + orphans.size() + " orphaned resources of 2 stacks");
    assertThat(resourcesOfStack(it.ns + "/orphan")).as("dry run deletes nothing").isNotEmpty();

    // deleting a stack deletes its TargetGroupBindings, whose finalizers the running controller
    // releases: gc is run with the controller up
    it.restartController();
    String real = gc("--dry-run=false");
    log.info("measured gc: {}", real);
    assertThat(listedIds(real)).containsExactlyInAnyOrderElementsOf(orphans);
    assertThat(resourcesOfStack(it.ns + "/orphan")).isEmpty();
    assertThat(resourcesOfStack("oldgroup")).isEmpty();
    assertThat(resourcesOfStack(it.ns + "/keep")).isEqualTo(keep);
    assertThat(listedIds(gc())).as("nothing left to collect").isEmpty();
  }

  /** Runs {@code gc} in-process with the controller's flags; its standard output. */
  private String gc(String... extra) {
    var args = new ArrayList<String>();
    args.add("--cluster-name=" + InProcessController.CLUSTER_NAME);
    args.add("--aws-region=" + Rig.REGION);
    args.add("--aws-api-endpoints=" + aws.endpointsFlag());
    args.add("--aws-vpc-id=" + it.vpc.vpcId());
    args.add("--kubeconfig=" + rig.kubeconfig());
    args.add("--webhook-bind-port=" + ControllerProcess.freePort());
    args.addAll(Arrays.asList(extra));
    var out = new StringWriter();
    var command = new CommandLine(new GcCommand(AwsTestClients.CREDENTIALS));
    command.setOut(new PrintWriter(out));
    int exit = command.execute(args.toArray(String[]::new));
    assertThat(exit).as("gc exit code; output: %s", out).isZero();
    return out.toString();
  }

  private static Set<String> listedIds(String output) {
    return output
        .lines()
        .map(l -> l.split(" "))
        .filter(parts -> parts.length == 4)
        .map(parts -> parts[3])
        .collect(Collectors.toSet());
  }

  /** Everything in AWS tagged with the cluster and this Ingress stack. */
  private Set<String> resourcesOfStack(String stack) {
    var ids = new HashSet<String>();
    String key = "ingress.k8s.aws/stack";
    for (var lb : it.alb.loadBalancers()) {
      if (stack.equals(it.alb.tags(lb.loadBalancerArn()).get(key))) {
        ids.add(lb.loadBalancerArn());
        for (var listener : it.alb.listeners(lb.loadBalancerArn())) {
          ids.add(listener.listenerArn());
          it.alb.rules(listener.listenerArn()).forEach(r -> ids.add(r.ruleArn()));
        }
      }
    }
    it.alb.targetGroups().stream()
        .filter(tg -> stack.equals(it.alb.tags(tg.targetGroupArn()).get(key)))
        .forEach(tg -> ids.add(tg.targetGroupArn()));
    it.alb.securityGroups().stream()
        .filter(g -> stack.equals(AlbReadback.tagsOf(g).get(key)))
        .forEach(g -> ids.add(g.groupId()));
    return ids;
  }
}
