package io.lbc.webhook.networking;

import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.lbc.model.UserInputException;
import io.lbc.webhook.AdmissionObjects;
import io.lbc.webhook.Denial;
import io.lbc.webhook.IngressClassLookups;
import io.lbc.webhook.ValidatingWebhook;
import java.util.Optional;

/**
 * {@code vingress.elbv2.k8s.aws}: for this controller's Ingresses only, a new or changed class must
 * resolve to an IngressClass and IngressClassParams whose namespaceSelector admits the Ingress's
 * namespace, every {@code alb.ingress.kubernetes.io/conditions.*} annotation must be valid, and the
 * legacy annotations the flags disable may not be newly used.
 */
public final class IngressValidator extends ValidatingWebhook<Ingress> {
  public static final String PATH = "/validate-networking-v1-ingress";

  private final IngressClassLookups lookups;
  private final String ingressClass;
  private final LegacyAnnotationBans bans;

  /**
   * @param ingressClass {@code --ingress-class}
   */
  public IngressValidator(
      IngressClassLookups lookups, String ingressClass, LegacyAnnotationBans bans) {
    super(PATH, Ingress.class);
    this.lookups = lookups;
    this.ingressClass = ingressClass;
    this.bans = bans;
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
      RuleConditions.validate(ingress.getMetadata().getAnnotations());
    } catch (UserInputException e) {
      throw Denial.invalid("checkIngressAnnotationConditions", e.getMessage());
    }
  }
}
