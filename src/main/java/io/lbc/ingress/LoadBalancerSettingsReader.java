package io.lbc.ingress;

import io.lbc.annotations.KeyInventory;
import io.lbc.annotations.Surface;
import io.lbc.config.ClusterContext;
import io.lbc.k8s.IngressClassParamsSpec;
import io.lbc.model.LoadBalancerScheme;
import io.lbc.model.UserInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

/**
 * Reads one member's load balancer settings (compat-spec §1.3 #3–#13, #20), IngressClassParams
 * fields over annotations. Every malformed value throws {@link UserInputException} naming it.
 */
final class LoadBalancerSettingsReader {
  static final String SCHEME = KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "scheme");
  static final String IP_ADDRESS_TYPE =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "ip-address-type");
  static final String LOAD_BALANCER_NAME =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "load-balancer-name");
  static final String SUBNETS = KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "subnets");
  static final String SECURITY_GROUPS =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "security-groups");
  static final String MANAGE_BACKEND_SG_RULES =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "manage-backend-security-group-rules");
  static final String CUSTOMER_OWNED_IPV4_POOL =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "customer-owned-ipv4-pool");
  static final String SSL_REDIRECT =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "ssl-redirect");
  static final String LOAD_BALANCER_ATTRIBUTES =
      KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "load-balancer-attributes");
  static final String TAGS = KeyInventory.honoured(Surface.INGRESS_ANNOTATION, "tags");
  static final Set<String> IP_ADDRESS_TYPES =
      Set.of("ipv4", "dualstack", "dualstack-without-public-ipv4");
  private static final int MAX_NAME = 32;

  private final ClusterContext cluster;

  LoadBalancerSettingsReader(ClusterContext cluster) {
    this.cluster = cluster;
  }

  MemberSettings read(MemberSource source, SortedMap<Integer, PortConfig> ports) {
    return new MemberSettings(
        scheme(source),
        ipAddressType(source),
        name(source),
        subnets(source),
        source
            .annotations()
            .stringList(SECURITY_GROUPS)
            .map(v -> source.fromAnnotation(SECURITY_GROUPS, v)),
        manageBackendRules(source),
        customerOwnedPool(source),
        sslRedirect(source),
        source.annotations().stringMap(LOAD_BALANCER_ATTRIBUTES).orElse(Map.of()),
        source.params().map(p -> attributes(p.loadBalancerAttributes)).orElse(Map.of()),
        tags(source, cluster),
        ports,
        LoadBalancerExtrasReader.minimumCapacity(source, cluster),
        LoadBalancerExtrasReader.ipamPool(source));
  }

  private static Optional<Setting<LoadBalancerScheme>> scheme(MemberSource source) {
    var params = source.params().map(p -> p.scheme);
    if (params.isPresent()) {
      return Optional.of(
          source.fromParams(
              "scheme",
              params.get() == IngressClassParamsSpec.Scheme.INTERNET_FACING
                  ? LoadBalancerScheme.INTERNET_FACING
                  : LoadBalancerScheme.INTERNAL));
    }
    return source
        .annotations()
        .string(SCHEME)
        .map(
            raw ->
                source.fromAnnotation(
                    SCHEME,
                    LoadBalancerScheme.parse(raw)
                        .orElseThrow(
                            () ->
                                source
                                    .annotations()
                                    .invalid(
                                        SCHEME,
                                        "'" + raw + "' is not one of internal, internet-facing"))));
  }

  private static Optional<Setting<String>> ipAddressType(MemberSource source) {
    var params = source.params().map(p -> p.ipAddressType);
    if (params.isPresent()) {
      String value =
          switch (params.get()) {
            case IPV4 -> "ipv4";
            case DUALSTACK -> "dualstack";
            case DUALSTACK_WITHOUT_PUBLIC_IPV4 -> "dualstack-without-public-ipv4";
          };
      return Optional.of(source.fromParams("ipAddressType", value));
    }
    Optional<String> raw = source.annotations().string(IP_ADDRESS_TYPE);
    if (raw.isPresent() && !IP_ADDRESS_TYPES.contains(raw.get())) {
      throw source
          .annotations()
          .invalid(
              IP_ADDRESS_TYPE,
              "'" + raw.get() + "' is not one of ipv4, dualstack, dualstack-without-public-ipv4");
    }
    return raw.map(v -> source.fromAnnotation(IP_ADDRESS_TYPE, v));
  }

  private static Optional<Setting<String>> name(MemberSource source) {
    var params = source.params().map(p -> p.loadBalancerName).filter(n -> !n.isEmpty());
    Setting<String> name =
        params
            .map(n -> source.fromParams("loadBalancerName", n))
            .or(
                () ->
                    source
                        .annotations()
                        .string(LOAD_BALANCER_NAME)
                        .map(n -> source.fromAnnotation(LOAD_BALANCER_NAME, n)))
            .orElse(null);
    if (name != null && name.value().length() > MAX_NAME) {
      throw new UserInputException(
          name.field(),
          "'" + name.value() + "' is longer than the " + MAX_NAME + " characters AWS allows");
    }
    return Optional.ofNullable(name);
  }

  private static Optional<Setting<SubnetChoice>> subnets(MemberSource source) {
    var selector = source.params().map(p -> p.subnets);
    if (selector.isPresent()) {
      var ids = Optional.ofNullable(selector.get().ids).filter(l -> !l.isEmpty());
      var tags = Optional.ofNullable(selector.get().tags).filter(m -> !m.isEmpty());
      if (ids.isPresent() == tags.isPresent()) {
        throw new UserInputException(
            source.paramsField("subnets"), "set exactly one of subnets.ids and subnets.tags");
      }
      return Optional.of(
          source.fromParams(
              "subnets", new SubnetChoice(ids.map(List::copyOf), tags.map(Map::copyOf), true)));
    }
    return source
        .annotations()
        .stringList(SUBNETS)
        .map(
            list -> {
              if (list.isEmpty()) {
                throw source.annotations().invalid(SUBNETS, "names no subnet");
              }
              return source.fromAnnotation(
                  SUBNETS, new SubnetChoice(Optional.of(list), Optional.empty(), false));
            });
  }

  private Optional<Setting<Boolean>> manageBackendRules(MemberSource source) {
    Optional<Boolean> value = source.annotations().bool(MANAGE_BACKEND_SG_RULES);
    if (value.orElse(false) && !cluster.build().enableBackendSecurityGroup()) {
      throw source
          .annotations()
          .invalid(
              MANAGE_BACKEND_SG_RULES,
              "needs the shared backend security group, which --enable-backend-security-group=false"
                  + " turns off");
    }
    return value.map(v -> source.fromAnnotation(MANAGE_BACKEND_SG_RULES, v));
  }

  private static Optional<Setting<String>> customerOwnedPool(MemberSource source) {
    Optional<String> pool = source.annotations().string(CUSTOMER_OWNED_IPV4_POOL);
    if (pool.isPresent() && pool.get().isBlank()) {
      throw source
          .annotations()
          .invalid(
              CUSTOMER_OWNED_IPV4_POOL, "is empty; remove it or name a pool (ipv4pool-coip-...)");
    }
    return pool.map(p -> source.fromAnnotation(CUSTOMER_OWNED_IPV4_POOL, p));
  }

  private static Optional<Setting<Integer>> sslRedirect(MemberSource source) {
    var params = source.params().map(p -> p.sslRedirectPort).filter(p -> !p.isEmpty());
    if (params.isPresent()) {
      try {
        return Optional.of(
            source.fromParams("sslRedirectPort", Integer.parseInt(params.get().trim())));
      } catch (NumberFormatException e) {
        throw new UserInputException(
            source.paramsField("sslRedirectPort"), "'" + params.get() + "' is not a port number");
      }
    }
    return source
        .annotations()
        .int32(SSL_REDIRECT)
        .map(p -> source.fromAnnotation(SSL_REDIRECT, p));
  }

  /** IngressClassParams tags over annotation tags; no key may be one managed outside. */
  static Map<String, String> tags(MemberSource source, ClusterContext cluster) {
    Map<String, String> annotationTags = source.annotations().stringMap(TAGS).orElse(Map.of());
    Map<String, String> classTags = source.params().map(p -> attributes(p.tags)).orElse(Map.of());
    rejectExternallyManaged(source.annotations().key(TAGS), annotationTags, cluster);
    rejectExternallyManaged(source.paramsField("tags"), classTags, cluster);
    var merged = new LinkedHashMap<String, String>(annotationTags);
    merged.putAll(classTags);
    return merged;
  }

  static void rejectExternallyManaged(
      String field, Map<String, String> tags, ClusterContext cluster) {
    for (String key : tags.keySet()) {
      if (cluster.build().externalManagedTags().contains(key)) {
        throw new UserInputException(
            field,
            "tag key '" + key + "' is managed outside the controller (--external-managed-tags)");
      }
    }
  }

  static Map<String, String> attributes(List<IngressClassParamsSpec.Attribute> attributes) {
    var result = new LinkedHashMap<String, String>();
    if (attributes != null) {
      attributes.forEach(a -> result.put(a.key, a.value));
    }
    return result;
  }
}
