package io.lbc.aws.shield;

import static io.lbc.aws.AwsErrors.unlessNotFound;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.shield.ShieldClient;
import software.amazon.awssdk.services.shield.model.SubscriptionState;
import software.amazon.awssdk.services.shield.model.Tag;

/** {@link Shield} over the AWS SDK. */
public final class SdkShield implements Shield {
  private final Supplier<ShieldClient> client;

  /**
   * @param client the SDK client, built on first use (see {@code AwsClients})
   */
  public SdkShield(Supplier<ShieldClient> client) {
    this.client = client;
  }

  @Override
  public boolean describeSubscriptionActive() {
    return client.get().getSubscriptionState(r -> {}).subscriptionState()
        == SubscriptionState.ACTIVE;
  }

  /** Empty when Shield has no protection of it ({@code ResourceNotFoundException}). */
  @Override
  public Optional<Protection> findProtection(String resourceArn) {
    return unlessNotFound(
        () -> {
          var p = client.get().describeProtection(r -> r.resourceArn(resourceArn)).protection();
          return Optional.ofNullable(p).map(x -> new Protection(x.id(), x.name(), x.resourceArn()));
        },
        Optional.empty());
  }

  @Override
  public String createProtection(String resourceArn, String name, Map<String, String> tags) {
    return client
        .get()
        .createProtection(
            r ->
                r.resourceArn(resourceArn)
                    .name(name)
                    .tags(
                        tags.entrySet().stream()
                            .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                            .toList()))
        .protectionId();
  }

  @Override
  public void deleteProtection(String protectionId) {
    unlessNotFound(
        () -> {
          client.get().deleteProtection(r -> r.protectionId(protectionId));
          return null;
        },
        null);
  }
}
