package io.lbc.aws.elbv2;

import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.MutualAuthentication;
import java.util.List;

/**
 * What CreateListener and ModifyListener set; tokens in the actions must be literals.
 *
 * @param defaultCertificateArn null for plain-text listeners
 * @param sslPolicy null for plain-text listeners
 * @param alpnPolicy empty unless TLS
 * @param mutualAuthentication null sends none: AWS keeps what the listener has (off when created)
 */
public record ListenerSettings(
    int port,
    String protocol,
    List<Action> defaultActions,
    String defaultCertificateArn,
    String sslPolicy,
    List<String> alpnPolicy,
    MutualAuthentication mutualAuthentication) {

  /** Settings that leave mutual TLS as it is. */
  public ListenerSettings(
      int port,
      String protocol,
      List<Action> defaultActions,
      String defaultCertificateArn,
      String sslPolicy,
      List<String> alpnPolicy) {
    this(port, protocol, defaultActions, defaultCertificateArn, sslPolicy, alpnPolicy, null);
  }
}
