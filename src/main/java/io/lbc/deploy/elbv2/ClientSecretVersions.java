package io.lbc.deploy.elbv2;

import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.ClientSecret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which OIDC client secret a rule or listener holds. AWS never returns the secret, so comparing
 * desired and actual actions alone would either never see a rotation or rewrite the action on every
 * reconcile (the reference does the latter). Instead the version of the secret written (the
 * Secret's UID and resourceVersion, never the value) is kept in a tag of the rule or listener: a
 * reconcile that finds the same version writes nothing, a rotated Secret has a new version and the
 * action is rewritten with the new secret.
 */
final class ClientSecretVersions {
  static final String TAG = "elbv2.k8s.aws/oidc-client-secret-version";

  private ClientSecretVersions() {}

  /** The desired tags plus the version of the client secret the desired actions hold, if any. */
  static Map<String, String> tags(Map<String, String> tags, List<Action> desired) {
    String version =
        desired.stream()
            .map(Action::authenticateOidcConfig)
            .filter(Objects::nonNull)
            .map(o -> o.clientSecret() == null ? null : o.clientSecret().version())
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(null);
    if (version == null) {
      return tags;
    }
    var withVersion = new LinkedHashMap<>(tags);
    withVersion.put(TAG, version);
    return withVersion;
  }

  /** The actual actions with the client secret version their tags record. */
  static List<Action> recorded(List<Action> actual, Map<String, String> tags) {
    String version = tags.get(TAG);
    return actual.stream()
        .map(
            a ->
                a.authenticateOidcConfig() == null
                    ? a
                    : a.withAuthenticateOidcConfig(
                        a.authenticateOidcConfig()
                            .withClientSecret(
                                version == null ? null : new ClientSecret(null, version))))
        .toList();
  }
}
