package io.lbc.webhook;

/**
 * One RFC 6902 operation. {@code add} sets a member whether or not it exists, so it is the only one
 * the mutators need.
 */
public record PatchOperation(String op, String path, Object value) {
  public static PatchOperation add(String path, Object value) {
    return new PatchOperation("add", path, value);
  }
}
