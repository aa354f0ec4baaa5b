package io.lbc.gateway;

import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrantFrom;
import io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrantTo;
import java.util.List;
import java.util.Objects;

/**
 * Whether a ReferenceGrant in the target namespace lets a route refer to an object there
 * (gateway-spec §4.5). No grant, or no ReferenceGrant CRD, means no.
 */
public final class ReferenceGrants {
  private final List<ReferenceGrant> grants;

  public ReferenceGrants(List<ReferenceGrant> grants) {
    this.grants = List.copyOf(grants);
  }

  public boolean allows(
      String fromKind,
      String fromNamespace,
      String toGroup,
      String toKind,
      String toNamespace,
      String toName) {
    for (ReferenceGrant grant : grants) {
      if (!toNamespace.equals(grant.getMetadata().getNamespace()) || grant.getSpec() == null) {
        continue;
      }
      boolean from = false;
      for (ReferenceGrantFrom f : grant.getSpec().getFrom()) {
        from |=
            "gateway.networking.k8s.io".equals(f.getGroup())
                && fromKind.equals(f.getKind())
                && fromNamespace.equals(f.getNamespace());
      }
      if (!from) {
        continue;
      }
      for (ReferenceGrantTo t : grant.getSpec().getTo()) {
        if (Objects.equals(nullToEmpty(t.getGroup()), toGroup)
            && toKind.equals(t.getKind())
            && (t.getName() == null || t.getName().isEmpty() || t.getName().equals(toName))) {
          return true;
        }
      }
    }
    return false;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
