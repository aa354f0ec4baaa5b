package io.lbc.deploy.acm;

import io.lbc.aws.acm.ManagedCertificateApi;
import io.lbc.deploy.DeployContext;
import io.lbc.deploy.RetryLaterException;
import io.lbc.deploy.Synthesizer;
import io.lbc.model.Resource;
import io.lbc.model.ResourceType;
import io.lbc.model.StackKind;
import io.lbc.model.TrackingTags;
import io.lbc.model.acm.CertificateSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the stack's ACM certificates real (gate {@code EnableCertificateManagement}), before the
 * listeners that use them, as the reference's certificate synthesizer:
 *
 * <ul>
 *   <li>ours are found by the stack's tags and matched to the desired ones by the resource-id tag;
 *       one whose names differ is replaced;
 *   <li>a missing one is requested (tagged at creation), with its DNS validation records in Route
 *       53 when Amazon-issued;
 *   <li>the listeners get a certificate only once it is {@code ISSUED}: until then the deploy waits
 *       (requeued, not an error) where the reference blocks; one still not issued five minutes
 *       after its request is deleted and requested again, as the reference does;
 *   <li>one no longer desired is deleted, with its validation records, after the listeners let go.
 * </ul>
 */
public final class CertificateSynthesizer implements Synthesizer {
  private static final Logger log = LoggerFactory.getLogger(CertificateSynthesizer.class);
  static final String TYPE = "certificate";
  static final Duration REISSUE_AFTER = Duration.ofMinutes(5);
  static final Duration RECHECK = Duration.ofSeconds(10);

  private final ManagedCertificates certificates;
  private final Clock clock;
  private final List<ManagedCertificates.Owned> toDelete = new ArrayList<>();

  public CertificateSynthesizer(ManagedCertificates certificates, Clock clock) {
    this.certificates = certificates;
    this.clock = clock;
  }

  @Override
  public String stageName() {
    return "*acm.certificateSynthesizer";
  }

  @Override
  public void synthesize(DeployContext context) {
    var desired = context.stack().resources(ResourceType.ACM_CERTIFICATE, CertificateSpec.class);
    if (desired.isEmpty() && context.stackId().kind() != StackKind.INGRESS) {
      return; // only Ingresses ask for certificates: a Service stack never owns one
    }
    var actual = certificates.ofStack(context.clusterName(), context.stackId());
    String idKey = TrackingTags.resourceKey(context.stackId().kind());
    var matched = new HashSet<String>();
    var pending = new ArrayList<String>();
    for (ManagedCertificates.Owned owned : actual) {
      String id = owned.tags().get(idKey);
      var wanted =
          desired.stream()
              .filter(r -> r.id().equals(id))
              .filter(r -> sameNames(r.spec(), owned.certificate()))
              .findFirst();
      if (wanted.isEmpty() || matched.contains(id)) {
        toDelete.add(owned);
        continue;
      }
      matched.add(id);
      String arn = owned.certificate().arn();
      if (!"ISSUED".equals(owned.certificate().status())) {
        if (owned.certificate().createdAt() != null
            && owned.certificate().createdAt().plus(REISSUE_AFTER).isBefore(clock.instant())) {
          context.logWrite(log, "replacing unissued", TYPE, id, arn);
          certificates.delete(owned.certificate());
          arn = request(context, wanted.get());
        } else if ("AMAZON_ISSUED".equals(owned.certificate().type())) {
          certificates.createValidationRecords(arn);
        }
        pending.add(id + " (" + arn + ")");
        continue;
      }
      context.tokens().put(ResourceType.ACM_CERTIFICATE, id, CertificateSpec.ARN, arn);
    }
    for (Resource<CertificateSpec> resource : desired) {
      if (!matched.contains(resource.id())) {
        String arn = request(context, resource);
        pending.add(resource.id() + " (" + arn + ")");
      }
    }
    if (!pending.isEmpty()) {
      throw new RetryLaterException(
          "waiting for ACM to issue certificates " + String.join(", ", pending), RECHECK);
    }
  }

  @Override
  public void postSynthesize(DeployContext context) {
    for (ManagedCertificates.Owned owned : toDelete) {
      String id = owned.tags().get(TrackingTags.resourceKey(context.stackId().kind()));
      context.logWrite(log, "deleting", TYPE, id, owned.certificate().arn());
      certificates.delete(owned.certificate());
      context.logWrite(log, "deleted", TYPE, id, owned.certificate().arn());
    }
    toDelete.clear();
  }

  private String request(DeployContext context, Resource<CertificateSpec> resource) {
    CertificateSpec spec = resource.spec();
    context.logWrite(log, "requesting", TYPE, resource.id(), spec.domainName());
    String arn =
        certificates.request(
            new ManagedCertificateApi.Request(
                spec.domainName(),
                spec.subjectAlternativeNames(),
                CertificateSpec.PRIVATE.equals(spec.type()) ? spec.certificateAuthorityARN() : null,
                context.tagsFor(resource.id(), spec.tags())));
    context.logWrite(log, "requested", TYPE, resource.id(), arn);
    if (CertificateSpec.AMAZON_ISSUED.equals(spec.type())) {
      certificates.createValidationRecords(arn);
    }
    return arn;
  }

  private static boolean sameNames(CertificateSpec spec, ManagedCertificateApi.Summary actual) {
    Set<String> wanted = new TreeSet<>(spec.subjectAlternativeNames());
    return wanted.equals(new TreeSet<>(actual.subjectAlternativeNames()));
  }
}
