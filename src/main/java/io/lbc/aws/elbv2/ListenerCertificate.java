package io.lbc.aws.elbv2;

/** A certificate of a listener; the default one is also listed with {@code isDefault}. */
public record ListenerCertificate(String certificateArn, boolean isDefault) {}
