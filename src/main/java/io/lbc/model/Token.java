package io.lbc.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;

/**
 * A string value in a resource spec that is either known when the stack is built ({@link Literal})
 * or produced while deploying ({@link Ref}, e.g. the ARN of a load balancer created earlier in the
 * same deploy). In JSON a literal is a plain string and a reference is {@code {"$ref": pointer}}.
 */
@JsonSerialize(using = Token.Json.class)
public sealed interface Token permits Token.Literal, Token.Ref {

  static Token of(String value) {
    return new Literal(value);
  }

  /** A value known at build time. */
  record Literal(String value) implements Token {}

  /**
   * A value produced while deploying, named by a pointer such as {@code
   * #/resources/AWS::ElasticLoadBalancingV2::LoadBalancer/LoadBalancer/status/loadBalancerARN}.
   */
  record Ref(String pointer) implements Token {
    /** A status field of a resource of the same stack. */
    public static Ref to(String resourceType, String resourceId, String statusField) {
      return new Ref("#/resources/" + resourceType + "/" + resourceId + "/status/" + statusField);
    }

    /** A value shared by every stack of the cluster, e.g. the backend security group. */
    public static Ref shared(String name) {
      return new Ref("#/shared/" + name);
    }
  }

  /** Serializes literals as strings and references as {@code {"$ref": …}}. */
  final class Json extends JsonSerializer<Token> {
    @Override
    public void serialize(Token token, JsonGenerator out, SerializerProvider provider)
        throws IOException {
      if (token instanceof Literal literal) {
        out.writeString(literal.value());
      } else {
        out.writeStartObject();
        out.writeStringField("$ref", ((Ref) token).pointer());
        out.writeEndObject();
      }
    }
  }
}
