package io.lbc.golden;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lbc.aws.acm.Certificate;
import io.lbc.aws.ec2.AvailabilityZone;
import io.lbc.aws.ec2.RouteTable;
import io.lbc.aws.ec2.SecurityGroup;
import io.lbc.aws.ec2.Subnet;
import io.lbc.aws.ec2.Vpc;
import io.lbc.aws.elbv2.LoadBalancer;
import io.lbc.aws.elbv2.TargetGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The AWS state a golden case reads ({@code aws.json}): what the account holds before the stack is
 * built. Every list may be left out.
 *
 * @param tags tags of load balancers and target groups, by ARN
 * @param trustStores ELBv2 trust stores, for {@code mutual-authentication} by name
 * @param webAcls REGIONAL WAFv2 web ACLs (name and ARN)
 * @param shieldSubscriptionActive whether Shield Advanced is subscribed (absent: no)
 */
public record AwsSnapshot(
    Vpc vpc,
    List<Subnet> subnets,
    List<AvailabilityZone> availabilityZones,
    List<RouteTable> routeTables,
    List<SecurityGroup> securityGroups,
    List<Certificate> certificates,
    List<LoadBalancer> loadBalancers,
    List<TargetGroup> targetGroups,
    Map<String, Map<String, String>> tags,
    List<TrustStore> trustStores,
    List<WebAcl> webAcls,
    Boolean shieldSubscriptionActive) {

  /** An ELBv2 trust store. */
  public record TrustStore(String name, String trustStoreArn) {}

  /** A WAFv2 web ACL. */
  public record WebAcl(String name, String arn) {}

  private static final ObjectMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  @JsonCreator
  public AwsSnapshot {
    subnets = subnets == null ? List.of() : subnets;
    availabilityZones = availabilityZones == null ? List.of() : availabilityZones;
    routeTables = routeTables == null ? List.of() : routeTables;
    securityGroups = securityGroups == null ? List.of() : securityGroups;
    certificates = certificates == null ? List.of() : certificates;
    loadBalancers = loadBalancers == null ? List.of() : loadBalancers;
    targetGroups = targetGroups == null ? List.of() : targetGroups;
    tags = tags == null ? Map.of() : tags;
    trustStores = trustStores == null ? List.of() : trustStores;
    webAcls = webAcls == null ? List.of() : webAcls;
    shieldSubscriptionActive = Boolean.TRUE.equals(shieldSubscriptionActive);
  }

  /** A snapshot without trust stores, WAFv2 web ACLs or a Shield subscription. */
  public AwsSnapshot(
      Vpc vpc,
      List<Subnet> subnets,
      List<AvailabilityZone> availabilityZones,
      List<RouteTable> routeTables,
      List<SecurityGroup> securityGroups,
      List<Certificate> certificates,
      List<LoadBalancer> loadBalancers,
      List<TargetGroup> targetGroups,
      Map<String, Map<String, String>> tags) {
    this(
        vpc,
        subnets,
        availabilityZones,
        routeTables,
        securityGroups,
        certificates,
        loadBalancers,
        targetGroups,
        tags,
        null,
        null,
        null);
  }

  public static AwsSnapshot read(Path file) {
    try {
      return JSON.readValue(Files.readString(file), AwsSnapshot.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
