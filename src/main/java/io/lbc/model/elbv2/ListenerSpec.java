package io.lbc.model.elbv2;

import io.lbc.model.ResourceSpec;
import io.lbc.model.ResourceType;
import io.lbc.model.Token;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A listener; its resource id is its port. Status field: {@code listenerARN}.
 *
 * @param certificates the first is the default certificate, the rest are SNI certificates
 * @param mutualAuthentication HTTPS only; null leaves the listener's mutual TLS as it is
 */
public record ListenerSpec(
    Token loadBalancerARN,
    int port,
    String protocol,
    List<Action> defaultActions,
    List<Certificate> certificates,
    String sslPolicy,
    List<String> alpnPolicy,
    List<Attribute> listenerAttributes,
    Map<String, String> tags,
    MutualAuthentication mutualAuthentication)
    implements ResourceSpec {
  public static final String ARN = "listenerARN";

  /** A listener that leaves mutual TLS as it is. */
  public ListenerSpec(
      Token loadBalancerARN,
      int port,
      String protocol,
      List<Action> defaultActions,
      List<Certificate> certificates,
      String sslPolicy,
      List<String> alpnPolicy,
      List<Attribute> listenerAttributes,
      Map<String, String> tags) {
    this(
        loadBalancerARN,
        port,
        protocol,
        defaultActions,
        certificates,
        sslPolicy,
        alpnPolicy,
        listenerAttributes,
        tags,
        null);
  }

  @Override
  public ResourceType resourceType() {
    return ResourceType.LISTENER;
  }

  /**
   * One certificate of the listener.
   *
   * @param certificateARN an ARN, or a reference to a certificate the stack requests in ACM
   * @param discovered true when discovery in ACM chose it (null otherwise): any discovered
   *     certificate is then accepted as the default one, since their order is the ARNs', not the
   *     user's
   */
  public record Certificate(Token certificateARN, Boolean discovered) {
    public Certificate(String certificateARN, Boolean discovered) {
      this(Token.of(certificateARN), discovered);
    }

    public Certificate(String certificateARN) {
      this(certificateARN, null);
    }

    public boolean wasDiscovered() {
      return Boolean.TRUE.equals(discovered);
    }

    /**
     * The ARN.
     *
     * @throws IllegalStateException when it is a reference not resolved yet ({@link
     *     ListenerSpec#withResolvedCertificates})
     */
    public String arn() {
      if (certificateARN instanceof Token.Literal literal) {
        return literal.value();
      }
      throw new IllegalStateException("unresolved certificate " + certificateARN);
    }
  }

  /** This listener with every certificate reference replaced by its value. */
  public ListenerSpec withResolvedCertificates(Function<Token, String> resolve) {
    if (certificates == null) {
      return this;
    }
    return new ListenerSpec(
        loadBalancerARN,
        port,
        protocol,
        defaultActions,
        certificates.stream()
            .map(c -> new Certificate(resolve.apply(c.certificateARN()), c.discovered()))
            .toList(),
        sslPolicy,
        alpnPolicy,
        listenerAttributes,
        tags,
        mutualAuthentication);
  }

  /** The default certificate's ARN, or null for a listener without certificates. */
  public String defaultCertificateArn() {
    return certificates == null || certificates.isEmpty() ? null : certificates.get(0).arn();
  }

  /**
   * Whether a listener whose default certificate is {@code arn} needs no change of it: it is the
   * desired default, or both it and the desired default were discovered (their order carries no
   * choice of the user's, so a listener that took over another discovered one is left alone).
   */
  public boolean acceptsDefaultCertificate(String arn) {
    String wanted = defaultCertificateArn();
    if (Objects.equals(wanted, arn)) {
      return true;
    }
    return wanted != null
        && arn != null
        && certificates.get(0).wasDiscovered()
        && certificates.stream().anyMatch(c -> c.wasDiscovered() && c.arn().equals(arn));
  }
}
