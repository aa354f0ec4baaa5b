package io.lbc.gateway;

import io.lbc.k8s.gateway.KeyValue;
import io.lbc.k8s.gateway.LoadBalancerConfigurationSpec;
import io.lbc.k8s.gateway.LoadBalancerConfigurationSpec.ListenerConfiguration;
import io.lbc.k8s.gateway.LoadBalancerConfigurationSpec.MergingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Merges the GatewayClass's and the Gateway's LoadBalancerConfiguration (gateway-spec §3.4): the
 * class's {@code mergingMode} picks the side that wins; scalar fields take one side, tags,
 * attributes and listener configurations merge per key. Unlike the reference, {@code
 * minimumLoadBalancerCapacity} is kept (§7.6).
 */
public final class LoadBalancerConfigMerge {
  private LoadBalancerConfigMerge() {}

  public static Optional<LoadBalancerConfigurationSpec> merge(
      Optional<LoadBalancerConfigurationSpec> classLevel,
      Optional<LoadBalancerConfigurationSpec> gatewayLevel) {
    if (classLevel.isEmpty() || gatewayLevel.isEmpty()) {
      return classLevel.isPresent() ? classLevel : gatewayLevel;
    }
    boolean preferGateway = classLevel.get().mergingMode == MergingMode.PREFER_GATEWAY;
    var high = preferGateway ? gatewayLevel.get() : classLevel.get();
    var low = preferGateway ? classLevel.get() : gatewayLevel.get();
    var merged = new LoadBalancerConfigurationSpec();
    merged.loadBalancerName = pick(high, low, s -> s.loadBalancerName);
    merged.scheme = pick(high, low, s -> s.scheme);
    merged.ipAddressType = pick(high, low, s -> s.ipAddressType);
    merged.enforceSecurityGroupInboundRulesOnPrivateLinkTraffic =
        pick(high, low, s -> s.enforceSecurityGroupInboundRulesOnPrivateLinkTraffic);
    merged.customerOwnedIpv4Pool = pick(high, low, s -> s.customerOwnedIpv4Pool);
    merged.ipv4IpamPoolId = pick(high, low, s -> s.ipv4IpamPoolId);
    merged.loadBalancerSubnets = pick(high, low, s -> s.loadBalancerSubnets);
    merged.loadBalancerSubnetsSelector = pick(high, low, s -> s.loadBalancerSubnetsSelector);
    merged.securityGroups = pick(high, low, s -> s.securityGroups);
    merged.securityGroupPrefixes = pick(high, low, s -> s.securityGroupPrefixes);
    merged.sourceRanges = pick(high, low, s -> s.sourceRanges);
    merged.enableIcmp = pick(high, low, s -> s.enableIcmp);
    merged.manageBackendSecurityGroupRules =
        pick(high, low, s -> s.manageBackendSecurityGroupRules);
    merged.wafV2 = pick(high, low, s -> s.wafV2);
    merged.shieldConfiguration = pick(high, low, s -> s.shieldConfiguration);
    merged.disableSecurityGroup = pick(high, low, s -> s.disableSecurityGroup);
    merged.defaultTargetGroupConfiguration =
        pick(high, low, s -> s.defaultTargetGroupConfiguration);
    merged.minimumLoadBalancerCapacity = pick(high, low, s -> s.minimumLoadBalancerCapacity);
    merged.tags = mergeMaps(low.tags, high.tags);
    merged.loadBalancerAttributes =
        mergeAttributes(low.loadBalancerAttributes, high.loadBalancerAttributes);
    merged.listenerConfigurations =
        mergeListeners(low.listenerConfigurations, high.listenerConfigurations);
    return Optional.of(merged);
  }

  private static <T> T pick(
      LoadBalancerConfigurationSpec high,
      LoadBalancerConfigurationSpec low,
      Function<LoadBalancerConfigurationSpec, T> field) {
    T value = field.apply(high);
    return value != null ? value : field.apply(low);
  }

  private static Map<String, String> mergeMaps(Map<String, String> low, Map<String, String> high) {
    if (low == null && high == null) {
      return null;
    }
    var result = new LinkedHashMap<String, String>();
    if (low != null) {
      result.putAll(low);
    }
    if (high != null) {
      result.putAll(high);
    }
    return result;
  }

  private static List<KeyValue> mergeAttributes(List<KeyValue> low, List<KeyValue> high) {
    if (low == null && high == null) {
      return null;
    }
    var byKey = new TreeMap<String, String>();
    (low == null ? List.<KeyValue>of() : low).forEach(a -> byKey.put(a.key, a.value));
    (high == null ? List.<KeyValue>of() : high).forEach(a -> byKey.put(a.key, a.value));
    var result = new ArrayList<KeyValue>();
    byKey.forEach((k, v) -> result.add(new KeyValue(k, v)));
    return result;
  }

  private static List<ListenerConfiguration> mergeListeners(
      List<ListenerConfiguration> low, List<ListenerConfiguration> high) {
    if (low == null && high == null) {
      return null;
    }
    var byKey = new TreeMap<String, ListenerConfiguration>();
    (low == null ? List.<ListenerConfiguration>of() : low)
        .forEach(l -> byKey.put(l.protocolPort, l));
    (high == null ? List.<ListenerConfiguration>of() : high)
        .forEach(l -> byKey.put(l.protocolPort, l));
    return new ArrayList<>(byKey.values());
  }
}
