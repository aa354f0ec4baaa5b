package io.lbc.aws.shield;

/** A Shield Advanced protection of one resource. */
public record Protection(String id, String name, String resourceArn) {}
