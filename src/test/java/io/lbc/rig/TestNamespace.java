package io.lbc.rig;

/** The fresh namespace a test runs in. */
public record TestNamespace(String name) {
  @Override
  public String toString() {
    return name;
  }
}
