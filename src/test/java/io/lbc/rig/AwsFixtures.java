package io.lbc.rig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetTypeEnum;
import software.amazon.awssdk.services.waf.regional.WafRegionalClient;
import software.amazon.awssdk.services.wafv2.Wafv2Client;

/** Arranges AWS state in moto the way a real cluster's VPC would look. */
public final class AwsFixtures {
  /** Self-signed certificates made so far, by key type and names. */
  private static final Map<String, Pem> CERTIFICATES = new ConcurrentHashMap<>();

  private AwsFixtures() {}

  /** A VPC with one public and one private subnet in each of two zones, tagged for discovery. */
  public record TestVpc(
      String vpcId, List<String> publicSubnetIds, List<String> privateSubnetIds) {}

  public static TestVpc clusterVpc(Ec2Client ec2, String clusterName) {
    String vpcId =
        ec2.createVpc(
                r ->
                    r.cidrBlock("10.0.0.0/16")
                        .tagSpecifications(
                            tags(ResourceType.VPC, tag("Name", clusterName + "-vpc"))))
            .vpc()
            .vpcId();
    String clusterTag = "kubernetes.io/cluster/" + clusterName;
    List<String> publicSubnets =
        List.of(
            subnet(
                ec2,
                vpcId,
                "10.0.1.0/24",
                "us-west-2a",
                "public-a",
                tag("kubernetes.io/role/elb", "1"),
                tag(clusterTag, "owned")),
            subnet(
                ec2,
                vpcId,
                "10.0.2.0/24",
                "us-west-2b",
                "public-b",
                tag("kubernetes.io/role/elb", "1"),
                tag(clusterTag, "owned")));
    List<String> privateSubnets =
        List.of(
            subnet(
                ec2,
                vpcId,
                "10.0.11.0/24",
                "us-west-2a",
                "private-a",
                tag("kubernetes.io/role/internal-elb", "1"),
                tag(clusterTag, "owned")),
            subnet(
                ec2,
                vpcId,
                "10.0.12.0/24",
                "us-west-2b",
                "private-b",
                tag("kubernetes.io/role/internal-elb", "1"),
                tag(clusterTag, "owned")));
    return new TestVpc(vpcId, publicSubnets, privateSubnets);
  }

  public static String subnet(
      Ec2Client ec2, String vpcId, String cidr, String zone, String name, Tag... tags) {
    var all = new java.util.ArrayList<>(List.of(tags));
    all.add(tag("Name", name));
    return ec2.createSubnet(
            r ->
                r.vpcId(vpcId)
                    .cidrBlock(cidr)
                    .availabilityZone(zone)
                    .tagSpecifications(tags(ResourceType.SUBNET, all.toArray(Tag[]::new))))
        .subnet()
        .subnetId();
  }

  /** Gives the subnet an IPv6 CIDR (a /64), as dualstack load balancers need. */
  public static void ipv6(Ec2Client ec2, String subnetId, String cidr) {
    ec2.associateSubnetCidrBlock(r -> r.subnetId(subnetId).ipv6CidrBlock(cidr));
  }

  /** A security group in the VPC with these tags. */
  public static String securityGroup(Ec2Client ec2, String vpcId, String name, Tag... tags) {
    return ec2.createSecurityGroup(
            r -> {
              r.groupName(name).description(name).vpcId(vpcId);
              if (tags.length > 0) {
                r.tagSpecifications(tags(ResourceType.SECURITY_GROUP, tags));
              }
            })
        .groupId();
  }

  /** A security group tagged {@code kubernetes.io/cluster/<cluster>: owned}, as node groups are. */
  public static String clusterSecurityGroup(
      Ec2Client ec2, String vpcId, String name, String clusterName) {
    return securityGroup(ec2, vpcId, name, tag("kubernetes.io/cluster/" + clusterName, "owned"));
  }

  /** A network interface holding the IP in the subnet, as the VPC CNI makes one for a pod. */
  public static void podInterface(Ec2Client ec2, String subnetId, String ip, String groupId) {
    ec2.createNetworkInterface(r -> r.subnetId(subnetId).groups(groupId).privateIpAddress(ip));
  }

  /** An HTTP:80 target group in the VPC, made by the user rather than the controller. */
  public static String targetGroup(
      ElasticLoadBalancingV2Client elbv2, String name, String vpcId, TargetTypeEnum type) {
    return elbv2
        .createTargetGroup(
            r -> r.name(name).protocol(ProtocolEnum.HTTP).port(80).vpcId(vpcId).targetType(type))
        .targetGroups()
        .get(0)
        .targetGroupArn();
  }

