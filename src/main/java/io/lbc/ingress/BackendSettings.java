package io.lbc.ingress;

import io.lbc.annotations.Annotations;
import io.lbc.annotations.KeyChecks;
import io.lbc.config.FeatureGate;
import io.lbc.model.UserInputException;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The annotations of a backend: the Ingress's, with the Service's winning (compat-spec §1.2
 * "Backend"). Errors say which object the bad value is on.
 */
final class BackendSettings {
  private final Annotations merged;
  private final Map<String, String> serviceAnnotations;
  private final String serviceKey;

  BackendSettings(MemberSource source, BackendService service, Predicate<FeatureGate> gates) {
    KeyChecks.refuseServiceBackend(service.key(), service.annotations(), gates);
    this.serviceAnnotations = service.annotations();
    this.merged = source.annotations().overriddenBy(serviceAnnotations);
    this.serviceKey = service.key();
  }

  Annotations annotations() {
    return merged;
  }

  /** Reads a value; a parse error names the Service or Ingress that holds it. */
  <T> T read(String suffix, Function<Annotations, T> reader) {
    try {
      return reader.apply(merged);
    } catch (UserInputException e) {
      throw invalid(suffix, e.getMessage().substring(e.field().length() + 2));
    }
  }

  UserInputException invalid(String suffix, String reason) {
    String origin =
        serviceAnnotations.containsKey(merged.key(suffix)) ? "on Service " + serviceKey + ": " : "";
    return new UserInputException(merged.key(suffix), origin + reason);
  }
}
