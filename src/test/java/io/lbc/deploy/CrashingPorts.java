package io.lbc.deploy;

import io.lbc.aws.ReadOnlyPorts;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Wraps a port so that the process "dies" right after its N-th AWS write succeeds: the write is
 * done, then the call throws, as if the controller had been killed before recording anything.
 */
final class CrashingPorts {
  static final class SimulatedCrash extends RuntimeException {
    SimulatedCrash(String method) {
      super("simulated crash after " + method);
    }
  }

  private CrashingPorts() {}

  static <T> T crashAfter(Class<T> port, T real, AtomicInteger writesLeft) {
    Object proxy =
        Proxy.newProxyInstance(
            port.getClassLoader(),
            new Class<?>[] {port},
            (self, method, args) -> {
              Object result;
              try {
                result = method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
              if (isWrite(method.getName()) && writesLeft.decrementAndGet() == 0) {
                throw new SimulatedCrash(method.getName());
              }
              return result;
            });
    return port.cast(proxy);
  }

  static boolean isWrite(String method) {
    return !ReadOnlyPorts.isRead(method);
  }
}
