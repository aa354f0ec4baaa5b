package io.lbc.aws.elbv2;

import io.lbc.model.elbv2.Action;
import java.util.List;

/**
 * A listener as ELBv2 describes it; actions use literal tokens.
 *
 * @param defaultCertificateArn null for plain-text listeners
 */
public record Listener(
    String arn,
    String loadBalancerArn,
    int port,
    String protocol,
    List<Action> defaultActions,
    String defaultCertificateArn,
    String sslPolicy,
    List<String> alpnPolicy) {}
