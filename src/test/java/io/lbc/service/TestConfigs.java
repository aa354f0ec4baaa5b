package io.lbc.service;

import io.lbc.config.ControllerConfig;
import io.lbc.config.ControllerFlags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** Controller configurations parsed from flags, as the controller would parse them. */
public final class TestConfigs {
  public static final String CLUSTER = "my-cluster";

  private TestConfigs() {}

  /** The flags plus the required ones (cluster {@value #CLUSTER} unless the flags name one). */
  public static ControllerConfig fromFlags(List<String> flags) {
    var args = new ArrayList<String>();
    if (flags.stream().noneMatch(f -> f.startsWith("--cluster-name"))) {
      args.add("--cluster-name=" + CLUSTER);
    }
    args.add("--aws-region=us-west-2");
    args.addAll(flags);
    var holder = new Holder();
    new CommandLine(holder).parseArgs(args.toArray(String[]::new));
    return holder.flags.toConfig(Map.of());
  }

  public static ControllerConfig fromFlags(String... flags) {
    return fromFlags(List.of(flags));
  }

  @CommandLine.Command
  static class Holder {
    @CommandLine.Mixin ControllerFlags flags;
  }
}
