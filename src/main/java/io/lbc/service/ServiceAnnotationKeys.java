package io.lbc.service;

/**
 * Suffixes of the {@code service.beta.kubernetes.io/} annotations the NLB builder reads
 * (compat-spec §2.2).
 */
final class ServiceAnnotationKeys {
  static final String TYPE = "aws-load-balancer-type";
  static final String TARGET_TYPE = "aws-load-balancer-nlb-target-type";
  static final String NAME = "aws-load-balancer-name";
  static final String SCHEME = "aws-load-balancer-scheme";
  static final String INTERNAL = "aws-load-balancer-internal";
  static final String IP_ADDRESS_TYPE = "aws-load-balancer-ip-address-type";
  static final String SUBNETS = "aws-load-balancer-subnets";
  static final String EIP_ALLOCATIONS = "aws-load-balancer-eip-allocations";
  static final String PRIVATE_IPV4_ADDRESSES = "aws-load-balancer-private-ipv4-addresses";
  static final String IPV6_ADDRESSES = "aws-load-balancer-ipv6-addresses";
  static final String ATTRIBUTES = "aws-load-balancer-attributes";
  static final String ACCESS_LOG_ENABLED = "aws-load-balancer-access-log-enabled";
  static final String ACCESS_LOG_BUCKET = "aws-load-balancer-access-log-s3-bucket-name";
  static final String ACCESS_LOG_PREFIX = "aws-load-balancer-access-log-s3-bucket-prefix";
  static final String CROSS_ZONE = "aws-load-balancer-cross-zone-load-balancing-enabled";
  static final String ADDITIONAL_TAGS = "aws-load-balancer-additional-resource-tags";
  static final String SSL_CERT = "aws-load-balancer-ssl-cert";
  static final String SSL_PORTS = "aws-load-balancer-ssl-ports";
  static final String SSL_POLICY = "aws-load-balancer-ssl-negotiation-policy";
  static final String BACKEND_PROTOCOL = "aws-load-balancer-backend-protocol";
  static final String ALPN_POLICY = "aws-load-balancer-alpn-policy";
  static final String PROXY_PROTOCOL = "aws-load-balancer-proxy-protocol";
  static final String PROXY_PROTOCOL_PER_TARGET_GROUP =
      "aws-load-balancer-proxy-protocol-per-target-group";
  static final String TARGET_GROUP_ATTRIBUTES = "aws-load-balancer-target-group-attributes";
  static final String HEALTHCHECK_PROTOCOL = "aws-load-balancer-healthcheck-protocol";
  static final String HEALTHCHECK_PORT = "aws-load-balancer-healthcheck-port";
  static final String HEALTHCHECK_PATH = "aws-load-balancer-healthcheck-path";
  static final String HEALTHCHECK_HEALTHY_THRESHOLD =
      "aws-load-balancer-healthcheck-healthy-threshold";
  static final String HEALTHCHECK_UNHEALTHY_THRESHOLD =
      "aws-load-balancer-healthcheck-unhealthy-threshold";
  static final String HEALTHCHECK_TIMEOUT = "aws-load-balancer-healthcheck-timeout";
  static final String HEALTHCHECK_INTERVAL = "aws-load-balancer-healthcheck-interval";
  static final String HEALTHCHECK_SUCCESS_CODES = "aws-load-balancer-healthcheck-success-codes";
  static final String TARGET_NODE_LABELS = "aws-load-balancer-target-node-labels";
  static final String SOURCE_RANGES = "load-balancer-source-ranges";
  static final String PREFIX_LISTS = "aws-load-balancer-security-group-prefix-lists";
  static final String SECURITY_GROUPS = "aws-load-balancer-security-groups";
  static final String MANAGE_BACKEND_RULES =
      "aws-load-balancer-manage-backend-security-group-rules";
  static final String PRIVATE_LINK_INBOUND_RULES =
      "aws-load-balancer-inbound-sg-rules-on-private-link-traffic";
  static final String ICMP_FOR_PATH_MTU = "aws-load-balancer-enable-icmp-for-path-mtu-discovery";
  static final String DISABLE_NLB_SECURITY_GROUP = "aws-load-balancer-disable-nlb-sg";
  static final String TCP_UDP_LISTENER = "aws-load-balancer-enable-tcp-udp-listener";
  static final String QUIC_PORTS = "aws-load-balancer-quic-enabled-ports";
  static final String MULTI_CLUSTER_TARGET_GROUP = "aws-load-balancer-multi-cluster-target-group";

  /** Followed by {@code .<PROTOCOL>-<port>}, e.g. {@code .TCP-80}. */
  static final String LISTENER_ATTRIBUTES = "aws-load-balancer-listener-attributes";

  private ServiceAnnotationKeys() {}
}
