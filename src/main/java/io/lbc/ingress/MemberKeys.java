package io.lbc.ingress;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lbc.annotations.KeyChecks;
import io.lbc.annotations.Surface;
import io.lbc.config.ClusterContext;

/**
 * The key inventory applied to one member: an annotation of the Ingress or a field of its
 * IngressClassParams that this controller refuses leaves the member out (fail closed).
 */
final class MemberKeys {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MemberKeys() {}

  /**
   * @throws io.lbc.annotations.RefusedKeyException naming the refused key
   */
  static void refuseUnsupported(MemberSource source, ClusterContext cluster) {
    var ingress = source.member().ingress();
    KeyChecks.refuseAnnotations(
        Surface.INGRESS_ANNOTATION, ingress.getMetadata().getAnnotations(), cluster::enabled);
    source
        .member()
        .classParams()
        .ifPresent(
            params ->
                KeyChecks.refuseParams(
                    params.getMetadata().getName(),
                    JSON.valueToTree(params.getSpec()),
                    cluster::enabled));
  }
}
