package io.lbc.ingress;

import io.lbc.annotations.Annotations;
import io.lbc.k8s.IngressClassParamsSpec;
import java.util.Optional;

/**
 * Where one member's settings come from: its annotations and the IngressClassParams of its class,
 * whose fields override the annotations (compat-spec §1.4).
 */
record MemberSource(
    GroupMember member, Annotations annotations, Optional<IngressClassParamsSpec> params) {

  static MemberSource of(GroupMember member) {
    return new MemberSource(
        member,
        Annotations.ingress(member.ingress().getMetadata().getAnnotations()),
        member.classParams().map(p -> p.getSpec()));
  }

  /**
   * The name of an IngressClassParams field in errors, e.g. {@code IngressClassParams p
   * spec.scheme}.
   */
  String paramsField(String path) {
    String name = member.classParams().map(p -> p.getMetadata().getName()).orElse("?");
    return "IngressClassParams " + name + " spec." + path;
  }

  <T> Setting<T> fromAnnotation(String suffix, T value) {
    return new Setting<>(value, annotations.key(suffix));
  }

  <T> Setting<T> fromParams(String path, T value) {
    return new Setting<>(value, paramsField(path));
  }
}
