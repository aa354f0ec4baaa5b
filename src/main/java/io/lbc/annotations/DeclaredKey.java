package io.lbc.annotations;

import io.lbc.config.FeatureGate;
import java.util.Optional;
import java.util.Set;

/**
 * One key of the reference controller's surface (compat-spec §1.3, §1.4, §2.2).
 *
 * @param name the suffix after {@link Surface#prefix()}; a template such as {@code actions.${name}}
 *     stands for every key that starts with its text before {@code ${}
 * @param support honoured, refused (and why) or written by the controller
 * @param onServices an Ingress annotation also read from the backend Services (compat-spec §1.2
 *     "Backend"), where a refused one refuses the Ingress too
 * @param inertValues values that ask for nothing, as the default does (e.g. {@code auth-type:
 *     none}): a refused key with one of them is accepted
 * @param onlyWithGate the reference reads the key only while this gate is on; with it off, both
 *     controllers ignore the key
 */
public record DeclaredKey(
    Surface surface,
    String name,
    Support support,
    boolean onServices,
    Set<String> inertValues,
    Optional<FeatureGate> onlyWithGate) {
  private static final String PLACEHOLDER = "${";

  public DeclaredKey {
    inertValues = Set.copyOf(inertValues);
  }

  static DeclaredKey of(Surface surface, String name, Support support) {
    return new DeclaredKey(surface, name, support, false, Set.of(), Optional.empty());
  }

  /** Also read from the backend Services' annotations. */
  DeclaredKey alsoOnServices() {
    return new DeclaredKey(surface, name, support, true, inertValues, onlyWithGate);
  }

  /** Values that ask for nothing. */
  DeclaredKey inert(String... values) {
    return new DeclaredKey(surface, name, support, onServices, Set.of(values), onlyWithGate);
  }

  DeclaredKey onlyWith(FeatureGate gate) {
    return new DeclaredKey(surface, name, support, onServices, inertValues, Optional.of(gate));
  }

  /** The same declaration for a concrete key a template stands for. */
  DeclaredKey named(String concrete) {
    return new DeclaredKey(surface, concrete, support, onServices, inertValues, onlyWithGate);
  }

  /** The full key, e.g. {@code alb.ingress.kubernetes.io/actions.${name}}. */
  public String fullKey() {
    return surface.prefix() + name;
  }

  public boolean template() {
    return name.contains(PLACEHOLDER);
  }

  /** The literal start of a template ({@code actions.}), or the whole name. */
  public String literalPrefix() {
    return template() ? name.substring(0, name.indexOf(PLACEHOLDER)) : name;
  }

  /** Whether a suffix written by the user is this key. */
  public boolean matches(String suffix) {
    return template()
        ? suffix.startsWith(literalPrefix()) && suffix.length() > literalPrefix().length()
        : suffix.equals(name);
  }
}
