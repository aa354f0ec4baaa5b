package io.lbc.ingress;

import io.fabric8.kubernetes.api.model.Secret;
import io.lbc.config.ControllerConfig.SecretLabel;
import io.lbc.model.elbv2.ClientSecret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the OIDC client ID and secret from the Secret an Ingress names (compat-spec §1.3 #34): in
 * the Ingress's namespace, keys {@code clientID} (or the legacy {@code clientId}) and {@code
 * clientSecret}; with {@code --required-secrets-label}, only a Secret carrying that label counts.
 * Trailing whitespace of the ID and trailing control characters of the secret are dropped, as the
 * reference does (a newline from {@code echo} is a classic).
 */
public final class OidcSecrets {
  static final String CLIENT_ID = "clientID";
  static final String CLIENT_ID_LEGACY = "clientId";
  static final String CLIENT_SECRET = "clientSecret";

  /** The credentials read, the secret with its version. */
  public record Client(String id, ClientSecret secret) {}

  private final MemberContext context;

  OidcSecrets(MemberContext context) {
    this.context = context;
  }

  /**
   * @param field the annotation naming the Secret, for errors
   */
  Client read(String field, String name) {
    String namespace = context.member().namespace();
    String key = namespace + "/" + name;
    Optional<SecretLabel> label = context.cluster().config().kube().requiredSecretsLabel();
    Secret secret =
        context
            .view()
            .secret(namespace, name)
            .filter(s -> label.isEmpty() || hasLabel(s, label.get()))
            .orElseThrow(
                () ->
                    new SecurityInputException(
                        field,
                        "Secret "
                            + key
                            + " does not exist"
                            + label
                                .map(
                                    l -> " or lacks the label " + l + " (--required-secrets-label)")
                                .orElse("")));
    return client(field, secret);
  }

  /**
   * The client ID and secret a Secret holds (Ingress and Gateway ListenerRuleConfiguration alike).
   *
   * @throws SecurityInputException when a key is missing or not valid base64
   */
  public static Client client(String field, Secret secret) {
    String key = key(secret);
    String id = value(field, secret, CLIENT_ID);
    if (id == null) {
      id = value(field, secret, CLIENT_ID_LEGACY);
    }
    if (id == null) {
      throw new SecurityInputException(field, "Secret " + key + " has no key " + CLIENT_ID);
    }
    String value = value(field, secret, CLIENT_SECRET);
    if (value == null) {
      throw new SecurityInputException(field, "Secret " + key + " has no key " + CLIENT_SECRET);
    }
    return new Client(
        id.stripTrailing(), new ClientSecret(stripTrailingControl(value), version(secret)));
  }

  /**
   * A key's value from {@code data}, or from {@code stringData} (which only a manifest, not the API
   * server, has); null when absent.
   */
  private static String value(String field, Secret secret, String dataKey) {
    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
    if (data.containsKey(dataKey)) {
      return decode(field, key(secret), dataKey, data.get(dataKey));
    }
    Map<String, String> plain = secret.getStringData() == null ? Map.of() : secret.getStringData();
    return plain.get(dataKey);
  }

  private static String key(Secret secret) {
    return secret.getMetadata().getNamespace() + "/" + secret.getMetadata().getName();
  }

  /** Whether the Secret carries the {@code --required-secrets-label}. */
  public static boolean hasLabel(Secret secret, SecretLabel label) {
    var labels = secret.getMetadata().getLabels();
    return labels != null && label.value().equals(labels.get(label.key()));
  }

  /** The Secret's UID and resourceVersion: it changes with every write of the Secret. */
  private static String version(Secret secret) {
    var meta = secret.getMetadata();
    if (meta.getUid() == null || meta.getResourceVersion() == null) {
      return null;
    }
    return meta.getUid() + "/" + meta.getResourceVersion();
  }

  private static String decode(String field, String secretKey, String dataKey, String base64) {
    try {
      return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new SecurityInputException(
          field, "Secret " + secretKey + " key " + dataKey + " is not valid base64");
    }
  }

  private static String stripTrailingControl(String value) {
    int end = value.length();
    while (end > 0 && Character.isISOControl(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(0, end);
  }
}
