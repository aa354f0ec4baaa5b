package io.lbc.annotations;

/**
 * Whether this controller does what the reference does with a key.
 *
 * @param reason why a refused key is refused, or what the controller writes into an output key
 */
public record Support(State state, String reason) {
  public enum State {
    /** Read and acted upon as the reference does. */
    HONOURED,
    /** Not supported yet: whatever carries it is left out, with a Warning naming it and why. */
    REFUSED,
    /** Written by the controller, not read. */
    OUTPUT
  }

  public static final Support HONOURED = new Support(State.HONOURED, "");

  public static Support refused(String reason) {
    return new Support(State.REFUSED, reason);
  }

  public static Support output(String what) {
    return new Support(State.OUTPUT, what);
  }

  public boolean honoured() {
    return state == State.HONOURED;
  }

  public boolean refused() {
    return state == State.REFUSED;
  }
}
