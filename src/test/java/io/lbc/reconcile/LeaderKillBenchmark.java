package io.lbc.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.lbc.rig.AwsFixtures;
import io.lbc.rig.AwsTestClients;
import io.lbc.rig.ControllerProcess;
import io.lbc.rig.Crds;
import io.lbc.rig.Population;
import io.lbc.rig.ReplicaPair;
import io.lbc.rig.Rig;
import io.lbc.rig.RigTest;
import io.lbc.rig.ServiceAccounts;
import io.lbc.rig.TestNamespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;

/**
 * The leader SIGKILLed under load (issue 11): two controller processes with leader election over
 * Ingresses in groups of ten and NLB Services ({@code -Dlbc.bench.scale}, 1 = 1,000 Ingresses / 200
 * Services), all converged; a stream of changes (each sets one object's health-check interval, two
 * a second) runs from before the kill until well after the takeover. Measures the time from the
 * kill until the standby holds the lease, until its first AWS write, and until every change made
 * meanwhile is in AWS (the stale window), each change's latency, and the AWS calls the new leader
 * makes on takeover. Prints the figures; run by {@code make bench}.
 */
@RigTest
class LeaderKillBenchmark {
  private static final Logger log = LoggerFactory.getLogger(LeaderKillBenchmark.class);
  private static final String CLUSTER = "failover-bench";
  private static final Duration CHANGE_EVERY = Duration.ofMillis(500);

  private final double scale = Double.parseDouble(System.getProperty("lbc.bench.scale", "1"));

  /** One change: the object, the interval it asks for, when it was made and when AWS had it. */
  private static final class Change {
    final String name;
    final int seconds;
    final long made;
    volatile long landed;

    Change(String name, int seconds, long made) {
      this.name = name;
      this.seconds = seconds;
      this.made = made;
    }
  }

  @Test
  void theStandbyTakesOverUnderAStreamOfChanges(
      Rig rig, KubernetesClient kube, AwsTestClients aws, TestNamespace namespace)
      throws Exception {
    String ns = namespace.name();
    Crds.apply(kube);
    var vpc = AwsFixtures.clusterVpc(aws.ec2(), CLUSTER);
    var kubeconfig = ServiceAccounts.withManifestRoles(rig, kube, ns);
    int ingresses = Math.max(10, (int) Math.round(1000 * scale) / 10 * 10);
    int services = Math.max(1, (int) Math.round(200 * scale));
    var population = new Population(kube, ns, ingresses, services);
    var pool = Executors.newFixedThreadPool(8);
    var ticker = Executors.newScheduledThreadPool(3);
    var figures = new LinkedHashMap<String, Object>();
    try (var pair =
        ReplicaPair.start(rig, aws, "failover-bench", CLUSTER, vpc.vpcId(), ns, kubeconfig)) {
      long started = System.nanoTime();
      population.create(pool);
      await()
          .atMost(Duration.ofMinutes(60))
          .pollInterval(Duration.ofSeconds(2))
          .until(population::converged);
      figures.put("converged by the first leader (ms)", millisSince(started));
      ReplicaPair.awaitQuiet(pair.leader(), Duration.ofSeconds(5), Duration.ofMinutes(30));
      pair.awaitStandbyReady();
      ControllerProcess standby = pair.standby();
      Map<String, String> groupOf = targetGroups(aws, population);
      var before = standby.awsCallsByOperation();

      // the change stream: one object after another, Ingresses and Services interleaved
      List<String> order = interleaved(population);
      var changes = new CopyOnWriteArrayList<Change>();
      var next = new AtomicLong();
      var stream =
          ticker.scheduleAtFixedRate(
              () -> {
                int k = (int) next.getAndIncrement();
                if (k < order.size()) {
                  String name = order.get(k);
                  int seconds = 20 + k % 30;
                  int index =
                      name.startsWith("m-")
                          ? Integer.parseInt(name.substring(2))
                          : ingresses + Integer.parseInt(name.substring(3));
                  long made = System.nanoTime();
                  population.changeInterval(index, seconds);
                  changes.add(new Change(name, seconds, made));
                }
              },
              0,
              CHANGE_EVERY.toMillis(),
              TimeUnit.MILLISECONDS);
      var poller =
          ticker.scheduleWithFixedDelay(
              () -> markLanded(aws, groupOf, changes), 0, 300, TimeUnit.MILLISECONDS);
      var firstWrite = new AtomicLong();
      long writesBefore = standby.awsWrites();
      var writeWatch =
          ticker.scheduleWithFixedDelay(
              () -> {
                if (firstWrite.get() == 0 && standby.awsWrites() > writesBefore) {
                  firstWrite.compareAndSet(0, System.nanoTime());
                }
              },
              0,
              200,
              TimeUnit.MILLISECONDS);

      Thread.sleep(5_000); // changes the healthy leader serves: the latency without a failover
      long killed = System.nanoTime();
      pair.leader().kill();
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofMillis(200))
          .until(standby::isLeading);
      long leading = System.nanoTime();
      Thread.sleep(10_000); // changes the new leader serves
      stream.cancel(false);
      await()
          .atMost(Duration.ofMinutes(30))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> changes.stream().allMatch(c -> c.landed != 0));
      poller.cancel(false);
      ReplicaPair.awaitQuiet(standby, Duration.ofSeconds(5), Duration.ofMinutes(30));
      writeWatch.cancel(false);

