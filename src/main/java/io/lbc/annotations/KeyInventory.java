package io.lbc.annotations;

import static io.lbc.annotations.Support.HONOURED;
import static io.lbc.annotations.Support.output;

import io.lbc.config.FeatureGate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every key of the reference controller's user surface, declared once: each {@code
 * alb.ingress.kubernetes.io/} and {@code service.beta.kubernetes.io/} annotation and each
 * IngressClassParams field, honoured or refused with the reason a user is told (compat-spec §1.3,
 * §1.4, §2.2), and the {@code gateway.k8s.aws/} Gateway annotations (gateway-spec §4.1). Readers
 * take their key names from {@link #honoured}; a refused key leaves out what carries it ({@link
 * KeyChecks}); a key under our prefixes that is not declared here is a typo.
 *
 * <p>To support a key, flip its line from {@code refused(…)} to {@code HONOURED} and read it
 * through {@link #honoured}.
 */
public final class KeyInventory {
  private static final List<DeclaredKey> KEYS =
      List.of(
          // compat-spec §1.3: alb.ingress.kubernetes.io/
          ingress("group.name", HONOURED),
          ingress("group.order", HONOURED),
          ingress("load-balancer-name", HONOURED),
          ingress("scheme", HONOURED),
          ingress("ip-address-type", HONOURED),
          ingress("subnets", HONOURED),
          ingress("security-groups", HONOURED),
          ingress("manage-backend-security-group-rules", HONOURED),
          ingress("customer-owned-ipv4-pool", HONOURED),
          ingress("ipam-ipv4-pool-id", HONOURED),
          ingress("load-balancer-attributes", HONOURED),
          ingress("minimum-load-balancer-capacity", HONOURED)
              .onlyWith(FeatureGate.LB_CAPACITY_RESERVATION),
          ingress("tags", HONOURED),
          ingress("wafv2-acl-arn", HONOURED),
          ingress("wafv2-acl-name", HONOURED),
          ingress("waf-acl-id", HONOURED),
          ingress("web-acl-id", HONOURED),
          ingress("shield-advanced-protection", HONOURED),
          ingress("listen-ports", HONOURED),
          ingress("ssl-redirect", HONOURED),
          ingress("inbound-cidrs", HONOURED),
          ingress("security-group-prefix-lists", HONOURED),
          ingress("certificate-arn", HONOURED),
          ingress("ssl-policy", HONOURED),
          ingress("mutual-authentication", HONOURED),
          ingress("listener-attributes.${Protocol}-${Port}", HONOURED),
          ingress("actions.${name}", HONOURED),
          ingress("conditions.${name}", HONOURED),
          ingress("transforms.${name}", HONOURED),
          ingress("use-regex-path-match", HONOURED),
          ingress("jwt-validation", HONOURED),
          ingress("auth-type", HONOURED).alsoOnServices(),
          ingress("auth-idp-cognito", HONOURED).alsoOnServices(),
          ingress("auth-idp-oidc", HONOURED).alsoOnServices(),
          ingress("auth-on-unauthenticated-request", HONOURED).alsoOnServices(),
          ingress("auth-scope", HONOURED).alsoOnServices(),
          ingress("auth-session-cookie", HONOURED).alsoOnServices(),
          ingress("auth-session-timeout", HONOURED).alsoOnServices(),
          ingress("target-type", HONOURED).alsoOnServices(),
          ingress("backend-protocol", HONOURED).alsoOnServices(),
          ingress("backend-protocol-version", HONOURED).alsoOnServices(),
          ingress("target-group-attributes", HONOURED).alsoOnServices(),
          ingress("healthcheck-port", HONOURED).alsoOnServices(),
          ingress("healthcheck-protocol", HONOURED).alsoOnServices(),
          ingress("healthcheck-path", HONOURED).alsoOnServices(),
          ingress("healthcheck-interval-seconds", HONOURED).alsoOnServices(),
          ingress("healthcheck-timeout-seconds", HONOURED).alsoOnServices(),
          ingress("healthy-threshold-count", HONOURED).alsoOnServices(),
          ingress("unhealthy-threshold-count", HONOURED).alsoOnServices(),
          ingress("success-codes", HONOURED).alsoOnServices(),
          ingress("target-node-labels", HONOURED).alsoOnServices(),
          ingress("multi-cluster-target-group", HONOURED).alsoOnServices(),
          ingress("target-control-port.${serviceName}.${servicePort}", HONOURED).alsoOnServices(),
          ingress("enable-frontend-nlb", HONOURED),
          ingress("frontend-nlb-scheme", HONOURED),
          ingress("frontend-nlb-subnets", HONOURED),
          ingress("frontend-nlb-security-groups", HONOURED),
          ingress("frontend-nlb-listener-port-mapping", HONOURED),
          ingress("frontend-nlb-healthcheck-port", HONOURED),
          ingress("frontend-nlb-healthcheck-protocol", HONOURED),
          ingress("frontend-nlb-healthcheck-path", HONOURED),
          ingress("frontend-nlb-healthcheck-interval-seconds", HONOURED),
          ingress("frontend-nlb-healthcheck-timeout-seconds", HONOURED),
          ingress("frontend-nlb-healthcheck-healthy-threshold-count", HONOURED),
          ingress("frontend-nlb-healthcheck-unhealthy-threshold-count", HONOURED),
          ingress("frontend-nlb-healthcheck-success-codes", HONOURED),
          ingress("frontend-nlb-tags", HONOURED),
          ingress("frontend-nlb-eip-allocations", HONOURED),
          ingress("frontend-nlb-attributes", HONOURED),
          ingress("create-acm-cert", HONOURED)
              .inert("false")
              .onlyWith(FeatureGate.ENABLE_CERTIFICATE_MANAGEMENT),
          ingress("acm-pca-arn", HONOURED).onlyWith(FeatureGate.ENABLE_CERTIFICATE_MANAGEMENT),
          ingress(
              "dry-run-plan",
              output(
                  "with the IngressPlanAnnotation gate, the stack built for the group, as JSON, on"
                      + " its first member")),
          // compat-spec §1.4: IngressClassParams spec
          params("loadBalancerName", HONOURED),
          params("certificateArn", HONOURED),
          params("namespaceSelector", HONOURED),
          params("group.name", HONOURED),
          params("scheme", HONOURED),
          params("inboundCIDRs", HONOURED),
          params("sslPolicy", HONOURED),
          params("sslRedirectPort", HONOURED),
          params("subnets.ids", HONOURED),
          params("subnets.tags", HONOURED),
          params("ipAddressType", HONOURED),
          params("tags", HONOURED),
          params("targetType", HONOURED),
          params("loadBalancerAttributes", HONOURED),
          params("listeners", HONOURED),
          params("minimumLoadBalancerCapacity.capacityUnits", HONOURED)
              .onlyWith(FeatureGate.LB_CAPACITY_RESERVATION),
          params("ipamConfiguration.ipv4IPAMPoolId", HONOURED),
          params("prefixListsIDs", HONOURED),
          params("PrefixListsIDs", HONOURED),
          params("wafv2AclArn", HONOURED),
          params("wafv2AclName", HONOURED),
          // compat-spec §2.2: service.beta.kubernetes.io/
          service("aws-load-balancer-type", HONOURED),
          service("aws-load-balancer-nlb-target-type", HONOURED),
          service("aws-load-balancer-name", HONOURED),
          service("aws-load-balancer-scheme", HONOURED),
          service("aws-load-balancer-internal", HONOURED),
          service("aws-load-balancer-ip-address-type", HONOURED),
          service("aws-load-balancer-subnets", HONOURED),
          service("aws-load-balancer-eip-allocations", HONOURED),
          service("aws-load-balancer-private-ipv4-addresses", HONOURED),
          service("aws-load-balancer-ipv6-addresses", HONOURED),
          service("aws-load-balancer-enable-prefix-for-ipv6-source-nat", HONOURED),
          service("aws-load-balancer-source-nat-ipv6-prefixes", HONOURED),
          service("aws-load-balancer-attributes", HONOURED),
          service("aws-load-balancer-access-log-enabled", HONOURED),
          service("aws-load-balancer-access-log-s3-bucket-name", HONOURED),
          service("aws-load-balancer-access-log-s3-bucket-prefix", HONOURED),
          service("aws-load-balancer-cross-zone-load-balancing-enabled", HONOURED),
          service("aws-load-balancer-minimum-load-balancer-capacity", HONOURED)
              .onlyWith(FeatureGate.LB_CAPACITY_RESERVATION),
          service("aws-load-balancer-additional-resource-tags", HONOURED),
          service("aws-load-balancer-ssl-cert", HONOURED),
          service("aws-load-balancer-ssl-ports", HONOURED),
          service("aws-load-balancer-ssl-negotiation-policy", HONOURED),
          service("aws-load-balancer-backend-protocol", HONOURED),
          service("aws-load-balancer-alpn-policy", HONOURED),
          service("aws-load-balancer-proxy-protocol", HONOURED),
          service("aws-load-balancer-proxy-protocol-per-target-group", HONOURED),
          service("aws-load-balancer-target-group-attributes", HONOURED),
          service("aws-load-balancer-target-group-attributes.${port}", HONOURED),
          service("aws-load-balancer-healthcheck-protocol", HONOURED),
          service("aws-load-balancer-healthcheck-port", HONOURED),
          service("aws-load-balancer-healthcheck-path", HONOURED),
          service("aws-load-balancer-healthcheck-healthy-threshold", HONOURED),
          service("aws-load-balancer-healthcheck-unhealthy-threshold", HONOURED),
          service("aws-load-balancer-healthcheck-timeout", HONOURED),
          service("aws-load-balancer-healthcheck-interval", HONOURED),
          service("aws-load-balancer-healthcheck-success-codes", HONOURED),
          service("aws-load-balancer-target-node-labels", HONOURED),
          service("load-balancer-source-ranges", HONOURED),
          service("aws-load-balancer-security-group-prefix-lists", HONOURED),
          service("aws-load-balancer-security-groups", HONOURED),
          service("aws-load-balancer-manage-backend-security-group-rules", HONOURED),
          service("aws-load-balancer-inbound-sg-rules-on-private-link-traffic", HONOURED),
          service("aws-load-balancer-enable-icmp-for-path-mtu-discovery", HONOURED),
          service("aws-load-balancer-disable-nlb-sg", HONOURED),
          service("aws-load-balancer-enable-tcp-udp-listener", HONOURED),
          service("aws-load-balancer-quic-enabled-ports", HONOURED),
          service("aws-load-balancer-multi-cluster-target-group", HONOURED),
          service("aws-load-balancer-listener-attributes.${Protocol}-${Port}", HONOURED),
          service("actions.${Protocol}-${Port}", HONOURED),
          DeclaredKey.of(
              Surface.POD_ANNOTATION, "aws-load-balancer-quic-enabled-containers", HONOURED),
          // gateway-spec §4.1: Gateway annotations
          gateway("dry-run", HONOURED),
          gateway(
              "dry-run-plan",
              output(
                  "with dry-run \"true\" on a Gateway not yet provisioned, the stack built for it,"
                      + " as JSON; nothing is deployed")));

  private static final Set<DeclaredKey> CLAIMED = ConcurrentHashMap.newKeySet();

  private KeyInventory() {}

  /** Every declared key, in declaration order (the compat-spec's). */
  public static List<DeclaredKey> keys() {
    return KEYS;
  }

  /** The declaration a suffix written by the user falls under. */
  public static Optional<DeclaredKey> find(Surface surface, String suffix) {
    Optional<DeclaredKey> exact =
        KEYS.stream().filter(k -> k.surface() == surface && k.name().equals(suffix)).findFirst();
    if (exact.isPresent()) {
      return exact;
    }
    return KEYS.stream()
        .filter(k -> k.surface() == surface && k.template() && k.matches(suffix))
        .findFirst();
  }

  /**
   * The name a reader uses for an honoured key: the suffix, or a template's literal start (e.g.
   * {@code actions.}). Readers call this for every key they read, so a key that is not declared
   * honoured cannot be read.
   *
   * @throws IllegalStateException when the key is not declared honoured
   */
  public static String honoured(Surface surface, String name) {
    DeclaredKey key = declared(surface, name);
    if (!key.support().honoured()) {
      throw new IllegalStateException(key.fullKey() + " is read but declared " + key.support());
    }
    CLAIMED.add(key);
    return key.literalPrefix();
  }

  /**
   * The full key of an output key, one the controller writes and never reads (e.g. {@code
   * dry-run-plan}).
   *
   * @throws IllegalStateException when the key is not declared as an output
   */
  public static String written(Surface surface, String name) {
    DeclaredKey key = declared(surface, name);
    if (key.support().state() != Support.State.OUTPUT) {
      throw new IllegalStateException(key.fullKey() + " is written but declared " + key.support());
    }
    return key.fullKey();
  }

  private static DeclaredKey declared(Surface surface, String name) {
    return KEYS.stream()
        .filter(k -> k.surface() == surface && k.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(surface.prefix() + name + " is not declared"));
  }

  /** The keys a reader has claimed through {@link #honoured} so far in this JVM. */
  public static Set<DeclaredKey> claimed() {
    return Set.copyOf(CLAIMED);
  }

  private static DeclaredKey ingress(String name, Support support) {
    return DeclaredKey.of(Surface.INGRESS_ANNOTATION, name, support);
  }

  private static DeclaredKey service(String name, Support support) {
    return DeclaredKey.of(Surface.SERVICE_ANNOTATION, name, support);
  }

  private static DeclaredKey gateway(String name, Support support) {
    return DeclaredKey.of(Surface.GATEWAY_ANNOTATION, name, support);
  }

  private static DeclaredKey params(String name, Support support) {
    return DeclaredKey.of(Surface.INGRESS_CLASS_PARAMS, name, support);
  }
}
