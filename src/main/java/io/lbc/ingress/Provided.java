package io.lbc.ingress;

import io.lbc.model.UserInputException;

/** A group-wide value and the member that set it first. */
record Provided<T>(T value, String field, String member) {

  static <T> Provided<T> of(Setting<T> setting, MemberPlan plan) {
    return new Provided<>(setting.value(), setting.field(), plan.key());
  }

  /** The later member's setting disagrees with this one; the later member is the one left out. */
  UserInputException conflict(String laterField, Object laterValue) {
    return new UserInputException(
        laterField,
        "'"
            + laterValue
            + "' conflicts with '"
            + value
            + "' set by "
            + member
            + " ("
            + field
            + "); all members of an IngressGroup must agree");
  }
}
