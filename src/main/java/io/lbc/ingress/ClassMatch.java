package io.lbc.ingress;

import io.lbc.k8s.IngressClassParams;
import io.lbc.model.UserInputException;
import java.util.Optional;

/**
 * Whether this controller serves an Ingress, and with which IngressClassParams.
 *
 * @param error set when the Ingress names an IngressClass this controller cannot use (missing, or
 *     its parameters are missing or refuse the namespace)
 */
public record ClassMatch(
    Outcome outcome, Optional<IngressClassParams> params, UserInputException error) {

  public enum Outcome {
    OURS,
    NOT_OURS,
    INVALID
  }

  static ClassMatch ours(Optional<IngressClassParams> params) {
    return new ClassMatch(Outcome.OURS, params, null);
  }

  static ClassMatch notOurs() {
    return new ClassMatch(Outcome.NOT_OURS, Optional.empty(), null);
  }

  static ClassMatch invalid(UserInputException error) {
    return new ClassMatch(Outcome.INVALID, Optional.empty(), error);
  }

  public boolean isOurs() {
    return outcome == Outcome.OURS;
  }
}
