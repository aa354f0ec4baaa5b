package io.lbc.webhook;

import io.lbc.aws.elbv2.Elbv2;
import io.lbc.aws.elbv2.TargetGroup;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory ELBv2 that only knows target groups: the two describe calls the webhooks make,
 * counted. Every other operation fails the test.
 */
public final class FakeTargetGroups {
  private final Map<String, TargetGroup> byArn = new ConcurrentHashMap<>();
  private final AtomicInteger describes = new AtomicInteger();
  private volatile RuntimeException failure;

  public static TargetGroup targetGroup(
      String name, String targetType, String protocol, String ipAddressType, String vpcId) {
    String arn =
        "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/"
            + name
            + "/0123456789abcdef";
    return new TargetGroup(
        arn, name, targetType, 80, protocol, "HTTP1", ipAddressType, vpcId, null, List.of());
  }

  public TargetGroup add(TargetGroup targetGroup) {
    byArn.put(targetGroup.arn(), targetGroup);
    return targetGroup;
  }

  /** Every describe throws this from now on, as a throttled or unreachable AWS would. */
  public void failWith(RuntimeException e) {
    failure = e;
  }

  public int describeCalls() {
    return describes.get();
  }

  public Elbv2 elbv2() {
    return (Elbv2)
        Proxy.newProxyInstance(
            Elbv2.class.getClassLoader(),
            new Class<?>[] {Elbv2.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "describeTargetGroup":
                  return describe(() -> Optional.ofNullable(byArn.get((String) args[0])));
                case "describeTargetGroupByName":
                  return describe(
                      () ->
                          byArn.values().stream()
                              .filter(tg -> tg.name().equals(args[0]))
                              .findFirst());
                default:
                  throw new UnsupportedOperationException(method.getName());
              }
            });
  }

  private Optional<TargetGroup> describe(java.util.function.Supplier<Optional<TargetGroup>> read) {
    describes.incrementAndGet();
    if (failure != null) {
      throw failure;
    }
    return read.get();
  }
}
