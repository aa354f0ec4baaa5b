package io.lbc.ingress;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Subnets a member names: IDs or Name tags from the annotation or IngressClassParams {@code
 * subnets.ids}, or a tag selector from IngressClassParams {@code subnets.tags}.
 */
record SubnetChoice(
    Optional<List<String>> idsOrNames,
    Optional<Map<String, List<String>>> tags,
    boolean fromClassParams) {

  /**
   * Two choices agree when they come from the same place and name the same subnets in any order.
   */
  boolean agreesWith(SubnetChoice other) {
    if (fromClassParams != other.fromClassParams || !tags.equals(other.tags)) {
      return false;
    }
    return idsOrNames.map(HashSet::new).equals(other.idsOrNames.map(HashSet::new));
  }

  @Override
  public String toString() {
    return idsOrNames.map(Object::toString).orElseGet(() -> "tags " + tags.orElse(Map.of()));
  }
}
