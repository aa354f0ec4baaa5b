package io.lbc.golden;

import io.lbc.aws.ReadOnlyPorts;
import io.lbc.aws.shield.Protection;
import io.lbc.aws.shield.Shield;
import io.lbc.aws.shield.ShieldSubscription;
import io.lbc.aws.wafv2.Wafv2;
import io.lbc.ingress.AddOnLookups;
import java.util.Optional;

/**
 * The add-on lookups over an {@link AwsSnapshot}: WAFv2 web ACLs by name and the Shield
 * subscription. Writes are refused; WAF Classic regional is available (us-west-2 has it).
 */
public final class SnapshotAddOns {
  private SnapshotAddOns() {}

  public static AddOnLookups of(AwsSnapshot snapshot) {
    return new AddOnLookups(
        ReadOnlyPorts.over(Wafv2.class, new Wafv2Reads(snapshot), "golden snapshot: "),
        new ShieldSubscription(
            ReadOnlyPorts.over(Shield.class, new ShieldReads(snapshot), "golden snapshot: ")),
        true);
  }

  /** The reads of {@link Wafv2}. */
  public static final class Wafv2Reads {
    private final AwsSnapshot snapshot;

    Wafv2Reads(AwsSnapshot snapshot) {
      this.snapshot = snapshot;
    }

    public Optional<String> findWebAclArnByName(String name) {
      return snapshot.webAcls().stream()
          .filter(a -> a.name().equals(name))
          .map(AwsSnapshot.WebAcl::arn)
          .findFirst();
    }

    public Optional<String> findWebAclArnForResource(String resourceArn) {
      return Optional.empty();
    }
  }

  /** The reads of {@link Shield}. */
  public static final class ShieldReads {
    private final AwsSnapshot snapshot;

    ShieldReads(AwsSnapshot snapshot) {
      this.snapshot = snapshot;
    }

    public boolean describeSubscriptionActive() {
      return snapshot.shieldSubscriptionActive();
    }

    public Optional<Protection> findProtection(String resourceArn) {
      return Optional.empty();
    }
  }
}
