package io.lbc.rig;

import io.lbc.ControllerRuntime;
import io.lbc.config.ControllerConfig;
import io.lbc.config.ControllerFlags;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The whole controller ({@link ControllerRuntime}) running inside the test JVM against the rig:
 * flags parsed as the jar parses them, AWS pointed at moto, leader election, metrics and probes
 * off, and by default only the test's namespace watched (namespaces of earlier tests never finish
 * terminating, and their objects must not leak into this test's AWS call counts).
 *
 * <pre>{@code
 * try (var controller = InProcessController.start(rig, aws, vpcId, namespace.name())) {
 *   ...
 *   assertThat(controller.awsCalls("RegisterTargets")).isEqualTo(1);
 * }
 * }</pre>
 */
public final class InProcessController implements AutoCloseable {
  public static final String CLUSTER_NAME = "rig";

  /** Whether an AWS operation changes something: everything but Describe*, List* and Get*. */
  public static boolean isWrite(String operation) {
    return !(operation.startsWith("Describe")
        || operation.startsWith("List")
        || operation.startsWith("Get"));
  }

  @Command
  static final class Flags {
    @Mixin ControllerFlags flags;
  }

  private final ControllerRuntime runtime;

  private final java.util.concurrent.atomic.AtomicBoolean leadershipLost;

  private InProcessController(
      ControllerRuntime runtime, java.util.concurrent.atomic.AtomicBoolean leadershipLost) {
    this.runtime = runtime;
    this.leadershipLost = leadershipLost;
  }

  /** Whether the lease was lost while running (the jar would have exited). */
  public boolean leadershipLost() {
    return leadershipLost.get();
  }

  /** Watches only {@code namespace}; {@code extraFlags} are added last and may override. */
  public static InProcessController start(
      Rig rig, AwsTestClients aws, String vpcId, String namespace, String... extraFlags) {
    var args = new ArrayList<String>();
    args.add("--cluster-name=" + CLUSTER_NAME);
    args.add("--aws-region=" + Rig.REGION);
    args.add("--aws-api-endpoints=" + aws.endpointsFlag());
    args.add("--aws-max-retries=1");
    args.add("--aws-vpc-id=" + vpcId);
    args.add("--kubeconfig=" + rig.kubeconfig());
    args.add("--enable-leader-election=false");
    args.add("--metrics-bind-addr=0");
    args.add("--health-probe-bind-addr=0");
    // A free port rather than 9443: parallel test JVMs must not collide on the webhook port.
    args.add("--webhook-bind-port=" + ControllerProcess.freePort());
    if (namespace != null) {
      args.add("--watch-namespace=" + namespace);
    }
    args.addAll(List.of(extraFlags));
    return start(args);
  }

  public static InProcessController start(List<String> args) {
    return start(args, Map.of());
  }

  /** With the process environment the controller reads ({@code NODENAME}, {@code AWS_*}). */
  public static InProcessController start(List<String> args, Map<String, String> environment) {
    var holder = new Flags();
    new CommandLine(holder)
        .setOverwrittenOptionsAllowed(true)
        .parseArgs(args.toArray(String[]::new));
    ControllerConfig config = holder.flags.toConfig(environment);
    var lost = new java.util.concurrent.atomic.AtomicBoolean();
    var controller =
        new InProcessController(
            ControllerRuntime.start(config, AwsTestClients.CREDENTIALS, () -> lost.set(true)),
            lost);
    return controller;
  }

  public ControllerRuntime runtime() {
    return runtime;
  }

  public MeterRegistry registry() {
    return runtime.metrics().registry();
  }

  /** AWS calls of one operation so far (every outcome), from {@code aws_api_calls_total}. */
  public long awsCalls(String operation) {
    return Math.round(
        registry().find("aws.api.calls").tag("operation", operation).counters().stream()
            .mapToDouble(Counter::count)
            .sum());
  }

  /** AWS calls so far that change something. */
  public long awsWrites() {
    return Math.round(
        registry().find("aws.api.calls").counters().stream()
            .filter(c -> isWrite(c.getId().getTag("operation")))
            .mapToDouble(Counter::count)
            .sum());
  }

  /** AWS calls so far by operation, for logging what reconciles did. */
  public SortedMap<String, Long> awsCallsByOperation() {
    var calls = new TreeMap<String, Long>();
    registry()
        .find("aws.api.calls")
        .counters()
        .forEach(c -> calls.merge(c.getId().getTag("operation"), Math.round(c.count()), Long::sum));
    return calls;
  }

  /** Every AWS call so far. */
  public long awsCallsTotal() {
    return Math.round(
        registry().find("aws.api.calls").counters().stream().mapToDouble(Counter::count).sum());
  }

  @Override
  public void close() {
    runtime.close();
  }
}
