package io.lbc.model.elbv2;

import io.lbc.model.ResourceSpec;
import io.lbc.model.ResourceType;
import io.lbc.model.Token;
import java.util.List;
import java.util.Map;

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

  public record Certificate(String certificateARN) {}
}
