package io.lbc.model.elbv2;

import io.lbc.model.ResourceSpec;
import io.lbc.model.ResourceType;
import io.lbc.model.Token;
import java.util.Map;
import java.util.Optional;

/**
 * The minimum capacity reserved for a load balancer (compat-spec §1.3 #12, §2.2 #18), resource id
 * {@code LoadBalancer}. Only in the stack while the {@code LBCapacityReservation} gate is on and a
 * member asks: a stack without it leaves the reservation as it is, as the reference does.
 *
 * @param capacityUnits the units to reserve; 0 resets the reservation
 */
public record CapacityReservationSpec(Token loadBalancerARN, int capacityUnits)
    implements ResourceSpec {
  public static final String CAPACITY_UNITS = "CapacityUnits";

  @Override
  public ResourceType resourceType() {
    return ResourceType.CAPACITY_RESERVATION;
  }

  /**
   * The units of a {@code CapacityUnits=<n>} map; empty for an empty map.
   *
   * @throws IllegalArgumentException naming the problem: another key, or a value that is not an
   *     int32 of at least 0
   */
  public static Optional<Integer> parse(Map<String, String> value) {
    Integer units = null;
    for (var entry : value.entrySet()) {
      if (!entry.getKey().equals(CAPACITY_UNITS)) {
        throw new IllegalArgumentException(
            "invalid key to set the capacity: " + entry.getKey() + ", expected " + CAPACITY_UNITS);
      }
      units = units(entry.getValue());
    }
    return Optional.ofNullable(units);
  }

  /** A capacity in units: an int32 of at least 0 (0 resets). */
  public static int units(String raw) {
    int units;
    try {
      units = Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "invalid value to set the capacity: '" + raw + "' is not a 32-bit integer");
    }
    return checked(units);
  }

  public static int checked(int units) {
    if (units < 0) {
      throw new IllegalArgumentException(
          "invalid value to set the capacity: " + units + " is negative; 0 resets the reservation");
    }
    return units;
  }
}
