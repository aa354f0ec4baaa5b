package io.lbc.model.elbv2;

/** A load balancer, listener or target group attribute. */
public record Attribute(String key, String value) {}
