package io.lbc.ingress;

import io.lbc.model.LoadBalancerScheme;
import io.lbc.model.UserInputException;
import io.lbc.model.elbv2.MutualAuthentication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * The group's settings, merged member by member in group order (compat-spec §1.2 scopes). The first
 * member to set a value fixes it; a later member that disagrees is left out with an error naming
 * both sides (the reference fails the whole group instead, user pain #4).
 */
final class GroupSettings {
  static final int MAX_TRUST_STORES = 2;

  Provided<LoadBalancerScheme> scheme;
  Provided<String> ipAddressType;
  Provided<String> loadBalancerName;
  Provided<SubnetChoice> subnets;
  Provided<List<String>> securityGroups;
  Provided<Boolean> manageBackendSecurityGroupRules;
  Provided<String> customerOwnedIpv4Pool;
  Provided<Integer> sslRedirectPort;
  final Map<String, Provided<String>> loadBalancerAttributes = new LinkedHashMap<>();
  Map<String, String> classLoadBalancerAttributes;
  final Map<String, Provided<String>> tags = new LinkedHashMap<>();
  final SortedMap<Integer, PortSettings> ports = new TreeMap<>();
  Provided<RuleDraft> defaultBackend;
  Provided<String> wafv2AclArn;
  Provided<String> wafRegionalAclId;
  Provided<Boolean> shieldProtection;
  final FrontendNlbSettings frontendNlb = new FrontendNlbSettings();
  final List<MemberPlan> members = new ArrayList<>();

  /** Adds the member, or throws (changing nothing) when it disagrees with earlier members. */
  void add(MemberPlan plan) {
    check(plan);
    apply(plan);
  }

  private void check(MemberPlan plan) {
    MemberSettings s = plan.settings();
    agree(scheme, s.scheme(), Object::equals);
    agree(ipAddressType, s.ipAddressType(), Object::equals);
    agree(loadBalancerName, s.loadBalancerName(), Object::equals);
    agree(subnets, s.subnets(), SubnetChoice::agreesWith);
    agree(securityGroups, s.securityGroups(), Object::equals);
    agree(manageBackendSecurityGroupRules, s.manageBackendSecurityGroupRules(), Object::equals);
    agree(customerOwnedIpv4Pool, s.customerOwnedIpv4Pool(), Object::equals);
    agree(sslRedirectPort, s.sslRedirectPort(), Object::equals);
    agree(wafv2AclArn, plan.addOns().wafv2AclArn(), Object::equals);
    agree(wafRegionalAclId, plan.addOns().wafRegionalAclId(), Object::equals);
    agree(shieldProtection, plan.addOns().shieldProtection(), Object::equals);
    Map<String, String> classAttributes =
        classLoadBalancerAttributes == null
            ? s.classLoadBalancerAttributes()
            : classLoadBalancerAttributes;
    s.loadBalancerAttributes()
        .forEach(
            (key, value) -> {
              Provided<String> earlier = loadBalancerAttributes.get(key);
              if (earlier != null
                  && !earlier.value().equals(value)
                  && !classAttributes.containsKey(key)) {
                throw new Provided<>(key + "=" + earlier.value(), earlier.field(), earlier.member())
                    .conflict(earlier.field(), key + "=" + value);
              }
            });
    s.tags()
        .forEach(
            (key, value) -> {
              Provided<String> earlier = tags.get(key);
              if (earlier != null && !earlier.value().equals(value)) {
                throw new Provided<>(key + "=" + earlier.value(), earlier.field(), earlier.member())
                    .conflict(earlier.field(), key + "=" + value);
              }
            });
    s.ports()
        .forEach(
            (port, config) -> {
              PortSettings merged = ports.get(port);
              if (merged != null) {
                merged.check(plan, config);
              }
            });
    checkTrustStoreLimit(s);
    frontendNlb.check(plan);
    if (plan.defaultBackend().isPresent() && defaultBackend != null) {
      throw new UserInputException(
          "spec.defaultBackend",
          "conflicts with the default backend of "
              + defaultBackend.member()
              + "; only one member of an IngressGroup may set spec.defaultBackend");
    }
  }

  /** An ALB takes at most two trust stores across its listeners (AWS quota, compat-spec #25). */
  private void checkTrustStoreLimit(MemberSettings s) {
    var values = new ArrayList<MutualAuthentication>();
    ports.values().stream()
        .filter(p -> p.mutualAuthentication != null)
        .forEach(p -> values.add(p.mutualAuthentication.value()));
    s.ports().values().forEach(c -> c.mutualAuthentication().ifPresent(m -> values.add(m.value())));
    Set<String> trustStores = MutualAuthenticationReader.trustStores(values);
    if (trustStores.size() > MAX_TRUST_STORES) {
      throw new UserInputException(
          MutualAuthenticationReader.KEY,
          "the group's listeners would use "
              + trustStores.size()
              + " trust stores "
              + trustStores
              + "; an Application Load Balancer takes at most "
              + MAX_TRUST_STORES);
    }
  }

  static <T> void agree(Provided<T> earlier, Optional<Setting<T>> later, BiPredicate<T, T> same) {
    if (earlier != null && later.isPresent() && !same.test(earlier.value(), later.get().value())) {
      throw earlier.conflict(later.get().field(), later.get().value());
    }
  }

  private void apply(MemberPlan plan) {
    MemberSettings s = plan.settings();
    scheme = first(scheme, s.scheme(), plan);
    ipAddressType = first(ipAddressType, s.ipAddressType(), plan);
    loadBalancerName = first(loadBalancerName, s.loadBalancerName(), plan);
    subnets = first(subnets, s.subnets(), plan);
    securityGroups = first(securityGroups, s.securityGroups(), plan);
    manageBackendSecurityGroupRules =
        first(manageBackendSecurityGroupRules, s.manageBackendSecurityGroupRules(), plan);
    customerOwnedIpv4Pool = first(customerOwnedIpv4Pool, s.customerOwnedIpv4Pool(), plan);
    sslRedirectPort = first(sslRedirectPort, s.sslRedirectPort(), plan);
    wafv2AclArn = first(wafv2AclArn, plan.addOns().wafv2AclArn(), plan);
    wafRegionalAclId = first(wafRegionalAclId, plan.addOns().wafRegionalAclId(), plan);
    shieldProtection = first(shieldProtection, plan.addOns().shieldProtection(), plan);
    if (classLoadBalancerAttributes == null) {
      classLoadBalancerAttributes = s.classLoadBalancerAttributes();
    }
    String attributesField =
        "alb.ingress.kubernetes.io/" + LoadBalancerSettingsReader.LOAD_BALANCER_ATTRIBUTES;
    s.loadBalancerAttributes()
        .forEach(
            (k, v) ->
                loadBalancerAttributes.put(k, new Provided<>(v, attributesField, plan.key())));
    String tagsField = "alb.ingress.kubernetes.io/" + LoadBalancerSettingsReader.TAGS;
    s.tags().forEach((k, v) -> tags.putIfAbsent(k, new Provided<>(v, tagsField, plan.key())));
    s.ports()
        .forEach(
            (port, config) ->
                ports
                    .computeIfAbsent(
                        port,
                        p ->
                            new PortSettings(
                                p,
                                new Provided<>(config.protocol(), ListenPorts.KEY, plan.key()),
                                config.classListenerAttributes()))
                    .add(plan, config));
    if (plan.defaultBackend().isPresent()) {
      defaultBackend =
          new Provided<>(plan.defaultBackend().get(), "spec.defaultBackend", plan.key());
    }
    frontendNlb.apply(plan);
    members.add(plan);
  }

  static <T> Provided<T> first(Provided<T> earlier, Optional<Setting<T>> later, MemberPlan plan) {
    return earlier != null ? earlier : later.map(s -> Provided.of(s, plan)).orElse(null);
  }

  /** The load balancer attributes: IngressClassParams ones win per key. */
  Map<String, String> loadBalancerAttributes() {
    var result = new TreeMap<String, String>();
    loadBalancerAttributes.forEach((k, v) -> result.put(k, v.value()));
    if (classLoadBalancerAttributes != null) {
      result.putAll(classLoadBalancerAttributes);
    }
    return result;
  }

  Map<String, String> tags() {
    var result = new LinkedHashMap<String, String>();
    tags.forEach((k, v) -> result.put(k, v.value()));
    return result;
  }
}
