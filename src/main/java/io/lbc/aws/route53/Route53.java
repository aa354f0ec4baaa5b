package io.lbc.aws.route53;

import java.util.List;

/** The Route 53 calls of ACM DNS validation: find the hosted zone of a domain, change records. */
public interface Route53 {
  /** Every hosted zone of the account. */
  List<HostedZone> hostedZones();

  /**
   * Creates one record; nothing when a record with that name and type already exists (another
   * certificate of the same domain uses the same validation record).
   */
  void createRecord(String hostedZoneId, Record record);

  /**
   * Deletes one record; nothing when it is gone already or now holds another value (reused by
   * another certificate).
   */
  void deleteRecord(String hostedZoneId, Record record);

  /**
   * @param name without or with the trailing dot
   */
  record HostedZone(String id, String name) {}

  record Record(String name, String type, String value, long ttl) {}
}
