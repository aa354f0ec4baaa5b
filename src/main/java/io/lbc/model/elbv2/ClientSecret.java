package io.lbc.model.elbv2;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The client secret of an OIDC action. AWS never returns it, so what identifies it in the stack, in
 * comparisons and in logs is its {@code version}: the Secret it was read from and that Secret's
 * resourceVersion. The value itself never appears in JSON, logs or {@code toString}.
 *
 * @param value null when read back from AWS
 * @param version {@code <secret uid>/<resourceVersion>}; null when unknown
 */
public record ClientSecret(String value, String version) {

  @Override
  @JsonIgnore
  public String value() {
    return value;
  }

  @JsonProperty("value")
  String redacted() {
    return "[REDACTED]";
  }

  /** The same secret with its value dropped, as AWS reports it. */
  public ClientSecret withoutValue() {
    return new ClientSecret(null, version);
  }

  @Override
  public String toString() {
    return "ClientSecret[version=" + version + "]";
  }
}
