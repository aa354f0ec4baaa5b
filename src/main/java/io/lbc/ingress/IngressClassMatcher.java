package io.lbc.ingress;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassParametersReference;
import io.lbc.k8s.ClusterView;
import io.lbc.k8s.IngressClassParams;
import io.lbc.k8s.LabelSelectors;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.model.UserInputException;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which Ingresses this controller serves (compat-spec §1.4): the legacy {@code
 * kubernetes.io/ingress.class} annotation first, then {@code spec.ingressClassName} naming an
 * IngressClass whose controller is {@code ingress.k8s.aws/alb}. Ingresses without a class are
 * served only when {@code --ingress-class} is empty. Ingresses of other classes are never touched.
 */
public final class IngressClassMatcher {
  public static final String CONTROLLER = "ingress.k8s.aws/alb";
  public static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";
  static final String PARAMS_KIND = "IngressClassParams";

  private final ClusterView view;
  private final String ingressClass;

  /**
   * @param ingressClass {@code --ingress-class}
   */
  public IngressClassMatcher(ClusterView view, String ingressClass) {
    this.view = view;
    this.ingressClass = ingressClass;
  }

  public ClassMatch match(Ingress ingress) {
    Map<String, String> annotations = ingress.getMetadata().getAnnotations();
    if (annotations != null && annotations.containsKey(CLASS_ANNOTATION)) {
      String value = annotations.get(CLASS_ANNOTATION);
      boolean ours = value.equals(ingressClass) || (ingressClass.isEmpty() && value.equals("alb"));
      return ours ? ClassMatch.ours(Optional.empty()) : ClassMatch.notOurs();
    }
    String className = ingress.getSpec() == null ? null : ingress.getSpec().getIngressClassName();
    if (className == null) {
      return ingressClass.isEmpty() ? ClassMatch.ours(Optional.empty()) : ClassMatch.notOurs();
    }
    Optional<IngressClass> found = view.ingressClass(className);
    if (found.isEmpty()) {
      return ClassMatch.invalid(
          new UserInputException(
              "spec.ingressClassName", "IngressClass '" + className + "' does not exist"));
    }
    IngressClass ingClass = found.get();
    if (ingClass.getSpec() == null || !CONTROLLER.equals(ingClass.getSpec().getController())) {
      return ClassMatch.notOurs();
    }
    IngressClassParametersReference parameters = ingClass.getSpec().getParameters();
    if (parameters == null) {
      return ClassMatch.ours(Optional.empty());
    }
    return params(ingress, className, parameters);
  }

  private ClassMatch params(
      Ingress ingress, String className, IngressClassParametersReference parameters) {
    String field = "IngressClass " + className + " spec.parameters";
    if (!TargetGroupBinding.GROUP.equals(parameters.getApiGroup())
        || !PARAMS_KIND.equals(parameters.getKind())) {
      return ClassMatch.invalid(
          new UserInputException(
              field,
              "references "
                  + parameters.getApiGroup()
                  + "/"
                  + parameters.getKind()
                  + "; only "
                  + TargetGroupBinding.GROUP
                  + "/"
                  + PARAMS_KIND
                  + " is supported"));
    }
    Optional<IngressClassParams> params = view.ingressClassParams(parameters.getName());
    if (params.isEmpty()) {
      return ClassMatch.invalid(
          new UserInputException(
              field, "IngressClassParams '" + parameters.getName() + "' does not exist"));
    }
    var selector = params.get().getSpec() == null ? null : params.get().getSpec().namespaceSelector;
    if (selector != null) {
      String namespace = ingress.getMetadata().getNamespace();
      Map<String, String> labels =
          view.namespace(namespace)
              .map(Namespace::getMetadata)
              .map(m -> m.getLabels())
              .orElse(Map.of());
      boolean allowed;
      try {
        allowed = LabelSelectors.matches(selector, labels);
      } catch (IllegalArgumentException e) {
        return ClassMatch.invalid(
            new UserInputException(
                "IngressClassParams " + parameters.getName() + " spec.namespaceSelector",
                e.getMessage()));
      }
      if (!allowed) {
        return ClassMatch.invalid(
            new UserInputException(
                "spec.ingressClassName",
                "IngressClassParams '"
                    + parameters.getName()
                    + "' of IngressClass '"
                    + className
                    + "' does not allow namespace "
                    + namespace
                    + " (spec.namespaceSelector)"));
      }
    }
    return ClassMatch.ours(params);
  }
}
