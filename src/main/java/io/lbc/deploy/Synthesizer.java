package io.lbc.deploy;

/**
 * Makes one resource type of a stack real: {@link #synthesize} creates what is missing, modifies
 * what drifted and replaces what cannot be modified; {@link #postSynthesize} runs after every
 * synthesizer, in reverse order, and deletes what is no longer wanted once nothing references it.
 */
public interface Synthesizer {
  void synthesize(DeployContext context);

  /**
   * Its name in the stage and error metrics: the reference's synthesizer as Go prints its type,
   * e.g. {@code *elbv2.targetGroupSynthesizer}.
   */
  String stageName();

  default void postSynthesize(DeployContext context) {}
}
