package io.lbc.aws;

import io.lbc.model.Token;

/** Unwraps the model's tokens on their way to AWS, where only literal values make sense. */
public final class Tokens {
  private Tokens() {}

  /**
   * The literal's value, or null for null.
   *
   * @throws IllegalArgumentException for a reference: it should have been resolved before the call
   */
  public static String literal(Token token, String field) {
    if (token == null) {
      return null;
    }
    if (token instanceof Token.Literal literal) {
      return literal.value();
    }
    throw new IllegalArgumentException(
        field + " is an unresolved reference " + ((Token.Ref) token).pointer());
  }
}
