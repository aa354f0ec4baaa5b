package io.lbc.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The desired state of everything one IngressGroup or Service owns: resources keyed by type and
 * logical id. Built without side effects, deployed by the StackDeployer, printed by {@code plan}.
 */
public final class Stack {
  private final StackId id;
  private final Map<ResourceType, Map<String, Resource<?>>> resources =
      new EnumMap<>(ResourceType.class);

  public Stack(StackId id) {
    this.id = id;
  }

  public StackId id() {
    return id;
  }

  /**
   * Adds a resource and returns it.
   *
   * @throws IllegalArgumentException when the stack already has a resource of that type and id
   */
  public <S extends ResourceSpec> Resource<S> add(String resourceId, S spec) {
    var resource = new Resource<>(resourceId, spec);
    var ofType = resources.computeIfAbsent(spec.resourceType(), t -> new LinkedHashMap<>());
    if (ofType.putIfAbsent(resourceId, resource) != null) {
      throw new IllegalArgumentException(
          "duplicate " + spec.resourceType().typeName() + " " + resourceId);
    }
    return resource;
  }

  /** The resources of one type, in the order they were added. */
  @SuppressWarnings("unchecked")
  public <S extends ResourceSpec> List<Resource<S>> resources(ResourceType type, Class<S> spec) {
    var result = new ArrayList<Resource<S>>();
    for (Resource<?> resource : resources.getOrDefault(type, Map.of()).values()) {
      result.add((Resource<S>) resource);
    }
    return Collections.unmodifiableList(result);
  }

  public Optional<Resource<?>> find(ResourceType type, String resourceId) {
    return Optional.ofNullable(resources.getOrDefault(type, Map.of()).get(resourceId));
  }

  /** Every resource, by type in deploy order, then by id in insertion order. */
  public Map<ResourceType, Map<String, Resource<?>>> all() {
    var copy = new EnumMap<ResourceType, Map<String, Resource<?>>>(ResourceType.class);
    resources.forEach((type, byId) -> copy.put(type, Collections.unmodifiableMap(byId)));
    return Collections.unmodifiableMap(copy);
  }

  public boolean isEmpty() {
    return resources.values().stream().allMatch(Map::isEmpty);
  }
}
