package io.lbc.rig;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag;

/**
 * What the reference controller (v3.5) leaves in AWS and in the cluster, written with the raw SDK
 * and fabric8 so that an adoption test starts from the reference's layout and not from ours. Values
 * follow compat-spec §5 (names, tracking tags), §6.2 (security groups and their rules) and §3.1
 * (TargetGroupBinding metadata).
 */
public final class ReferenceLayout {
  /** The tag every resource the reference creates carries, with the cluster name. */
  public static final String CLUSTER_TAG = "elbv2.k8s.aws/cluster";

  /** The description the reference gives node and pod ENI rules it owns. */
  public static final String NODE_RULE_DESCRIPTION = "elbv2.k8s.aws/targetGroupBinding=shared";

  /**
   * The shared backend group's name for the rig's cluster: {@code k8s-traffic-rig-} + the first 10
   * hex digits of sha256("rig"), computed with Python's hashlib rather than with our code.
   */
  public static final String RIG_BACKEND_SG_NAME = "k8s-traffic-rig-c00ae0a633";

  /** The finalizer the reference's TargetGroupBinding reconciler adds. */
  public static final String TGB_FINALIZER = "elbv2.k8s.aws/resources";

  private static final ResourceDefinitionContext TGB =
      new ResourceDefinitionContext.Builder()
          .withGroup("elbv2.k8s.aws")
          .withVersion("v1beta1")
          .withKind("TargetGroupBinding")
          .withPlural("targetgroupbindings")
          .withNamespaced(true)
          .build();

  private ReferenceLayout() {}

  /**
   * The tracking tags of a stack's resource: cluster, {@code <prefix>/stack} and {@code
   * <prefix>/resource} (prefix {@code ingress.k8s.aws} or {@code service.k8s.aws}).
   */
  public static Map<String, String> trackingTags(
      String cluster, String prefix, String stack, String resource) {
    var tags = new LinkedHashMap<String, String>();
    tags.put(CLUSTER_TAG, cluster);
    tags.put(prefix + "/stack", stack);
    tags.put(prefix + "/resource", resource);
    return tags;
  }

  public static List<Tag> elbTags(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }

  /**
   * The shared backend security group, {@code k8s-traffic-<cluster>-<hash10(cluster)>}, tagged
   * {@code elbv2.k8s.aws/resource: backend-sg} and without rules of its own.
   */
  public static String backendSecurityGroup(
      Ec2Client ec2, String vpcId, String cluster, String name) {
    return securityGroup(
        ec2,
        vpcId,
        name,
        "[k8s] Shared Backend SecurityGroup for LoadBalancer",
        Map.of(CLUSTER_TAG, cluster, "elbv2.k8s.aws/resource", "backend-sg"));
  }

