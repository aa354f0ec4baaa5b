"""ELBv2 trust stores and listener mutual TLS, which moto 5.2.5 lacks entirely.

Adds CreateTrustStore (the CA bundle is read from moto's own S3, as AWS reads it from the
caller's bucket), DescribeTrustStores (by ARNs or names, paged) and DeleteTrustStore, and makes
CreateListener / ModifyListener accept, validate and persist `MutualAuthentication`, which
DescribeListeners then returns. Shapes and error codes follow the ELBv2 API reference:
TrustStoreNotFound, DuplicateTrustStoreName, CaCertificatesBundleNotFound,
InvalidCaCertificatesBundle, TrustStoreInUse, InvalidConfigurationRequest.

State lives on the ELBv2 backend object, so /moto-api/reset clears it with everything else.
"""

from moto.elbv2.exceptions import ELBClientError
from moto.elbv2.responses import ELBV2Response
from moto.core.responses import ActionResult, EmptyResult
from moto.moto_api._internal import mock_random

MODES = ("off", "passthrough", "verify")
PEM_BEGIN = "-----BEGIN CERTIFICATE-----"


def _stores(backend):
    """The trust stores of one account and region, by ARN, in creation order."""
    if not hasattr(backend, "lbc_trust_stores"):
        backend.lbc_trust_stores = {}
    return backend.lbc_trust_stores


def _not_found():
    return ELBClientError("TrustStoreNotFound", "One or more trust stores not found")


def _public(store):
    return {k: v for k, v in store.items() if not k.startswith("_")}


def create_trust_store(self):
    backend = self.elbv2_backend
    name = self._get_param("Name")
    bucket = self._get_param("CaCertificatesBundleS3Bucket")
    key = self._get_param("CaCertificatesBundleS3Key")
    version = self._get_param("CaCertificatesBundleS3ObjectVersion")
    tags = self._get_param("Tags") or []
    stores = _stores(backend)
    if any(s["Name"] == name for s in stores.values()):
        raise ELBClientError("DuplicateTrustStoreName", f"A trust store with the name '{name}' already exists")

    from moto.s3.models import s3_backends

    s3 = s3_backends[backend.account_id][backend.partition]
    try:
        bundle = s3.get_object(bucket, key, version_id=version)
    except Exception:  # moto raises MissingBucket for an unknown bucket
        bundle = None
    if bundle is None:
        raise ELBClientError(
            "CaCertificatesBundleNotFound", f"The CA certificates bundle s3://{bucket}/{key} was not found"
        )
    text = bundle.value.decode("utf-8", errors="replace")
    count = text.count(PEM_BEGIN)
    if count == 0:
        raise ELBClientError("InvalidCaCertificatesBundle", "The CA certificates bundle holds no PEM certificate")

    arn = (
        f"arn:{backend.partition}:elasticloadbalancing:{backend.region_name}:{backend.account_id}"
        f":truststore/{name}/{mock_random.get_random_hex(16)}"
    )
    store = {
        "Name": name,
        "TrustStoreArn": arn,
        "Status": "ACTIVE",
        "NumberOfCaCertificates": count,
        "TotalRevokedEntries": 0,
    }
    stores[arn] = store
    if tags:
        backend.tagging_service.tag_resource(arn, tags)
    return ActionResult({"TrustStores": [_public(store)]})


def describe_trust_stores(self):
    stores = _stores(self.elbv2_backend)
    arns = self._get_param("TrustStoreArns") or []
    names = self._get_param("Names") or []
    if arns or names:
        found = []
        for arn in arns:
            if arn not in stores:
                raise _not_found()
            found.append(stores[arn])
        by_name = {s["Name"]: s for s in stores.values()}
        for name in names:
            if name not in by_name:
                raise _not_found()
            found.append(by_name[name])
    else:
        found = list(stores.values())
    page_size = self._get_int_param("PageSize", 400)
    marker = self._get_param("Marker")
    start = int(marker) if marker else 0
    page = found[start : start + page_size]
    result = {"TrustStores": [_public(s) for s in page]}
    if start + page_size < len(found):
        result["NextMarker"] = str(start + page_size)
    return ActionResult(result)


def delete_trust_store(self):
    backend = self.elbv2_backend
    arn = self._get_param("TrustStoreArn")
    stores = _stores(backend)
    if arn not in stores:
        raise _not_found()
    for balancer in backend.load_balancers.values():
        for listener in balancer.listeners.values():
            mtls = getattr(listener, "mutual_authentication", None)
            if mtls and mtls.get("TrustStoreArn") == arn:
                raise ELBClientError("TrustStoreInUse", f"Trust store '{arn}' is in use by a listener")
    del stores[arn]
    return EmptyResult()


def _requested_mtls(self, protocol):
    """The MutualAuthentication of the request, validated and normalized as AWS stores it; None if absent."""
    requested = self._get_param("MutualAuthentication")
    if not requested:
        return None
    mode = requested.get("Mode")
    if mode not in MODES:
        raise ELBClientError(
            "ValidationError", f"MutualAuthentication.Mode '{mode}' is not one of {', '.join(MODES)}"
        )
    if mode != "off" and protocol != "HTTPS":
        raise ELBClientError(
            "InvalidConfigurationRequest", "Mutual authentication is supported only on HTTPS listeners"
        )
    if mode != "verify":
        if requested.get("TrustStoreArn"):
            raise ELBClientError(
                "InvalidConfigurationRequest", f"A trust store cannot be given with mutual authentication mode '{mode}'"
            )
        return {"Mode": mode}
    arn = requested.get("TrustStoreArn")
    if not arn or arn not in _stores(self.elbv2_backend):
        raise _not_found()
    advertise = requested.get("AdvertiseTrustStoreCaNames") or "off"
    if advertise not in ("on", "off"):
        raise ELBClientError("ValidationError", f"AdvertiseTrustStoreCaNames '{advertise}' is not on or off")
    return {
        "Mode": "verify",
        "TrustStoreArn": arn,
        "IgnoreClientCertificateExpiry": bool(requested.get("IgnoreClientCertificateExpiry", False)),
        "TrustStoreAssociationStatus": "active",
        "AdvertiseTrustStoreCaNames": advertise,
    }


def _listener(backend, arn):
    return backend.describe_listeners(load_balancer_arn=None, listener_arns=[arn])[0]


_create_listener = ELBV2Response.create_listener
_modify_listener = ELBV2Response.modify_listener


def create_listener(self):
    mtls = _requested_mtls(self, (self._get_param("Protocol") or "").upper())
    result = _create_listener(self)
    if mtls is not None:
        backend = self.elbv2_backend
        balancer = backend.load_balancers[self._get_param("LoadBalancerArn")]
        port = self._get_param("Port")
        for listener in balancer.listeners.values():
            if str(listener.port) == str(port):
                listener.mutual_authentication = mtls
    return result


def modify_listener(self):
    backend = self.elbv2_backend
    arn = self._get_param("ListenerArn")
    current = _listener(backend, arn)
    mtls = _requested_mtls(self, (self._get_param("Protocol") or current.protocol or "").upper())
    result = _modify_listener(self)
    if mtls is not None:
        _listener(backend, arn).mutual_authentication = mtls
    return result


ELBV2Response.create_trust_store = create_trust_store
ELBV2Response.describe_trust_stores = describe_trust_stores
ELBV2Response.delete_trust_store = delete_trust_store
ELBV2Response.create_listener = create_listener
ELBV2Response.modify_listener = modify_listener
