package io.lbc.annotations;

/**
 * A key under one of our prefixes that nothing declares: most likely a typo.
 *
 * @param key the full key as written
 * @param nearest the declared key nearest to it
 */
public record UnknownKey(String key, DeclaredKey nearest) {
  public String message() {
    return key
        + " is not an annotation this controller knows, so it has no effect; did you mean "
        + nearest.fullKey()
        + "?";
  }
}
