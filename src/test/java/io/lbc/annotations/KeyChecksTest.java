package io.lbc.annotations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lbc.config.FeatureGate;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyChecksTest {
  static final Predicate<FeatureGate> DEFAULTS = FeatureGate::enabledByDefault;
  static final String ALB = "alb.ingress.kubernetes.io/";
  static final String SVC = "service.beta.kubernetes.io/";

  /** A refused Ingress annotation read in every configuration, if any is left. */
  static Optional<DeclaredKey> refusedIngressKey() {
    return KeyInventory.keys().stream()
        .filter(k -> k.surface() == Surface.INGRESS_ANNOTATION && k.support().refused())
        .filter(k -> !k.template() && k.onlyWithGate().isEmpty())
        .findFirst();
  }

  @Test
  void aRefusedIngressAnnotationRefusesNamingTheKeyAndWhy() {
    Optional<DeclaredKey> refused = refusedIngressKey();
    assumeTrue(refused.isPresent(), "no Ingress annotation is refused any more");
    String key = refused.get().fullKey();
    assertThatThrownBy(
            () ->
                KeyChecks.refuseAnnotations(
                    Surface.INGRESS_ANNOTATION, Map.of(key, "something"), DEFAULTS))
        .isInstanceOfSatisfying(
            RefusedKeyException.class,
            e -> {
              assertThat(e.field()).isEqualTo(key);
              assertThat(e.getMessage()).startsWith(key + ": " + refused.get().support().reason());
            });
  }

  @ParameterizedTest
  @CsvSource({
    "auth-type, none",
    "auth-type, None",
    "use-regex-path-match, false",
    "enable-frontend-nlb, false",
    "create-acm-cert, false",
    "healthcheck-path, /healthz",
    "actions.web, {}",
    "target-control-port.web.80, 3000",
    "heathcheck-path, /typo-is-not-refused"
  })
  void valuesThatAskForNothingAndHonouredKeysAreNotRefused(String key, String value) {
    assertThatCode(
            () ->
                KeyChecks.refuseAnnotations(
                    Surface.INGRESS_ANNOTATION, Map.of(ALB + key, value), DEFAULTS))
        .doesNotThrowAnyException();
  }

  @Test
  void aKeyTheReferenceReadsOnlyUnderAGateIsRefusedOnlyWithTheGateOn() {
    Optional<DeclaredKey> gated =
        KeyInventory.keys().stream()
            .filter(k -> k.onlyWithGate().isPresent() && k.support().refused() && !k.template())
            .filter(k -> k.surface() != Surface.INGRESS_CLASS_PARAMS)
            .findFirst();
    assumeTrue(gated.isPresent(), "no key read only under a gate is refused any more");
    DeclaredKey key = gated.get();
    FeatureGate gate = key.onlyWithGate().get();
    var annotations = Map.of(key.fullKey(), "something");

    assertThatCode(() -> KeyChecks.refuseAnnotations(key.surface(), annotations, g -> g != gate))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> KeyChecks.refuseAnnotations(key.surface(), annotations, g -> true))
        .hasMessage(key.fullKey() + ": " + key.support().reason());
  }

  @Test
  void theServiceWeightedActionsKeyIsHonoured() {
    assertThatCode(
            () ->
                KeyChecks.refuseAnnotations(
                    Surface.SERVICE_ANNOTATION, Map.of(SVC + "actions.TCP-80", "{}"), DEFAULTS))
        .doesNotThrowAnyException();
  }

  @Test
  void theFirstRefusedKeyInDeclarationOrderIsNamed() {
    Optional<DeclaredKey> refused = refusedIngressKey();
    assumeTrue(refused.isPresent(), "no Ingress annotation is refused any more");
    var annotations =
        Map.of(ALB + "create-acm-cert", "true", refused.get().fullKey(), "3000", ALB + "zzz", "1");

    assertThatThrownBy(
            () -> KeyChecks.refuseAnnotations(Surface.INGRESS_ANNOTATION, annotations, DEFAULTS))
        .isInstanceOfSatisfying(
            RefusedKeyException.class,
            e -> assertThat(e.field()).isEqualTo(refused.get().fullKey()));
  }

  @Test
  void aBackendServiceRefusesOnlyWithTheIngressKeysReadFromServices() {
    Optional<DeclaredKey> refusedOnServices =
        KeyInventory.keys().stream()
            .filter(k -> k.onServices() && k.support().refused() && !k.template())
            .findFirst();
    assumeTrue(refusedOnServices.isPresent(), "no key read from Services is refused any more");
    DeclaredKey key = refusedOnServices.get();

    assertThatThrownBy(
            () ->
                KeyChecks.refuseServiceBackend(
                    "ns/web", Map.of(key.fullKey(), "something"), DEFAULTS))
        .hasMessage(key.fullKey() + ": on Service ns/web: " + key.support().reason());
  }

  @Test
  void aBackendServiceIsNotRefusedForKeysReadFromTheIngressOnly() {
    assertThatCode(
            () ->
                KeyChecks.refuseServiceBackend(
                    "ns/web", Map.of(ALB + "enable-frontend-nlb", "true"), DEFAULTS))
        .as("a load-balancer-level key is read from the Ingress only")
        .doesNotThrowAnyException();
  }

  @Test
  void aRefusedIngressClassParamsFieldNamesTheParamsAndTheField() {
    Optional<DeclaredKey> refused =
        KeyInventory.keys().stream()
            .filter(k -> k.surface() == Surface.INGRESS_CLASS_PARAMS && k.support().refused())
            .findFirst();
    assumeTrue(refused.isPresent(), "no IngressClassParams field is refused any more");
    String[] path = refused.get().name().split("\\.");
    var mapper = new ObjectMapper();
    var spec = mapper.createObjectNode();
    spec.put("scheme", "internal");
    var node = spec;
    for (int i = 0; i < path.length - 1; i++) {
      node = node.putObject(path[i]);
    }
    node.put(path[path.length - 1], "x");

    assertThatThrownBy(() -> KeyChecks.refuseParams("p", spec, g -> true))
        .isInstanceOfSatisfying(
            RefusedKeyException.class,
            e -> {
              assertThat(e.field()).isEqualTo("IngressClassParams p spec." + refused.get().name());
              assertThat(e.getMessage()).contains(refused.get().support().reason());
            });
    spec.remove(path[0]);
    assertThatCode(() -> KeyChecks.refuseParams("p", spec, DEFAULTS)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @CsvSource({
    "alb.ingress.kubernetes.io/heathcheck-path, alb.ingress.kubernetes.io/healthcheck-path",
    "alb.ingress.kubernetes.io/shceme, alb.ingress.kubernetes.io/scheme",
    "alb.ingress.kubernetes.io/action.web, alb.ingress.kubernetes.io/actions.${name}",
    "alb.ingress.kubernetes.io/listener-attribute.HTTPS-443,"
        + " alb.ingress.kubernetes.io/listener-attributes.${Protocol}-${Port}",
    "alb.ingress.kubernetes.io/auth-typ, alb.ingress.kubernetes.io/auth-type",
    "service.beta.kubernetes.io/aws-load-balancer-healthcheck-paht,"
        + " service.beta.kubernetes.io/aws-load-balancer-healthcheck-path",
    "service.beta.kubernetes.io/aws-load-balancer-quic-enabled-containers,"
        + " service.beta.kubernetes.io/aws-load-balancer-quic-enabled-ports",
  })
  void anUnknownKeyUnderOurPrefixesNamesTheNearestKnownKey(String key, String nearest) {
    Surface surface = key.startsWith(ALB) ? Surface.INGRESS_ANNOTATION : Surface.SERVICE_ANNOTATION;

    assertThat(KeyChecks.unknown(surface, Map.of(key, "x")))
        .singleElement()
        .satisfies(
            u -> {
              assertThat(u.nearest().fullKey()).isEqualTo(nearest);
              assertThat(u.message())
                  .isEqualTo(
                      key
                          + " is not an annotation this controller knows, so it has no effect;"
                          + " did you mean "
                          + nearest
                          + "?");
            });
  }

  @Test
  void knownKeysAndKeysOfOtherOwnersAreNotTypos() {
    var annotations =
        Map.of(
            ALB + "healthcheck-path",
            "/",
            ALB + "actions.web",
            "{}",
            ALB + "conditions.web",
            "[]",
            ALB + "auth-type",
            "cognito",
            ALB + "dry-run-plan",
            "{}",
            "kubernetes.io/ingress.class",
            "alb",
            SVC + "aws-load-balancer-type",
            "external",
            SVC + "actions.TCP-80",
            "{}",
            "service.beta.kubernetes.io/other-controller-key",
            "x");

    assertThat(KeyChecks.unknown(Surface.INGRESS_ANNOTATION, annotations)).isEmpty();
    assertThat(KeyChecks.unknown(Surface.SERVICE_ANNOTATION, annotations)).isEmpty();
  }

  @Test
  void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
    assertThat(KeyChecks.editDistance("heathcheck-path", "healthcheck-path")).isEqualTo(1);
    assertThat(KeyChecks.editDistance("kitten", "sitting")).isEqualTo(3);
    assertThat(KeyChecks.editDistance("", "abc")).isEqualTo(3);
    assertThat(KeyChecks.editDistance("same", "same")).isZero();
  }
}
