package io.lbc.aws;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * An AWS port that only reads. The ports name their reads {@code describe…}, {@code find…} or
 * {@code list…}; every other method writes, and here throws {@link UnsupportedOperationException}
 * without reaching anything.
 */
public final class ReadOnlyPorts {
  private ReadOnlyPorts() {}

  /**
   * What a read answers when there is nothing to find: an empty list, set, map or optional, {@code
   * false}, or null for anything else.
   */
  public static Object nothingFound(Class<?> type) {
    if (type == java.util.Optional.class) {
      return java.util.Optional.empty();
    }
    if (type == Map.class) {
      return Map.of();
    }
    if (type == java.util.Set.class) {
      return java.util.Set.of();
    }
    if (type == boolean.class) {
      return false;
    }
    if (type == java.util.List.class || type == java.util.Collection.class) {
      return java.util.List.of();
    }
    return null;
  }

  /** The ports' naming rule: true for {@code describe…}, {@code find…} and {@code list…}. */
  public static boolean isRead(String method) {
    return method.startsWith("describe") || method.startsWith("find") || method.startsWith("list");
  }

  /**
   * The reads of {@code port} answered by {@code delegate}, the writes refused.
   *
   * @param refusal the exception message a write throws, followed by the method's name
   */
  public static <T> T of(Class<T> port, T delegate, String refusal) {
    return over(port, delegate, refusal);
  }

  /**
   * Like {@link #of}, for an object that implements only the reads: for every read of {@code port}
   * it must have a public method of the same name and parameter types (checked here, up front).
   *
   * @throws IllegalArgumentException naming the first read {@code reads} lacks
   */
  public static <T> T over(Class<T> port, Object reads, String refusal) {
    Map<Method, Method> targets = new HashMap<>();
    for (Method method : port.getMethods()) {
      if (isRead(method.getName())) {
        if (port.isInstance(reads)) {
          targets.put(method, method);
        } else if (method.isDefault()) {
          // a read with a default answer: the object's own, when it has one
          hasSameMethod(reads, method).ifPresent(found -> targets.put(method, found));
        } else {
          targets.put(method, sameMethodOf(reads, method));
        }
      }
    }
    Object proxy =
        Proxy.newProxyInstance(
            port.getClassLoader(),
            new Class<?>[] {port},
            (self, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return objectMethod(self, method, args, port);
              }
              Method target = targets.get(method);
              if (target == null && method.isDefault() && isRead(method.getName())) {
                return InvocationHandler.invokeDefault(self, method, args);
              }
              if (target == null) {
                throw new UnsupportedOperationException(refusal + method.getName());
              }
              try {
                return target.invoke(reads, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
    return port.cast(proxy);
  }

  private static java.util.Optional<Method> hasSameMethod(Object reads, Method method) {
    try {
      return java.util.Optional.of(sameMethodOf(reads, method));
    } catch (IllegalArgumentException e) {
      return java.util.Optional.empty();
    }
  }

  private static Method sameMethodOf(Object reads, Method method) {
    try {
      Method found = reads.getClass().getMethod(method.getName(), method.getParameterTypes());
      if (!method.getReturnType().isAssignableFrom(found.getReturnType())) {
        throw new NoSuchMethodException("wrong return type " + found.getReturnType());
      }
      return found;
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(
          reads.getClass().getSimpleName() + " does not answer " + method, e);
    }
  }

  private static Object objectMethod(Object self, Method method, Object[] args, Class<?> port) {
    return switch (method.getName()) {
      case "equals" -> self == args[0];
      case "hashCode" -> System.identityHashCode(self);
      default -> "read-only " + port.getSimpleName();
    };
  }
}
