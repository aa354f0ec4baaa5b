package io.lbc.service;

import static io.lbc.service.ServiceAnnotationKeys.ACTIONS;

import io.lbc.model.Token;
import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.Action.ForwardConfig;
import io.lbc.model.elbv2.Action.TargetGroupStickinessConfig;
import io.lbc.model.elbv2.Action.TargetGroupTuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The default action of one NLB listener: a forward to the Service's own target group, or, when
 * {@code service.beta.kubernetes.io/actions.<PROTOCOL>-<port>} is set (the listener's protocol
 * after the TLS/QUIC upgrade), a weighted forward to that target group ({@code baseServiceWeight})
 * and the target groups the annotation lists, by ARN or by another Service of the namespace and its
 * port ({@link BackendTargetGroups}). As in the reference, the annotation's JSON is {@code
 * {"type":"forward","forwardConfig":{"baseServiceWeight":…,"targetGroups":[…],
 * "targetGroupStickinessConfig":{"enabled":…}}}}.
 */
final class ListenerActions {
  static final int MAX_WEIGHT = 999;

  private final BuildContext context;
  private final BackendTargetGroups backends;

  ListenerActions(BuildContext context, BackendTargetGroups backends) {
    this.context = context;
    this.backends = backends;
  }

  /** The annotation's JSON; fields the reference does not know are ignored, as there. */
  record Config(String type, Forward forwardConfig) {}

  record Forward(
      Integer baseServiceWeight, List<Tuple> targetGroups, Stickiness targetGroupStickinessConfig) {
    List<Tuple> tuples() {
      return targetGroups == null ? List.of() : targetGroups;
    }
  }

  /**
   * One more target group: by ARN, or by a Service of the same namespace and its port (name or
   * number).
   */
  record Tuple(
      String targetGroupARN,
      String serviceName,
      Object servicePort,
      Boolean decrypt,
      Integer weight) {}

  record Stickiness(Boolean enabled) {}

  /** The annotation's suffix for a listener, e.g. {@code actions.TCP-80}. */
  static String suffix(ListenerPort listener) {
    return ACTIONS + listener.protocol() + "-" + listener.port();
  }

  Action defaultAction(ListenerPort listener, Token ownTargetGroup) {
    String suffix = suffix(listener);
    Optional<Config> config = context.annotations().json(suffix, Config.class);
    if (config.isEmpty()) {
      return Action.forward(ownTargetGroup);
    }
    Forward forward = validated(suffix, config.get());
    var tuples = new ArrayList<TargetGroupTuple>();
    tuples.add(new TargetGroupTuple(ownTargetGroup, forward.baseServiceWeight()));
    for (Tuple tuple : forward.tuples()) {
      tuples.add(new TargetGroupTuple(targetGroup(suffix, listener, tuple), tuple.weight()));
    }
    Stickiness stickiness = forward.targetGroupStickinessConfig();
    return Action.forward(
        new ForwardConfig(
            List.copyOf(tuples),
            stickiness == null
                ? null
                : new TargetGroupStickinessConfig(stickiness.enabled(), null)));
  }

  private Token targetGroup(String suffix, ListenerPort listener, Tuple tuple) {
    if (tuple.targetGroupARN() != null) {
      return Token.of(tuple.targetGroupARN());
    }
    // a TLS listener's backends get TLS target groups unless they ask for decrypted traffic
    boolean decrypt = "TLS".equals(listener.protocol()) && Boolean.TRUE.equals(tuple.decrypt());
    return backends.add(
        suffix,
        tuple.serviceName(),
        tuple.servicePort(),
        listener,
        decrypt ? "TCP" : listener.protocol());
  }

  /** The reference's checks, in its order; each error names the annotation. */
  private Forward validated(String suffix, Config config) {
    var annotations = context.annotations();
    if (!"forward".equals(config.type())) {
      throw annotations.invalid(
          suffix,
          "unknown action type: "
              + (config.type() == null ? "" : config.type())
              + " (use forward)");
    }
    Forward forward = config.forwardConfig();
    if (forward == null) {
      throw annotations.invalid(suffix, "a forward action needs forwardConfig");
    }
    checkWeight(suffix, "baseServiceWeight", forward.baseServiceWeight());
    for (Tuple tuple : forward.tuples()) {
      if ((tuple.targetGroupARN() != null) == (tuple.serviceName() != null)) {
        throw annotations.invalid(
            suffix,
            "invalid TargetGroupTuple: precisely one of targetGroupARN and serviceName can be"
                + " specified");
      }
      if (tuple.serviceName() != null && tuple.servicePort() == null) {
        throw annotations.invalid(suffix, "invalid TargetGroupTuple: missing servicePort");
      }
      checkWeight(suffix, "target group weight", tuple.weight());
    }
    if (forward.tuples().size() > 1
        && forward.tuples().stream().anyMatch(tuple -> tuple.weight() == null)) {
      throw annotations.invalid(
          suffix, "weight must be set when routing to multiple target groups");
    }
    return forward;
  }

  private void checkWeight(String suffix, String what, Integer weight) {
    if (weight != null && (weight < 0 || weight > MAX_WEIGHT)) {
      throw context
          .annotations()
          .invalid(suffix, what + " must be between 0 and " + MAX_WEIGHT + ", not " + weight);
    }
  }
}