  /** A load balancer's managed security group, open on each listener port from anywhere. */
  public static String managedSecurityGroup(
      Ec2Client ec2,
      String vpcId,
      String name,
      Map<String, String> tags,
      String protocol,
      int... ports) {
    String group =
        securityGroup(ec2, vpcId, name, "[k8s] Managed SecurityGroup for LoadBalancer", tags);
    var permissions = new ArrayList<IpPermission>();
    for (int port : ports) {
      permissions.add(
          IpPermission.builder()
              .ipProtocol(protocol)
              .fromPort(port)
              .toPort(port)
              .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build())
              .build());
    }
    ec2.authorizeSecurityGroupIngress(r -> r.groupId(group).ipPermissions(permissions));
    return group;
  }

  private static String securityGroup(
      Ec2Client ec2, String vpcId, String name, String description, Map<String, String> tags) {
    return ec2.createSecurityGroup(
            r ->
                r.groupName(name)
                    .description(description)
                    .vpcId(vpcId)
                    .tagSpecifications(
                        TagSpecification.builder()
                            .resourceType(ResourceType.SECURITY_GROUP)
                            .tags(
                                tags.entrySet().stream()
                                    .map(e -> AwsFixtures.tag(e.getKey(), e.getValue()))
                                    .toList())
                            .build()))
        .groupId();
  }

  /**
   * The rule the reference puts on a node or pod ENI group for a TargetGroupBinding: tcp {@code
   * fromPort-toPort} from the source group, described as its own.
   */
  public static void allowFromGroup(
      Ec2Client ec2, String targetGroupId, String sourceGroupId, int fromPort, int toPort) {
    ec2.authorizeSecurityGroupIngress(
        r ->
            r.groupId(targetGroupId)
                .ipPermissions(
                    IpPermission.builder()
                        .ipProtocol("tcp")
                        .fromPort(fromPort)
                        .toPort(toPort)
                        .userIdGroupPairs(
                            UserIdGroupPair.builder()
                                .groupId(sourceGroupId)
                                .description(NODE_RULE_DESCRIPTION)
                                .build())
                        .build()));
  }

  /**
   * A TargetGroupBinding as the reference writes it (name = target group name, the stack labels)
   * and as its TGB reconciler leaves it (with its finalizer). {@code spec} is the object's spec in
   * the CRD's JSON shape.
   */
  public static GenericKubernetesResource targetGroupBinding(
      KubernetesClient kube,
      String namespace,
      String name,
      Map<String, String> labels,
      Map<String, Object> spec) {
    var binding = new GenericKubernetesResource();
    binding.setApiVersion("elbv2.k8s.aws/v1beta1");
    binding.setKind("TargetGroupBinding");
    binding.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(namespace)
            .withName(name)
            .withLabels(labels)
            .withFinalizers(TGB_FINALIZER)
            .build());
    binding.setAdditionalProperty("spec", spec);
    return kube.genericKubernetesResources(TGB).inNamespace(namespace).resource(binding).create();
  }

  /** The TargetGroupBinding objects of the namespace, as generic resources. */
  public static List<GenericKubernetesResource> targetGroupBindings(
      KubernetesClient kube, String namespace) {
    return kube.genericKubernetesResources(TGB).inNamespace(namespace).list().getItems();
  }

  /**
   * The {@code networking} of a TGB the reference builds: tcp on the port from the backend group.
   */
  public static Map<String, Object> networkingFrom(String backendGroupId, int port) {
    return Map.of(
        "ingress",
        List.of(
            Map.of(
                "from", List.of(Map.of("securityGroup", Map.of("groupID", backendGroupId))),
                "ports", List.of(Map.of("protocol", "TCP", "port", port)))));
  }

  /** Adds the finalizer and writes the status of an Ingress or Service as the reference does. */
  public static <T extends HasMetadata> void finalizeAndReport(
      KubernetesClient kube, T object, String finalizer, UnaryOperator<T> status) {
    T stored =
        kube.resource(object)
            .edit(
                o -> {
                  o.getMetadata().getFinalizers().add(finalizer);
                  return o;
                });
    kube.resource(status.apply(stored)).updateStatus();
  }

  /** Each TargetGroupBinding's labels, finalizers and spec, by name. */
  public static Map<String, String> bindings(KubernetesClient kube, String namespace) {
    var found = new TreeMap<String, String>();
    targetGroupBindings(kube, namespace)
        .forEach(
            b ->
                found.put(
                    b.getMetadata().getName(),
                    new TreeMap<>(b.getMetadata().getLabels())
                        + " "
                        + b.getMetadata().getFinalizers()
                        + " "
                        + b.getAdditionalProperties().get("spec")));
    return found;
  }

  /**
   * What the reference does after creating or updating a secure listener: every certificate of the
   * listener, the default one included, added to its list, one AddListenerCertificates call each.
   */
  public static void addListenerCertificates(
      ElasticLoadBalancingV2Client elbv2, String listenerArn, List<String> certificateArns) {
    for (String arn : certificateArns) {
      elbv2.addListenerCertificates(
          r -> r.listenerArn(listenerArn).certificates(c -> c.certificateArn(arn)));
    }
  }

  /** The inbound rules of each security group, by group name. */
  public static Map<String, String> rulesOf(Ec2Client ec2, String... groupIds) {
    var found = new TreeMap<String, String>();
    ec2.describeSecurityGroups(r -> r.groupIds(groupIds))
        .securityGroups()
        .forEach(sg -> found.put(sg.groupName(), rules(sg.ipPermissions())));
    return found;
  }

  /** Inbound rules as sorted text: protocol, ports, CIDRs, source groups with descriptions. */
  public static String rules(List<IpPermission> permissions) {
    return permissions.stream()
        .map(
            p ->
                p.ipProtocol()
                    + " "
                    + p.fromPort()
                    + "-"
                    + p.toPort()
                    + " "
                    + p.ipRanges().stream().map(IpRange::cidrIp).toList()
                    + " "
                    + p.userIdGroupPairs().stream()
                        .map(g -> g.groupId() + "(" + g.description() + ")")
                        .toList())
        .sorted()
        .toList()
        .toString();
  }
}
