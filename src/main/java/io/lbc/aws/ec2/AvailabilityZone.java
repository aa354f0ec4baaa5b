package io.lbc.aws.ec2;

/**
 * @param zoneType {@code availability-zone}, {@code local-zone} or {@code wavelength-zone}
 */
public record AvailabilityZone(String zoneName, String zoneId, String zoneType) {}