      var calls = ReplicaPair.difference(standby.awsCallsByOperation(), before);
      long writes = standby.awsWrites() - writesBefore;
      // served by the old leader; made before the kill but served by the new one
      List<Change> beforeKill =
          changes.stream().filter(c -> c.made < killed && c.landed < killed).toList();
      List<Change> caught =
          changes.stream().filter(c -> c.made < killed && c.landed >= killed).toList();
      List<Change> pending =
          changes.stream().filter(c -> c.made >= killed && c.made < leading).toList();
      List<Change> afterTakeover = changes.stream().filter(c -> c.made >= leading).toList();
      figures.put(
          "load",
          ingresses
              + " Ingresses in "
              + ingresses / 10
              + " groups, "
              + services
              + " NLB Services, a change every "
              + CHANGE_EVERY.toMillis()
              + " ms; machine load "
              + loadAverage());
      figures.put("kill → standby holds the lease (ms)", millis(leading - killed));
      figures.put(
          "kill → new leader's first AWS write (ms)",
          firstWrite.get() == 0 ? "none" : millis(firstWrite.get() - killed));
      figures.put(
          "kill → every change made before the takeover in AWS, stale window (ms)",
          java.util.stream.Stream.concat(caught.stream(), pending.stream())
              .mapToLong(c -> millis(c.landed - killed))
              .max()
              .orElse(-1));
      figures.put("change latency, healthy leader (ms, max)", maxLatency(beforeKill));
      figures.put(
          "made before the kill, in AWS after it: kill → in AWS (ms, max)",
          caught.stream().mapToLong(c -> millis(c.landed - killed)).max().orElse(-1));
      figures.put("change latency, made during the handover (ms, max)", maxLatency(pending));
      figures.put("change latency, after the takeover (ms, max)", maxLatency(afterTakeover));
      figures.put(
          "changes (served before the kill / made before it, served after / during handover /"
              + " after takeover)",
          beforeKill.size()
              + " / "
              + caught.size()
              + " / "
              + pending.size()
              + " / "
              + afterTakeover.size());
      figures.put("new leader: AWS calls from the kill to quiet", calls);
      long served = caught.size() + pending.size() + afterTakeover.size();
      figures.put(
          "new leader: AWS writes (changes it served)", writes + " (" + served + " changes)");
      figures.forEach((k, v) -> log.info("measured {}: {}", k, v));
      writeFigures(figures);
      assertThat(changes).as("changes made").isNotEmpty();
      assertThat(calls.keySet()).as("the new leader made AWS calls").isNotEmpty();
    } finally {
      ticker.shutdownNow();
      pool.shutdownNow();
    }
  }

  private static List<String> interleaved(Population population) {
    var order = new ArrayList<String>();
    for (int i = 0; i < Math.max(population.ingresses(), population.services()); i++) {
      if (i < population.ingresses()) {
        order.add("m-" + i);
      }
      if (i < population.services()) {
        order.add("lb-" + i);
      }
    }
    return order;
  }

  /** Each object's target group ARN, from the stack tags the controller wrote. */
  private static Map<String, String> targetGroups(AwsTestClients aws, Population population) {
    var arns = new ArrayList<String>();
    aws.elbv2()
        .describeTargetGroupsPaginator(r -> {})
        .targetGroups()
        .forEach(tg -> arns.add(tg.targetGroupArn()));
    var byName = new HashMap<String, String>();
    for (int from = 0; from < arns.size(); from += 20) {
      var batch = arns.subList(from, Math.min(arns.size(), from + 20));
      for (var description :
          aws.elbv2().describeTags(r -> r.resourceArns(batch)).tagDescriptions()) {
        var tags = new HashMap<String, String>();
        description.tags().forEach(t -> tags.put(t.key(), t.value()));
        String stack = tags.getOrDefault("service.k8s.aws/stack", "");
        String resource = tags.getOrDefault("ingress.k8s.aws/resource", "");
        if (!stack.isEmpty()) {
          byName.put(stack.substring(stack.indexOf('/') + 1), description.resourceArn());
        } else if (resource.contains("/m-")) {
          String name = resource.substring(resource.indexOf('/') + 1);
          byName.put(name.substring(0, name.indexOf("-m-")), description.resourceArn());
        }
      }
    }
    assertThat(byName).hasSize(population.ingresses() + population.services());
    return byName;
  }

  private static void markLanded(
      AwsTestClients aws, Map<String, String> groupOf, List<Change> changes) {
    if (changes.stream().allMatch(c -> c.landed != 0)) {
      return;
    }
    long now = System.nanoTime();
    var interval = new HashMap<String, Integer>();
    try {
      for (TargetGroup tg : aws.elbv2().describeTargetGroupsPaginator(r -> {}).targetGroups()) {
        interval.put(tg.targetGroupArn(), tg.healthCheckIntervalSeconds());
      }
    } catch (RuntimeException e) {
      log.warn("reading target groups: {}", e.toString());
      return;
    }
    for (Change change : changes) {
      Integer seconds = interval.get(groupOf.get(change.name));
      if (change.landed == 0 && seconds != null && seconds == change.seconds) {
        change.landed = now;
      }
    }
  }

  private static String maxLatency(List<Change> changes) {
    if (changes.isEmpty()) {
      return "none";
    }
    long[] sorted = changes.stream().mapToLong(c -> millis(c.landed - c.made)).sorted().toArray();
    return sorted[sorted.length - 1] + " (median " + sorted[sorted.length / 2] + ")";
  }

  private static long millis(long nanos) {
    return Duration.ofNanos(nanos).toMillis();
  }

  private static long millisSince(long started) {
    return millis(System.nanoTime() - started);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void writeFigures(Map<String, Object> figures) throws IOException {
    var text = new StringBuilder();
    figures.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
    Path out = Path.of("target", "bench", "leader-kill.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, text);
    log.info("measured figures written to {}", out.toAbsolutePath());
  }
}
