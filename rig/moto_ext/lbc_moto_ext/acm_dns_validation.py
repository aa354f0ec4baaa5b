"""ACM DNS validation as AWS does it, instead of moto's "issued after 60 seconds".

moto 5.2.5 turns every requested AMAZON_ISSUED certificate ISSUED once it is older than
MOTO_ACM_VALIDATION_WAIT (60 s), whether or not anybody created its validation records. AWS issues
it only when the CNAME of every domain's DomainValidationOptions[].ResourceRecord resolves, i.e.
exists in a Route 53 hosted zone. This module makes a pending AMAZON_ISSUED certificate ISSUED as
soon as all its validation records exist in a hosted zone of the same account (checked whenever the
certificate is read), and never otherwise, so a test proves the controller created the records.

It also returns SubjectAlternativeNameSummaries in ListCertificates, as AWS does (moto returns the
detail's SubjectAlternativeNames there, which the SDK does not read in a summary).
"""

from moto.acm import models as acm_models
from moto.core.utils import utcnow

_original_check = acm_models.CertBundle.check
_original_describe = acm_models.CertBundle.describe


def _values(record_set):
    values = []
    for record in record_set.records or []:
        values.append(record.get("Value") if isinstance(record, dict) else record)
    return values


def _record_exists(account_id, name, type_, value):
    from moto.route53.models import route53_backends

    wanted = name.rstrip(".").lower()
    for backend in route53_backends[account_id].values():
        for zone in backend.zones.values():
            for record_set in zone.rrsets:
                if (
                    record_set.name.rstrip(".").lower() == wanted
                    and record_set.type == type_
                    and value in _values(record_set)
                ):
                    return True
    return False


def _validated(bundle):
    options = _original_describe(bundle)["Certificate"].get("DomainValidationOptions", [])
    if not options:
        return False
    for option in options:
        record = option["ResourceRecord"]
        if not _record_exists(bundle.arn.split(":")[4], record["Name"], record["Type"], record["Value"]):
            return False
    return True


def check(self):
    if self.type == "AMAZON_ISSUED" and self.status == "PENDING_VALIDATION":
        if self._not_valid_after(self._cert) <= utcnow():
            self.status = "EXPIRED"
        elif _validated(self):
            self.status = "ISSUED"
        return
    _original_check(self)


def describe(self):
    result = _original_describe(self)
    certificate = result["Certificate"]
    certificate["SubjectAlternativeNameSummaries"] = list(certificate.get("SubjectAlternativeNames", []))
    return result


acm_models.CertBundle.check = check
acm_models.CertBundle.describe = describe
