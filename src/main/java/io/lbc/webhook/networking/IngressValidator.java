package io.lbc.webhook.networking;

import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.lbc.annotations.KeyChecks;
import io.lbc.annotations.Surface;
import io.lbc.config.FeatureGate;
import io.lbc.ingress.ConditionAnnotations;
import io.lbc.model.UserInputException;
import io.lbc.webhook.AdmissionObjects;
import io.lbc.webhook.Denial;
import io.lbc.webhook.IngressClassLookups;
import io.lbc.webhook.ValidatingWebhook;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code vingress.elbv2.k8s.aws}: for this controller's Ingresses only, a new or changed class must
 * resolve to an IngressClass and IngressClassParams whose namespaceSelector admits the Ingress's
 * namespace, every {@code alb.ingress.kubernetes.io/conditions.*} annotation must be valid, the
 * legacy annotations the flags disable may not be newly used, and no key the model builder refuses
 * may be newly set (the same checks and messages as the builder's).
 */
public final class IngressValidator extends ValidatingWebhook<Ingress> {
  public static final String PATH = "/validate-networking-v1-ingress";

  private final IngressClassLookups lookups;
  private final String ingressClass;
  private final LegacyAnnotationBans bans;
  private final Predicate<FeatureGate> gates;

  /**
   * @param ingressClass {@code --ingress-class}
   */
  public IngressValidator(
      IngressClassLookups lookups,
      String ingressClass,
      LegacyAnnotationBans bans,
      Predicate<FeatureGate> gates) {
    super(PATH, Ingress.class);
    this.lookups = lookups;
    this.ingressClass = ingressClass;
    this.bans = bans;
    this.gates = gates;
  }

  public IngressValidator(
      IngressClassLookups lookups, String ingressClass, LegacyAnnotationBans bans) {
    this(lookups, ingressClass, bans, FeatureGate::enabledByDefault);
  }

  public IngressValidator(IngressClassLookups lookups, String ingressClass) {
    this(lookups, ingressClass, LegacyAnnotationBans.NONE);
  }

  @Override
  protected void validate(AdmissionRequest request, Ingress ingress) {
    var classes = new IngressClasses(lookups, ingressClass);
    if (!classes.isOurs(ingress)) {
      return;
    }
    Optional<Ingress> old = oldObject(request);
    bans.check(ingress, old, classes);
    if (old.isEmpty()
        || !IngressClasses.classNameField(ingress)
            .equals(IngressClasses.classNameField(old.get()))) {
      classes
          .classInUse(ingress)
          .ifPresent(
              name -> classes.checkClassUsage(name, AdmissionObjects.namespace(request, ingress)));
    }
    try {
      ConditionAnnotations.checkAll(ingress.getMetadata().getAnnotations());
    } catch (UserInputException e) {
      throw Denial.invalid("checkIngressAnnotationConditions", e.getMessage());
    }
    refuseNewlySetKeys(ingress, old);
  }

  /**
   * A key the model builder refuses may not be newly set or changed, with the builder's message; an
   * Ingress that already carries it may still be updated (e.g. its finalizers).
   */
  private void refuseNewlySetKeys(Ingress ingress, Optional<Ingress> old) {
    Map<String, String> before = old.map(IngressValidator::annotations).orElse(Map.of());
    var changed = new HashMap<String, String>();
    annotations(ingress)
        .forEach(
            (key, value) -> {
              if (!value.equals(before.get(key))) {
                changed.put(key, value);
              }
            });
    try {
      KeyChecks.refuseAnnotations(Surface.INGRESS_ANNOTATION, changed, gates);
    } catch (UserInputException e) {
      throw Denial.invalid("checkIngressAnnotations", e.getMessage());
    }
  }

  private static Map<String, String> annotations(Ingress ingress) {
    return ingress.getMetadata() == null || ingress.getMetadata().getAnnotations() == null
        ? Map.of()
        : ingress.getMetadata().getAnnotations();
  }
}
