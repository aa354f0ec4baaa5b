package io.lbc.golden;

import io.lbc.aws.acm.Acm;
import io.lbc.aws.acm.Certificate;
import java.util.List;
import java.util.Optional;

/** {@link Acm} over an {@link AwsSnapshot}. */
public final class SnapshotAcm implements Acm {
  private final AwsSnapshot snapshot;

  public SnapshotAcm(AwsSnapshot snapshot) {
    this.snapshot = snapshot;
  }

  @Override
  public List<String> listCertificateArns(List<String> statuses) {
    return snapshot.certificates().stream()
        .filter(c -> statuses.contains(c.status()))
        .map(Certificate::arn)
        .toList();
  }

  @Override
  public Optional<Certificate> describeCertificate(String arn) {
    return snapshot.certificates().stream().filter(c -> c.arn().equals(arn)).findFirst();
  }
}
