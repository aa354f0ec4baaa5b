package io.lbc.aws.acm;

import java.util.List;
import java.util.Optional;

/** The ACM operations the controller uses. */
public interface Acm {
  /** ARNs of the certificates in the given statuses (e.g. ISSUED), every key algorithm included. */
  List<String> listCertificateArns(List<String> statuses);

  Optional<Certificate> describeCertificate(String arn);
}
