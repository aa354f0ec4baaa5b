package io.lbc.webhook.networking;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.lbc.annotations.KeyInventory;
import io.lbc.annotations.Surface;
import io.lbc.webhook.Denial;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code --disable-ingress-class-annotation} and {@code
 * --disable-ingress-group-name-annotation} forbid: a new use of the legacy class annotation naming
 * our class, and a new or changed {@code group.name}. Ingresses that already use them may keep
 * them, so a platform team can turn the flags on in a running cluster and steer new Ingresses to
 * IngressClass and IngressClassParams.
 *
 * @param classAnnotation refuse new uses of {@code kubernetes.io/ingress.class}
 * @param groupName refuse new or changed {@code alb.ingress.kubernetes.io/group.name}
 */
public record LegacyAnnotationBans(boolean classAnnotation, boolean groupName) {
  public static final LegacyAnnotationBans NONE = new LegacyAnnotationBans(false, false);

  static final String GROUP_NAME =
      Surface.INGRESS_ANNOTATION.prefix()
          + KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "group.name");

  void check(Ingress ingress, Optional<Ingress> old, IngressClasses classes) {
    if (classAnnotation
        && usesOurClassAnnotation(ingress, classes)
        && !old.map(o -> usesOurClassAnnotation(o, classes)).orElse(false)) {
      throw Denial.invalid(
          "checkIngressClassAnnotationUsage",
          IngressClasses.CLASS_ANNOTATION
              + ": new usage of the annotation is forbidden by --disable-ingress-class-annotation;"
              + " set spec.ingressClassName instead");
    }
    if (!groupName) {
      return;
    }
    String newGroup = annotations(ingress).get(GROUP_NAME);
    if (newGroup == null) {
      return;
    }
    Optional<String> oldGroup = old.map(o -> annotations(o).get(GROUP_NAME));
    if (oldGroup.isEmpty()) {
      throw groupNameDenial("new usage of the annotation is forbidden");
    }
    if (!Objects.equals(oldGroup.get(), newGroup)) {
      throw groupNameDenial("a new value of the annotation is forbidden");
    }
  }

  private static boolean usesOurClassAnnotation(Ingress ingress, IngressClasses classes) {
    String value = annotations(ingress).get(IngressClasses.CLASS_ANNOTATION);
    return value != null && classes.annotationMatches(value);
  }

  private static Denial groupNameDenial(String what) {
    return Denial.invalid(
        "checkGroupNameAnnotationUsage",
        GROUP_NAME
            + ": "
            + what
            + " by --disable-ingress-group-name-annotation; set spec.group.name of the"
            + " IngressClassParams instead");
  }

  private static Map<String, String> annotations(Ingress ingress) {
    return ingress.getMetadata() == null || ingress.getMetadata().getAnnotations() == null
        ? Map.of()
        : ingress.getMetadata().getAnnotations();
  }
}
