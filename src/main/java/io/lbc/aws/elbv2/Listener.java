package io.lbc.aws.elbv2;

import io.lbc.model.elbv2.Action;
import io.lbc.model.elbv2.MutualAuthentication;
import java.util.List;

/**
 * A listener as ELBv2 describes it; actions use literal tokens.
 *
 * @param defaultCertificateArn null for plain-text listeners
 * @param mutualAuthentication null when AWS reports none
 */
public record Listener(
    String arn,
    String loadBalancerArn,
    int port,
    String protocol,
    List<Action> defaultActions,
    String defaultCertificateArn,
    String sslPolicy,
    List<String> alpnPolicy,
    MutualAuthentication mutualAuthentication) {

  /** A listener without mutual TLS. */
  public Listener(
      String arn,
      String loadBalancerArn,
      int port,
      String protocol,
      List<Action> defaultActions,
      String defaultCertificateArn,
      String sslPolicy,
      List<String> alpnPolicy) {
    this(
        arn,
        loadBalancerArn,
        port,
        protocol,
        defaultActions,
        defaultCertificateArn,
        sslPolicy,
        alpnPolicy,
        null);
  }
}
