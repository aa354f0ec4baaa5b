package io.lbc.service;

import static io.lbc.service.ServiceAnnotationKeys.INTERNAL;
import static io.lbc.service.ServiceAnnotationKeys.IP_ADDRESS_TYPE;
import static io.lbc.service.ServiceAnnotationKeys.NAME;
import static io.lbc.service.ServiceAnnotationKeys.SCHEME;

import io.lbc.aws.elbv2.LoadBalancer;
import io.lbc.model.LoadBalancerScheme;
import io.lbc.model.Names;
import java.util.Optional;

/** The NLB's scheme, IP address type and name (compat-spec §2.2 rows 3–6, §5.1). */
final class Addressing {
  static final String IPV4 = "ipv4";
  static final String DUALSTACK = "dualstack";

  private Addressing() {}

  /**
   * aws-load-balancer-scheme, else the deprecated aws-load-balancer-internal, else the existing
   * NLB's scheme (so that a changed default never replaces a load balancer), else the default.
   */
  static LoadBalancerScheme scheme(BuildContext context, Optional<LoadBalancer> existing) {
    var annotations = context.annotations();
    Optional<String> explicit = annotations.string(SCHEME);
    if (explicit.isPresent()) {
      return LoadBalancerScheme.parse(explicit.get())
          .orElseThrow(
              () ->
                  annotations.invalid(
                      SCHEME,
                      "unknown scheme '" + explicit.get() + "' (use internal or internet-facing)"));
    }
    Optional<Boolean> internal = annotations.bool(INTERNAL);
    if (internal.isPresent()) {
      return internal.get() ? LoadBalancerScheme.INTERNAL : LoadBalancerScheme.INTERNET_FACING;
    }
    if (existing.isPresent()) {
      String actual = existing.get().scheme();
      return LoadBalancerScheme.parse(actual)
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "load balancer " + existing.get().arn() + " has unknown scheme " + actual));
    }
    return context.cluster().defaults().scheme();
  }

  static String ipAddressType(BuildContext context) {
    String value = context.annotations().string(IP_ADDRESS_TYPE).orElse(IPV4);
    if (!value.equals(IPV4) && !value.equals(DUALSTACK)) {
      throw context
          .annotations()
          .invalid(
              IP_ADDRESS_TYPE, "unknown IP address type '" + value + "' (use ipv4 or dualstack)");
    }
    return value;
  }

  /** The annotation's name, or {@code k8s-<ns8>-<name8>-<hash10>} over cluster, UID and scheme. */
  static String name(BuildContext context, LoadBalancerScheme scheme) {
    Optional<String> explicit = context.annotations().string(NAME);
    if (explicit.isPresent()) {
      if (explicit.get().length() > 32) {
        throw context
            .annotations()
            .invalid(NAME, "'" + explicit.get() + "' is longer than 32 characters");
      }
      return explicit.get();
    }
    var service = context.service();
    return Names.namespacedName(
        service.namespace(),
        service.name(),
        Names.hash(context.cluster().clusterName(), service.uid(), scheme.value()));
  }
}