  /** A REGIONAL WAFv2 web ACL that allows everything; returns its ARN. */
  public static String wafv2WebAcl(Wafv2Client wafv2, String name) {
    return wafv2
        .createWebACL(
            r ->
                r.name(name)
                    .scope(software.amazon.awssdk.services.wafv2.model.Scope.REGIONAL)
                    .defaultAction(a -> a.allow(b -> {}))
                    .visibilityConfig(
                        v ->
                            v.metricName(name)
                                .cloudWatchMetricsEnabled(false)
                                .sampledRequestsEnabled(false)))
        .summary()
        .arn();
  }

  /** A WAF Classic regional web ACL that allows everything; returns its ID. */
  public static String wafRegionalWebAcl(WafRegionalClient waf, String name) {
    String token = waf.getChangeToken(r -> {}).changeToken();
    return waf.createWebACL(
            r ->
                r.name(name)
                    .metricName(name)
                    .defaultAction(a -> a.type("ALLOW"))
                    .changeToken(token))
        .webACL()
        .webACLId();
  }

  public static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  private static TagSpecification tags(ResourceType type, Tag... tags) {
    return TagSpecification.builder().resourceType(type).tags(tags).build();
  }

  /** A PEM certificate and its unencrypted private key. */
  public record Pem(String certificate, String privateKey) {}

  /**
   * A self-signed RSA certificate for the domain and the extra names, made by {@code openssl} (the
   * JDK has no public API to issue one). moto's ImportCertificate parses real PEM.
   */
  public static Pem selfSignedCertificate(String domain, String... alternativeNames) {
    // Key generation takes a while on a busy machine; one certificate per name set is enough.
    return CERTIFICATES.computeIfAbsent(
        domain + " " + String.join(" ", alternativeNames),
        k -> generateCertificate(domain, alternativeNames));
  }

  /** A self-signed certificate with a P-256 elliptic-curve key, made by {@code openssl}. */
  public static Pem selfSignedEcCertificate(String domain) {
    return CERTIFICATES.computeIfAbsent(
        "ec " + domain,
        k ->
            generateCertificate(
                List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"), domain));
  }

  /** Imports the PEM certificate into ACM and returns its ARN (a new one on every import). */
  public static String importCertificate(AcmClient acm, Pem pem) {
    return acm.importCertificate(
            r ->
                r.certificate(SdkBytes.fromUtf8String(pem.certificate()))
                    .privateKey(SdkBytes.fromUtf8String(pem.privateKey())))
        .certificateArn();
  }

  private static Pem generateCertificate(String domain, String... alternativeNames) {
    return generateCertificate(List.of("-newkey", "rsa:2048"), domain, alternativeNames);
  }

  private static Pem generateCertificate(
      List<String> keyArguments, String domain, String... alternativeNames) {
    try {
      Path dir = Files.createTempDirectory("lbc-cert-");
      try {
        var names = new ArrayList<String>();
        names.add("DNS:" + domain);
        for (String name : alternativeNames) {
          names.add("DNS:" + name);
        }
        var command = new ArrayList<>(List.of("openssl", "req", "-x509", "-nodes", "-days", "30"));
        command.addAll(keyArguments);
        command.addAll(
            List.of(
                "-subj",
                "/CN=" + domain,
                "-addext",
                "subjectAltName=" + String.join(",", names),
                "-keyout",
                dir.resolve("key.pem").toString(),
                "-out",
                dir.resolve("cert.pem").toString()));
        Process openssl = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes());
        if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
          throw new IllegalStateException("openssl failed: " + output);
        }
        return new Pem(
            Files.readString(dir.resolve("cert.pem")), Files.readString(dir.resolve("key.pem")));
      } finally {
        for (String file : List.of("key.pem", "cert.pem")) {
          Files.deleteIfExists(dir.resolve(file));
        }
        Files.deleteIfExists(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Imports a fresh self-signed certificate into ACM and returns its ARN. */
  public static String importCertificate(AcmClient acm, String domain, String... alternativeNames) {
    return importCertificate(acm, selfSignedCertificate(domain, alternativeNames));
  }

  /** Runs instances in the subnet with the security groups and returns their IDs, in order. */
  public static List<String> runInstances(
      Ec2Client ec2, String subnetId, int count, String... securityGroupIds) {
    return ec2
        .runInstances(
            r ->
                r.imageId("ami-03cf127a")
                    .instanceType("t3.micro")
                    .minCount(count)
                    .maxCount(count)
                    .subnetId(subnetId)
                    .securityGroupIds(securityGroupIds))
        .instances()
        .stream()
        .map(Instance::instanceId)
        .toList();
  }
}
