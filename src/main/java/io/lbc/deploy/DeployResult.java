package io.lbc.deploy;

import java.util.Optional;

/** What a deploy produced that status needs: the load balancer's ARN and DNS name, if any. */
public record DeployResult(Optional<String> loadBalancerArn, Optional<String> dnsName) {}
