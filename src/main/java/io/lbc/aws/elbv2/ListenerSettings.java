package io.lbc.aws.elbv2;

import io.lbc.model.elbv2.Action;
import java.util.List;

/**
 * What CreateListener and ModifyListener set; tokens in the actions must be literals.
 *
 * @param defaultCertificateArn null for plain-text listeners
 * @param sslPolicy null for plain-text listeners
 * @param alpnPolicy empty unless TLS
 */
public record ListenerSettings(
    int port,
    String protocol,
    List<Action> defaultActions,
    String defaultCertificateArn,
    String sslPolicy,
    List<String> alpnPolicy) {}
