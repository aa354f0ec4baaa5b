package io.lbc.deploy.ec2;

import io.lbc.aws.AwsErrors;
import io.lbc.aws.ec2.Ec2;
import io.lbc.aws.ec2.SecurityGroup;
import io.lbc.aws.elbv2.Elbv2;
import io.lbc.deploy.RetryLaterException;
import io.lbc.model.Names;
import io.lbc.model.TrackingTags;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's shared backend security group (compat-spec §6.2): attached to every load balancer
 * with a managed frontend group and used as the source of node rules. Created on first need,
 * deleted when the last load balancer using it is gone and no deploy is under way.
 */
public final class BackendSecurityGroup {
  private static final Logger log = LoggerFactory.getLogger(BackendSecurityGroup.class);
  static final String RESOURCE_VALUE = "backend-sg";
  static final String DESCRIPTION = "[k8s] Shared Backend SecurityGroup for LoadBalancer";

  private final Ec2 ec2;
  private final String clusterName;
  private final String vpcId;
  private final Optional<String> configured;
  private final Object lock = new Object();
  private int deploysUnderWay;
  private String known;

  public BackendSecurityGroup(
      Ec2 ec2, String clusterName, String vpcId, Optional<String> configured) {
    this.ec2 = ec2;
    this.clusterName = clusterName;
    this.vpcId = vpcId;
    this.configured = configured;
  }

  /** The name the reference controller gives it, so an existing one is adopted. */
  public static String name(String clusterName) {
    return "k8s-traffic-"
        + Names.prefix(Names.sanitize(clusterName), 232)
        + "-"
        + Names.prefix(Names.hash(clusterName), 10);
  }

  /** Marks a deploy as under way, so the group is not deleted beneath it. */
  public void enter() {
    synchronized (lock) {
      deploysUnderWay++;
    }
  }

  public void exit() {
    synchronized (lock) {
      deploysUnderWay--;
    }
  }

  /** Its ID, found by tags or created. */
  public String ensure() {
    if (configured.isPresent()) {
      return configured.get();
    }
    synchronized (lock) {
      if (known != null) {
        return known;
      }
      List<SecurityGroup> found = ec2.findSecurityGroupsByTags(vpcId, tags());
      if (!found.isEmpty()) {
        known = found.get(0).groupId();
        return known;
      }
      String name = name(clusterName);
      log.info("creating backend securityGroup name={} vpc={}", name, vpcId);
      known = ec2.createSecurityGroup(vpcId, name, DESCRIPTION, tags());
      log.info("created backend securityGroup id={}", known);
      return known;
    }
  }

  /**
   * Deletes the group when no load balancer in the VPC uses it and no other deploy is under way.
   *
   * @throws RetryLaterException while rules of other groups still reference it
   */
  public void releaseIfUnused(Elbv2 elbv2) {
    if (configured.isPresent()) {
      return;
    }
    synchronized (lock) {
      if (deploysUnderWay > 1) {
        return;
      }
      List<SecurityGroup> found = ec2.findSecurityGroupsByTags(vpcId, tags());
      if (found.isEmpty()) {
        known = null;
        return;
      }
      String groupId = found.get(0).groupId();
      boolean inUse =
          elbv2.describeLoadBalancers().stream()
              .anyMatch(lb -> vpcId.equals(lb.vpcId()) && lb.securityGroups().contains(groupId));
      if (inUse) {
        return;
      }
      try {
        log.info("deleting backend securityGroup id={}", groupId);
        ec2.deleteSecurityGroup(groupId);
        known = null;
        log.info("deleted backend securityGroup id={}", groupId);
      } catch (RuntimeException e) {
        if (AwsErrors.isDependencyViolation(e)) {
          throw new RetryLaterException(
              "backend security group " + groupId + " is still referenced", Duration.ofSeconds(15));
        }
        if (!AwsErrors.isNotFound(e)) {
          throw e;
        }
        known = null;
      }
    }
  }

  private Map<String, String> tags() {
    return Map.of(TrackingTags.CLUSTER, clusterName, TrackingTags.RESOURCE, RESOURCE_VALUE);
  }
}
