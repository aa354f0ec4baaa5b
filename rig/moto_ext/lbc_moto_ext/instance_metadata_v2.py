"""Instance metadata as an EC2 instance with IMDSv2 required sees it, for one of moto's instances.

moto serves ``/latest/meta-data/...`` on its own port (so tests never need 169.254.169.254), but
with fixed values (region ``us-east-1``, instance ``i-fake``), no ``network/interfaces/macs/...``
tree, and a token endpoint that hands out a constant it never checks. This module:

* ``PUT /latest/api/token`` needs ``X-aws-ec2-metadata-token-ttl-seconds`` (1..21600, else 400),
  issues a fresh token valid for that many seconds and echoes the TTL header back;
* every ``GET`` needs a live token in ``X-aws-ec2-metadata-token`` (missing, unknown or expired:
  401), as on an instance whose ``HttpTokens`` is ``required`` (the EKS default);
* answers the metadata of the instance chosen with
  ``POST /moto-api/lbc/instance-metadata {"instanceId": "i-..."}``: ``instance-id``,
  ``placement/region``, ``placement/availability-zone``, ``local-ipv4``, ``mac``,
  ``network/interfaces/macs/`` and, per MAC, ``vpc-id``, ``subnet-id``, ``local-ipv4s``, read from
  moto's EC2 backend at request time. Before a POST (and after ``/moto-api/reset``) moto's own
  constants are served, still behind the token.
* ``GET /moto-api/lbc/instance-metadata`` tells which instance is chosen and how many GETs were
  refused for lack of a token (so a test can prove a client spoke IMDSv2).
"""

import json
import secrets
import threading
import time

from moto.ec2 import models as ec2_models
from moto.instance_metadata import responses as imds_responses
from moto.instance_metadata.responses import InstanceMetadataResponse
from moto.moto_api._internal import urls as moto_api_urls
from moto.moto_api._internal.models import MotoAPIBackend

_lock = threading.Lock()
_tokens = {}  # token -> expiry (epoch seconds)
_state = {"instanceId": None, "refused": 0}
_original = InstanceMetadataResponse.metadata_response


def _header(headers, name):
    for key, value in headers.items():
        if key.lower() == name.lower():
            return value
    return None


def _find_instance(instance_id):
    for account in ec2_models.ec2_backends.values():
        for backend in account.values():
            for reservation in backend.reservations.values():
                for instance in reservation.instances:
                    if instance.id == instance_id:
                        return backend, instance
    return None, None


def _instance_metadata(instance_id):
    backend, instance = _find_instance(instance_id)
    if instance is None:
        return None
    nics = [instance.nics[i] for i in sorted(instance.nics)]
    values = {
        "instance-id": instance.id,
        "instance-type": instance.instance_type,
        "placement/region": backend.region_name,
        "placement/availability-zone": instance.placement.zone,
        "local-ipv4": instance.private_ip or "",
    }
    if nics:
        values["mac"] = nics[0].mac_address
    values["network/interfaces/macs/"] = "\n".join(f"{n.mac_address}/" for n in nics)
    for nic in nics:
        prefix = f"network/interfaces/macs/{nic.mac_address}/"
        values[prefix + "vpc-id"] = nic.subnet.vpc_id
        values[prefix + "subnet-id"] = nic.subnet.id
        values[prefix + "local-ipv4s"] = nic.private_ip_address
        values[prefix + "interface-id"] = nic.id
    return values


def _metadata_response(request, full_url, headers):
    path = full_url.split("://", 1)[-1].split("/", 1)[-1].split("?", 1)[0]
    path = "/" + path
    now = time.time()
    with _lock:
        for token in [t for t, expiry in _tokens.items() if expiry <= now]:
            del _tokens[token]
        if path == "/latest/api/token":
            if request.method != "PUT":
                return 405, {}, ""
            ttl = _header(headers, "X-aws-ec2-metadata-token-ttl-seconds")
            if ttl is None or not ttl.isdigit() or not 1 <= int(ttl) <= 21600:
                return 400, {}, ""
            token = secrets.token_urlsafe(32)
            _tokens[token] = now + int(ttl)
            return 200, {"X-aws-ec2-metadata-token-ttl-seconds": ttl}, token
        token = _header(headers, "X-aws-ec2-metadata-token")
        if token is None or token not in _tokens:
            _state["refused"] += 1
            return 401, {}, ""
        instance_id = _state["instanceId"]
    if instance_id is None:
        return _original(request, full_url, headers)
    values = _instance_metadata(instance_id)
    if values is None:
        return 404, {}, ""
    key = path[len("/latest/meta-data/") :] if path.startswith("/latest/meta-data/") else None
    if key in values:
        return 200, {}, values[key]
    return 404, {}, ""


def _control_response(request, full_url, headers):
    with _lock:
        if request.method == "POST":
            data = request.get_data() or b"{}"
            body = json.loads(data.decode() if isinstance(data, bytes) else data)
            instance_id = body.get("instanceId")
            if instance_id is not None and _find_instance(instance_id)[1] is None:
                return 400, {}, json.dumps({"error": f"no instance {instance_id}"})
            _state["instanceId"] = instance_id
        return 200, {"Content-Type": "application/json"}, json.dumps(dict(_state))


InstanceMetadataResponse.metadata_response = staticmethod(_metadata_response)
# moto's url map holds the function itself, so the map's entry is replaced too.
from moto.instance_metadata import urls as imds_urls  # noqa: E402

for _pattern, _handler in list(imds_urls.url_paths.items()):
    if _handler is _original:
        imds_urls.url_paths[_pattern] = _metadata_response

_original_reset = MotoAPIBackend.reset


def _reset(self):
    with _lock:
        _tokens.clear()
        _state["instanceId"] = None
        _state["refused"] = 0
    _original_reset(self)


MotoAPIBackend.reset = _reset
moto_api_urls.url_paths["{0}/moto-api/lbc/instance-metadata$"] = _control_response
assert imds_responses  # the module whose class is patched above
