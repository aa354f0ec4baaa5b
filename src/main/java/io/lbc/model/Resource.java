package io.lbc.model;

/**
 * One resource of a stack: a stable logical id (e.g. {@code LoadBalancer}, {@code 80:1}) and its
 * spec.
 */
public record Resource<S extends ResourceSpec>(String id, S spec) {
  public ResourceType type() {
    return spec.resourceType();
  }
}
