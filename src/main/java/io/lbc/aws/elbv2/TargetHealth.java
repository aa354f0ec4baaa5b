package io.lbc.aws.elbv2;

/**
 * A registered target and its health.
 *
 * @param state {@code initial}, {@code healthy}, {@code unhealthy}, {@code unused}, {@code
 *     draining} or {@code unavailable}
 * @param reason the ELB reason code, e.g. {@code Target.ResponseCodeMismatch}; null when healthy
 */
public record TargetHealth(Target target, String state, String reason, String description) {}
