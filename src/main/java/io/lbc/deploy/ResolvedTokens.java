package io.lbc.deploy;

import io.lbc.model.ResourceType;
import io.lbc.model.Token;
import io.lbc.model.elbv2.Action;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values produced while deploying a stack (ARNs, IDs, DNS names), by token pointer. A synthesizer
 * records the status of what it created or adopted; later ones resolve their references here.
 */
public final class ResolvedTokens {
  private final Map<String, String> values = new ConcurrentHashMap<>();

  public void put(ResourceType type, String resourceId, String field, String value) {
    values.put(type.ref(resourceId, field).pointer(), value);
  }

  public void put(Token.Ref ref, String value) {
    values.put(ref.pointer(), value);
  }

  public Optional<String> get(ResourceType type, String resourceId, String field) {
    return Optional.ofNullable(values.get(type.ref(resourceId, field).pointer()));
  }

  /**
   * The value of a token.
   *
   * @throws IllegalStateException when the reference was not produced, which means a synthesizer
   *     ran out of order or a resource the stack references is missing
   */
  public String resolve(Token token) {
    if (token instanceof Token.Literal literal) {
      return literal.value();
    }
    String pointer = ((Token.Ref) token).pointer();
    String value = values.get(pointer);
    if (value == null) {
      throw new IllegalStateException("unresolved reference " + pointer);
    }
    return value;
  }

  public Token literal(Token token) {
    return Token.of(resolve(token));
  }

  /** The action with every target group reference replaced by its ARN. */
  public Action resolve(Action action) {
    if (action.forwardConfig() == null) {
      return action;
    }
    var forward = action.forwardConfig();
    List<Action.TargetGroupTuple> groups =
        forward.targetGroups().stream()
            .map(t -> new Action.TargetGroupTuple(literal(t.targetGroupARN()), t.weight()))
            .toList();
    return action.withForwardConfig(
        new Action.ForwardConfig(groups, forward.targetGroupStickinessConfig()));
  }

  public List<Action> resolve(List<Action> actions) {
    return actions.stream().map(this::resolve).toList();
  }
}
