package io.lbc.webhook.networking;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassParametersReference;
import io.lbc.k8s.IngressClassParams;
import io.lbc.k8s.LabelSelectors;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.webhook.Denial;
import io.lbc.webhook.IngressClassLookups;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which Ingresses are this controller's (compat-spec §1.4): by the legacy {@code
 * kubernetes.io/ingress.class} annotation, else by the IngressClass controller {@code
 * ingress.k8s.aws/alb}, else, for an Ingress with no class and no default class, only when {@code
 * --ingress-class} is empty. Lookups are remembered for one admission.
 */
final class IngressClasses {
  static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";
  static final String DEFAULT_CLASS_ANNOTATION = "ingressclass.kubernetes.io/is-default-class";
  static final String CONTROLLER = "ingress.k8s.aws/alb";
  private static final String FIELD = "spec.ingressClassName";

  private final IngressClassLookups lookups;
  private final String ingressClass;
  private final Map<String, Optional<IngressClass>> classes = new HashMap<>();

  IngressClasses(IngressClassLookups lookups, String ingressClass) {
    this.lookups = lookups;
    this.ingressClass = ingressClass;
  }

  boolean isOurs(Ingress ingress) {
    String annotation = annotations(ingress).get(CLASS_ANNOTATION);
    if (annotation != null) {
      return annotationMatches(annotation);
    }
    Optional<String> className = className(ingress);
    if (className.isEmpty()) {
      return ingressClass.isEmpty();
    }
    return ingressClass(className.get())
        .map(c -> CONTROLLER.equals(c.getSpec().getController()))
        // A missing class named like ours was meant for us; any other belongs to someone else.
        .orElse(className.get().equals(ingressClass));
  }

  boolean annotationMatches(String value) {
    return ingressClass.isEmpty() ? "alb".equals(value) : ingressClass.equals(value);
  }

  /** The Ingress's class, or the cluster's default class when it names none. */
  Optional<String> className(Ingress ingress) {
    Optional<String> name = classNameField(ingress);
    return name.isPresent() ? name : defaultClassName();
  }

  /**
   * The class whose use to check: the one named, or the default one, unless the legacy annotation
   * chose the controller, when only a named class counts.
   */
  Optional<String> classInUse(Ingress ingress) {
    return annotations(ingress).containsKey(CLASS_ANNOTATION)
        ? classNameField(ingress)
        : className(ingress);
  }

  static Optional<String> classNameField(Ingress ingress) {
    return Optional.ofNullable(ingress.getSpec()).map(s -> s.getIngressClassName());
  }

  /**
   * The class exists and, when it is ours and has parameters, they are IngressClassParams that
   * exist and whose namespaceSelector admits {@code namespace}.
   */
  void checkClassUsage(String className, String namespace) {
    IngressClass ingressClass =
        ingressClass(className)
            .orElseThrow(() -> invalid("IngressClass " + className + " not found"));
    IngressClassParametersReference parameters = ingressClass.getSpec().getParameters();
    if (!CONTROLLER.equals(ingressClass.getSpec().getController()) || parameters == null) {
      return;
    }
    if (!TargetGroupBinding.GROUP.equals(parameters.getApiGroup())
        || !"IngressClassParams".equals(parameters.getKind())) {
      throw invalid("IngressClass " + className + " references unknown parameters");
    }
    IngressClassParams params =
        lookups
            .ingressClassParams(parameters.getName())
            .orElseThrow(
                () -> invalid("IngressClassParams " + parameters.getName() + " not found"));
    if (params.getSpec() == null || params.getSpec().namespaceSelector == null) {
      return;
    }
    Map<String, String> labels =
        lookups
            .namespace(namespace)
            .map(Namespace::getMetadata)
            .map(m -> m.getLabels())
            .orElse(Map.of());
    boolean admitted;
    try {
      admitted = LabelSelectors.matches(params.getSpec().namespaceSelector, labels);
    } catch (IllegalArgumentException e) {
      throw invalid("IngressClassParams " + parameters.getName() + ": " + e.getMessage());
    }
    if (!admitted) {
      throw invalid(
          "namespaceSelector of IngressClassParams "
              + parameters.getName()
              + " mismatch: namespace "
              + namespace
              + " may not use IngressClass "
              + className);
    }
  }

  private Optional<String> defaultClassName() {
    List<IngressClass> defaults =
        lookups.ingressClasses().stream()
            .filter(c -> "true".equals(annotations(c).get(DEFAULT_CLASS_ANNOTATION)))
            .toList();
    if (defaults.size() > 1) {
      throw invalid("checkIngressClass", "multiple default IngressClasses found");
    }
    defaults.forEach(c -> classes.put(c.getMetadata().getName(), Optional.of(c)));
    return defaults.stream().map(c -> c.getMetadata().getName()).findFirst();
  }

  private Optional<IngressClass> ingressClass(String name) {
    return classes.computeIfAbsent(name, lookups::ingressClass);
  }

  private static Map<String, String> annotations(io.fabric8.kubernetes.api.model.HasMetadata o) {
    return o.getMetadata() == null || o.getMetadata().getAnnotations() == null
        ? Map.of()
        : o.getMetadata().getAnnotations();
  }

  private static Denial invalid(String reason) {
    return invalid("checkIngressClassUsage", reason);
  }

  private static Denial invalid(String check, String reason) {
    return Denial.invalid(check, FIELD + ": invalid ingress class: " + reason);
  }
}
