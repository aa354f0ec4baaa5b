package io.lbc.deploy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a deploy produced that status and events need.
 *
 * @param loadBalancerArn the load balancer's ARN, if any
 * @param dnsName its DNS name
 * @param frontendNlbDnsName the DNS name of the group's frontend NLB, if it has one
 * @param nonConverging one message per field whose writes stopped in this deploy because they did
 *     not show on the read back ({@link NonConvergingWrites}); each becomes one Warning event
 * @param recheckAfter when to deploy again to retry a write held back by its backoff
 */
public record DeployResult(
    Optional<String> loadBalancerArn,
    Optional<String> dnsName,
    Optional<String> frontendNlbDnsName,
    List<String> nonConverging,
    Optional<Duration> recheckAfter) {}
