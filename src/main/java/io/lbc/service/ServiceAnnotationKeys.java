package io.lbc.service;

import io.lbc.annotations.KeyInventory;
import io.lbc.annotations.Surface;

/**
 * Suffixes of the {@code service.beta.kubernetes.io/} annotations the NLB builder reads
 * (compat-spec §2.2).
 */
final class ServiceAnnotationKeys {
  static final String TYPE =
      KeyInventory.honoured(Surface.SERVICE_ANNOTATION, "aws-load-balancer-type");
  static final String TARGET_TYPE =
      KeyInventory.honoured(Surface.SERVICE_ANNOTATION, "aws-load-balancer-nlb-target-type");
  static final String NAME =
      KeyInventory.honoured(Surface.SERVICE_ANNOTATION, "aws-load-balancer-name");
  static final String SCHEME =
      KeyInventory.honoured(Surface.SERVICE_ANNOTATION, "aws-load-balancer-scheme");
  static final String INTERNAL =
      KeyInventory.honoured(Surface.SERVICE_ANNOTATION, "aws-load-balancer-internal");
  static final String IP_ADDRESS_TYPE =
      KeyInventory.honoured(Surface.SERVICE_ANNOTATION, "aws-load-balancer-ip-address-type");
  static final String SUBNETS =
      KeyInventory.honoured(Surface.SERVICE_ANNOTATION, "aws-load-balancer-subnets");
  static final String EIP_ALLOCATIONS =
      KeyInventory.honoured(Surface.SERVICE_ANNOTATION, "aws-load-balancer-eip-allocations");
  static final String PRIVATE_IPV4_ADDRESSES =
      KeyInventory.honoured(Surface.SERVICE_ANNOTATION, "aws-load-balancer-private-ipv4-addresses");
  static final String IPV6_ADDRESSES =
      KeyInventory.honoured(Surface.SERVICE_ANNOTATION, "aws-load-balancer-ipv6-addresses");
  static final String PREFIX_FOR_IPV6_SOURCE_NAT =
      KeyInventory.honoured(
          Surface.SERVICE_ANNOTATION, "aws-load-balancer-enable-prefix-for-ipv6-source-nat");
  static final String SOURCE_NAT_IPV6_PREFIXES =
      KeyInventory.honoured(
          Surface.SERVICE_ANNOTATION, "aws-load-balancer-source-nat-ipv6-prefixes");
  static final String MINIMUM_CAPACITY =
      KeyInventory.honoured(
          Surface.SERVICE_ANNOTATION, "aws-load-balancer-minimum-load-balancer-capacity");
  static final String ATTRIBUTES =
      KeyInventory.honoured(Surface.SERVICE_ANNOTATION, "aws-load-balancer-attributes");
  static final String ACCESS_LOG_ENABLED =
      KeyInventory.honoured(Surface.SERVICE_ANNOTATION, "aws-load-balancer-access-log-enabled");
  static final String ACCESS_LOG_BUCKET =
      KeyInventory.honoured(
          Surface.SERVICE_ANNOTATION, "aws-load-balancer-access-log-s3-bucket-name");
  static final String ACCESS_LOG_PREFIX =
      KeyInventory.honoured(
          Surface.SERVICE_ANNOTATION, "aws-load-balancer-access-log-s3-bucket-prefix");
  static final String CROSS_ZONE =
      KeyInventory.honoured(
          Surface.SERVICE_ANNOTATION, "aws-load-balancer-cross-zone-load-balancing-enabled");
  static final String ADDITIONAL_TAGS =
      KeyInventory.honoured(
          Surface.SERVICE_ANNOTATION, "aws-load-balancer-additional-resource-tags");
  static final String SSL_CERT =
      KeyInventory.honoured(Surface.SERVICE_ANNOTATION, "aws-load-balancer-ssl-cert");
  static final String SSL_PORTS =
      KeyInventory.honoured(Surface.SERVICE_ANNOTATION, "aws-load-balancer-ssl-ports");
  static final String SSL_POLICY =
      KeyInventory.honoured(Surface.SERVICE_ANNOTATION, "aws-load-balancer-ssl-negotiation-policy");
  static final String BACKEND_PROTOCOL =
      KeyInventory.honoured(Surface.SERVICE_ANNOTATION, "aws-load-balancer-backend-protocol");
  static final String ALPN_POLICY =
      KeyInventory.honoured(Surface.SERVICE_ANNOTATION, "aws-load-balancer-alpn-policy");
  static final String PROXY_PROTOCOL =
      KeyInventory.honoured(Surface.SERVICE_ANNOTATION, "aws-load-balancer-proxy-protocol");
  static final String PROXY_PROTOCOL_PER_TARGET_GROUP =
      KeyInventory.honoured(
          Surface.SERVICE_ANNOTATION, "aws-load-balancer-proxy-protocol-per-target-group");
  static final String TARGET_GROUP_ATTRIBUTES =
      KeyInventory.honoured(
          Surface.SERVICE_ANNOTATION, "aws-load-balancer-target-group-attributes");
  static final String HEALTHCHECK_PROTOCOL =
      KeyInventory.honoured(Surface.SERVICE_ANNOTATION, "aws-load-balancer-healthcheck-protocol");
  static final String HEALTHCHECK_PORT =
      KeyInventory.honoured(Surface.SERVICE_ANNOTATION, "aws-load-balancer-healthcheck-port");
  static final String HEALTHCHECK_PATH =
      KeyInventory.honoured(Surface.SERVICE_ANNOTATION, "aws-load-balancer-healthcheck-path");
  static final String HEALTHCHECK_HEALTHY_THRESHOLD =
      KeyInventory.honoured(
          Surface.SERVICE_ANNOTATION, "aws-load-balancer-healthcheck-healthy-threshold");
  static final String HEALTHCHECK_UNHEALTHY_THRESHOLD =
      KeyInventory.honoured(
          Surface.SERVICE_ANNOTATION, "aws-load-balancer-healthcheck-unhealthy-threshold");
  static final String HEALTHCHECK_TIMEOUT =
      KeyInventory.honoured(Surface.SERVICE_ANNOTATION, "aws-load-balancer-healthcheck-timeout");
  static final String HEALTHCHECK_INTERVAL =
      KeyInventory.honoured(Surface.SERVICE_ANNOTATION, "aws-load-balancer-healthcheck-interval");
  static final String HEALTHCHECK_SUCCESS_CODES =
      KeyInventory.honoured(
          Surface.SERVICE_ANNOTATION, "aws-load-balancer-healthcheck-success-codes");
  static final String TARGET_NODE_LABELS =
      KeyInventory.honoured(Surface.SERVICE_ANNOTATION, "aws-load-balancer-target-node-labels");
  static final String SOURCE_RANGES =
      KeyInventory.honoured(Surface.SERVICE_ANNOTATION, "load-balancer-source-ranges");
  static final String PREFIX_LISTS =
      KeyInventory.honoured(
          Surface.SERVICE_ANNOTATION, "aws-load-balancer-security-group-prefix-lists");
  static final String SECURITY_GROUPS =
      KeyInventory.honoured(Surface.SERVICE_ANNOTATION, "aws-load-balancer-security-groups");
  static final String MANAGE_BACKEND_RULES =
      KeyInventory.honoured(
          Surface.SERVICE_ANNOTATION, "aws-load-balancer-manage-backend-security-group-rules");
  static final String PRIVATE_LINK_INBOUND_RULES =
      KeyInventory.honoured(
          Surface.SERVICE_ANNOTATION, "aws-load-balancer-inbound-sg-rules-on-private-link-traffic");
  static final String ICMP_FOR_PATH_MTU =
      KeyInventory.honoured(
          Surface.SERVICE_ANNOTATION, "aws-load-balancer-enable-icmp-for-path-mtu-discovery");
  static final String DISABLE_NLB_SECURITY_GROUP =
      KeyInventory.honoured(Surface.SERVICE_ANNOTATION, "aws-load-balancer-disable-nlb-sg");
  static final String TCP_UDP_LISTENER =
      KeyInventory.honoured(
          Surface.SERVICE_ANNOTATION, "aws-load-balancer-enable-tcp-udp-listener");
  static final String QUIC_PORTS =
      KeyInventory.honoured(Surface.SERVICE_ANNOTATION, "aws-load-balancer-quic-enabled-ports");
  static final String MULTI_CLUSTER_TARGET_GROUP =
      KeyInventory.honoured(
          Surface.SERVICE_ANNOTATION, "aws-load-balancer-multi-cluster-target-group");

  /** Followed by {@code <PROTOCOL>-<port>}, e.g. {@code TCP-80}. */
  static final String ACTIONS =
      KeyInventory.honoured(Surface.SERVICE_ANNOTATION, "actions.${Protocol}-${Port}");

  static final String LISTENER_ATTRIBUTES =
      KeyInventory.honoured(
          Surface.SERVICE_ANNOTATION, "aws-load-balancer-listener-attributes.${Protocol}-${Port}");

  /** Followed by the port, e.g. {@code 80}. */
  static final String TARGET_GROUP_ATTRIBUTES_PER_PORT =
      KeyInventory.honoured(
          Surface.SERVICE_ANNOTATION, "aws-load-balancer-target-group-attributes.${port}");

  private ServiceAnnotationKeys() {}
}
