package io.lbc.deploy.k8s;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.lbc.deploy.ResolvedTokens;
import io.lbc.k8s.TargetGroupBinding;
import io.lbc.k8s.TargetGroupBindingSpec;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec.NetworkingIngressRule;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec.NetworkingPeer;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec.NetworkingPort;
import io.lbc.model.k8s.TargetGroupBindingResourceSpec.Template;
import java.util.HashMap;

/** Turns a stack's binding template, references resolved, into a TargetGroupBinding object. */
final class BindingTemplates {
  private BindingTemplates() {}

  static TargetGroupBinding toBinding(Template template, ResolvedTokens tokens) {
    var binding = new TargetGroupBinding();
    var metadata = template.metadata();
    binding.setMetadata(
        new ObjectMetaBuilder()
            .withName(metadata.name())
            .withNamespace(metadata.namespace())
            .withLabels(
                metadata.labels() == null ? new HashMap<>() : new HashMap<>(metadata.labels()))
            .withAnnotations(
                metadata.annotations() == null ? null : new HashMap<>(metadata.annotations()))
            .build());
    var source = template.spec();
    var spec = new TargetGroupBindingSpec();
    spec.targetGroupARN = tokens.resolve(source.targetGroupARN());
    spec.targetType = enumOf(TargetGroupBindingSpec.BindingTargetType.class, source.targetType());
    spec.serviceRef =
        new TargetGroupBindingSpec.ServiceReference(
            source.serviceRef().name(), intOrString(source.serviceRef().port()));
    if (source.networking() != null) {
      spec.networking = new TargetGroupBindingSpec.Networking();
      spec.networking.ingress =
          source.networking().ingress().stream().map(r -> rule(r, tokens)).toList();
    }
    if (source.nodeSelector() != null && !source.nodeSelector().isEmpty()) {
      spec.nodeSelector = new LabelSelector(null, new HashMap<>(source.nodeSelector()));
    }
    spec.ipAddressType =
        enumOf(TargetGroupBindingSpec.BindingIpAddressType.class, source.ipAddressType());
    spec.vpcID = source.vpcID();
    spec.targetGroupProtocol =
        source.targetGroupProtocol() == null
            ? null
            : TargetGroupBindingSpec.TargetGroupProtocol.valueOf(source.targetGroupProtocol());
    spec.multiClusterTargetGroup =
        Boolean.TRUE.equals(source.multiClusterTargetGroup()) ? Boolean.TRUE : null;
    binding.setSpec(spec);
    return binding;
  }

  private static TargetGroupBindingSpec.NetworkingIngressRule rule(
      NetworkingIngressRule source, ResolvedTokens tokens) {
    var rule = new TargetGroupBindingSpec.NetworkingIngressRule();
    rule.from = source.from().stream().map(p -> peer(p, tokens)).toList();
    rule.ports = source.ports().stream().map(BindingTemplates::port).toList();
    return rule;
  }

  private static TargetGroupBindingSpec.NetworkingPeer peer(
      NetworkingPeer source, ResolvedTokens tokens) {
    var peer = new TargetGroupBindingSpec.NetworkingPeer();
    if (source.ipBlock() != null) {
      peer.ipBlock = new TargetGroupBindingSpec.IpBlock();
      peer.ipBlock.cidr = source.ipBlock().cidr();
    } else {
      peer.securityGroup = new TargetGroupBindingSpec.SecurityGroupPeer();
      peer.securityGroup.groupID = tokens.resolve(source.securityGroup().groupID());
    }
    return peer;
  }

  private static TargetGroupBindingSpec.NetworkingPort port(NetworkingPort source) {
    var port = new TargetGroupBindingSpec.NetworkingPort();
    port.protocol =
        source.protocol() == null
            ? null
            : TargetGroupBindingSpec.NetworkingProtocol.valueOf(source.protocol());
    port.port = source.port() == null ? null : intOrString(source.port());
    return port;
  }

  static IntOrString intOrString(Object value) {
    if (value instanceof Integer number) {
      return new IntOrString(number);
    }
    String text = String.valueOf(value);
    return text.matches("\\d+") ? new IntOrString(Integer.parseInt(text)) : new IntOrString(text);
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, String value) {
    if (value == null) {
      return null;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value)) {
        return constant;
      }
    }
    throw new IllegalArgumentException(value + " is not a " + type.getSimpleName());
  }
}
