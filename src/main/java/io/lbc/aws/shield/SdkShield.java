package io.lbc.aws.shield;

import static io.lbc.aws.AwsErrors.unlessNotFound;

import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.shield.ShieldClient;
import software.amazon.awssdk.services.shield.model.SubscriptionState;
import software.amazon.awssdk.services.shield.model.Tag;

/** {@link Shield} over the AWS SDK. */
public final class SdkShield implements Shield {
  private final ShieldClient client;

  public SdkShield(ShieldClient client) {
    this.client = client;
  }

  @Override
  public boolean describeSubscriptionActive() {
    return client.getSubscriptionState(r -> {}).subscriptionState() == SubscriptionState.ACTIVE;
  }

  /** Empty when Shield has no protection of it ({@code ResourceNotFoundException}). */
  @Override
  public Optional<Protection> findProtection(String resourceArn) {
    return unlessNotFound(
        () -> {
          var p = client.describeProtection(r -> r.resourceArn(resourceArn)).protection();
          return Optional.ofNullable(p).map(x -> new Protection(x.id(), x.name(), x.resourceArn()));
        },
        Optional.empty());
  }

  @Override
  public String createProtection(String resourceArn, String name, Map<String, String> tags) {
    return client
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
          client.deleteProtection(r -> r.protectionId(protectionId));
          return null;
        },
        null);
  }
}
