package io.lbc.deploy.acm;

import io.lbc.aws.ExpiringCache;
import io.lbc.aws.acm.ManagedCertificateApi;
import io.lbc.aws.acm.ManagedCertificateApi.Summary;
import io.lbc.aws.acm.ManagedCertificateApi.ValidationRecord;
import io.lbc.aws.route53.Route53;
import io.lbc.model.StackId;
import io.lbc.model.TrackingTags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificates the controller requested in ACM and their DNS validation records in Route 53, as
 * the reference manages them ({@code pkg/deploy/acm}): found by the stack's tags, requested tagged,
 * validated through a CNAME in the hosted zone with the longest name that ends the domain, deleted
 * with their records.
 */
public final class ManagedCertificates {
  private static final Logger log = LoggerFactory.getLogger(ManagedCertificates.class);
  static final long VALIDATION_RECORD_TTL = 60;
  static final Duration TAGS_TTL = Duration.ofMinutes(1);
  static final Duration ZONES_TTL = Duration.ofMinutes(5);

  /** A certificate of ours, with its tags. */
  public record Owned(Summary certificate, Map<String, String> tags) {}

  private final ManagedCertificateApi acm;
  private final Route53 route53;
  private final ExpiringCache<String, Map<String, String>> tagsByArn =
      new ExpiringCache<>(TAGS_TTL);
  private final ExpiringCache<String, List<Route53.HostedZone>> zones =
      new ExpiringCache<>(ZONES_TTL);

  public ManagedCertificates(ManagedCertificateApi acm, Route53 route53) {
    this.acm = acm;
    this.route53 = route53;
  }

  /** The certificates tagged with the cluster and the stack (the reference's stack tags). */
  public List<Owned> ofStack(String clusterName, StackId stack) {
    Map<String, String> stackTags = TrackingTags.forStack(clusterName, stack);
    var result = new ArrayList<Owned>();
    for (Summary summary : acm.listCertificates()) {
      Map<String, String> tags = tagsByArn.getOrLoad(summary.arn(), () -> acm.tags(summary.arn()));
      if (tags.entrySet().containsAll(stackTags.entrySet())) {
        result.add(new Owned(summary, tags));
      }
    }
    return result;
  }

  /**
   * Requests the certificate; for an Amazon-issued one, first checks that every host has a hosted
   * zone (a certificate that can never be validated is not requested).
   *
   * @throws IllegalStateException naming a host without a hosted zone
   */
  public String request(ManagedCertificateApi.Request request) {
    if (request.certificateAuthorityArn() == null) {
      for (String host : hosts(request)) {
        zoneOf(host)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no Route 53 hosted zone found for host '"
                            + host
                            + "': the certificate could never be validated"));
      }
    }
    String arn = acm.requestCertificate(request);
    tagsByArn.put(arn, Map.copyOf(request.tags()));
    return arn;
  }

  /**
   * Creates the validation records ACM asks for (an existing record is kept).
   *
   * @return false while ACM has not computed them yet
   */
  public boolean createValidationRecords(String certificateArn) {
    List<ValidationRecord> records = acm.validationRecords(certificateArn);
    if (records.isEmpty()) {
      return false;
    }
    for (ValidationRecord record : records) {
      Optional<String> zone = zoneOf(record.domainName());
      if (zone.isEmpty()) {
        throw new IllegalStateException(
            "no Route 53 hosted zone found for host '" + record.domainName() + "'");
      }
      log.info(
          "creating validation record certificate={} name={} zone={}",
          certificateArn,
          record.name(),
          zone.get());
      route53.createRecord(zone.get(), toRecord(record));
    }
    return true;
  }

  /** Deletes the certificate, and first its validation records when it is Amazon-issued. */
  public void delete(Summary certificate) {
    if ("AMAZON_ISSUED".equals(certificate.type())) {
      for (ValidationRecord record : acm.validationRecords(certificate.arn())) {
        Optional<String> zone = zoneOf(record.domainName());
        if (zone.isEmpty()) {
          continue;
        }
        log.info(
            "deleting validation record certificate={} name={} zone={}",
            certificate.arn(),
            record.name(),
            zone.get());
        route53.deleteRecord(zone.get(), toRecord(record));
      }
    }
    acm.deleteCertificate(certificate.arn());
    tagsByArn.invalidate(certificate.arn());
  }

  /** The zone with the longest name that ends the domain, label by label. */
  Optional<String> zoneOf(String domain) {
    String[] labels = domain.split("\\.");
    String best = null;
    int bestLength = -1;
    for (Route53.HostedZone zone : zones.getOrLoad("all", route53::hostedZones)) {
      String name =
          zone.name().endsWith(".")
              ? zone.name().substring(0, zone.name().length() - 1)
              : zone.name();
      String[] zoneLabels = name.split("\\.");
      if (zoneLabels.length > labels.length || zoneLabels.length <= bestLength) {
        continue;
      }
      boolean suffix = true;
      for (int i = 1; i <= zoneLabels.length; i++) {
        if (!zoneLabels[zoneLabels.length - i].equalsIgnoreCase(labels[labels.length - i])) {
          suffix = false;
          break;
        }
      }
      if (suffix) {
        best = zone.id();
        bestLength = zoneLabels.length;
      }
    }
    return Optional.ofNullable(best);
  }

  private static List<String> hosts(ManagedCertificateApi.Request request) {
    var hosts = new ArrayList<String>();
    hosts.add(request.domainName());
    request.subjectAlternativeNames().stream().filter(h -> !hosts.contains(h)).forEach(hosts::add);
    return hosts;
  }

  private static Route53.Record toRecord(ValidationRecord record) {
    return new Route53.Record(record.name(), record.type(), record.value(), VALIDATION_RECORD_TTL);
  }
}
