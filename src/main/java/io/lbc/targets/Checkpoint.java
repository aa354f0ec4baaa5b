package io.lbc.targets;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.lbc.k8s.TargetGroupBindingSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A digest of everything a binding's reconcile decides from: the targets the cluster offers (with
 * their readiness, which the fail-safe reads) and the spec. Equal checkpoints mean an equal
 * outcome, so the AWS calls can be skipped. The format is the reference controller's, {@code
 * sha256(sorted endpoint ids)/sha256(spec JSON)}.
 */
final class Checkpoint {
  static final String ANNOTATION = "elbv2.k8s.aws/checkpoint";
  static final String TIMESTAMP_ANNOTATION = "elbv2.k8s.aws/checkpoint-timestamp";

  private Checkpoint() {}

  static String of(ResolvedTargets resolved, TargetGroupBindingSpec spec) {
    List<String> ids =
        Stream.concat(
                resolved.ready().stream().map(t -> "ready:" + t.key()),
                resolved.notReady().stream().map(t -> "notReady:" + t.key()))
            .sorted()
            .toList();
    return sha256(String.join(",", ids)) + "/" + sha256(Serialization.asJson(spec));
  }

  private static String sha256(String text) {
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
