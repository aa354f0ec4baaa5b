"""ELBv2 DescribeAccountLimits with AWS's limit names and default values, and limits a test can set.

moto 5.2.5 answers a fixed list that lacks ``target-groups-per-application-load-balancer``,
``targets-per-availability-zone-per-network-load-balancer`` and others, and whose values are not
AWS's defaults (30 targets per Application Load Balancer where AWS allows 1000, 200 per Network
Load Balancer where AWS allows 3000). This answers every name of the API reference's ``Limit``
with the default of the ELB quota pages (moto's ``certificates-per-application-load-balancer``
kept), and lets a test lower a limit as if the account had another quota:

* ``POST /moto-api/lbc/elbv2/account-limits`` ``{"targets-per-application-load-balancer": 3}``:
  DescribeAccountLimits answers these values from then on (other names keep their defaults).
* ``GET /moto-api/lbc/elbv2/account-limits``: the limits answered now.

``/moto-api/reset`` puts the defaults back.
"""

import json
import threading

from moto.core.responses import ActionResult
from moto.elbv2.responses import ELBV2Response
from moto.moto_api._internal import urls as moto_api_urls
from moto.moto_api._internal.models import MotoAPIBackend

DEFAULTS = {
    "application-load-balancers": 50,
    "condition-values-per-alb-rule": 5,
    "condition-wildcards-per-alb-rule": 5,
    "gateway-load-balancers": 100,
    "gateway-load-balancers-per-vpc": 100,
    "geneve-target-groups": 100,
    "listeners-per-application-load-balancer": 50,
    "listeners-per-network-load-balancer": 50,
    "network-load-balancers": 50,
    "rules-per-application-load-balancer": 100,
    "target-groups": 3000,
    "target-groups-per-action-on-application-load-balancer": 5,
    "target-groups-per-action-on-network-load-balancer": 1,
    "target-groups-per-application-load-balancer": 100,
    "targets-per-application-load-balancer": 1000,
    "targets-per-availability-zone-per-gateway-load-balancer": 300,
    "targets-per-availability-zone-per-network-load-balancer": 500,
    "targets-per-network-load-balancer": 3000,
    "certificates-per-application-load-balancer": 25,
}

_lock = threading.Lock()
_overrides = {}


def _limits():
    with _lock:
        return {**DEFAULTS, **_overrides}


def _describe_account_limits(self):
    return ActionResult(
        {"Limits": [{"Name": name, "Max": str(value)} for name, value in _limits().items()]}
    )


ELBV2Response.describe_account_limits = _describe_account_limits


def _answer(status, body):
    return status, {"Content-Type": "application/json"}, json.dumps(body)


def _limits_response(request, full_url, headers):
    if request.method == "POST":
        data = request.get_data() or b"{}"
        body = json.loads(data.decode() if isinstance(data, bytes) else data)
        if not all(isinstance(v, int) and v >= 0 for v in body.values()):
            return _answer(400, {"error": "every limit must be an integer >= 0"})
        with _lock:
            _overrides.update(body)
    return _answer(200, _limits())


_original_reset = MotoAPIBackend.reset


def _reset(self):
    with _lock:
        _overrides.clear()
    _original_reset(self)


MotoAPIBackend.reset = _reset

moto_api_urls.url_paths["{0}/moto-api/lbc/elbv2/account-limits$"] = _limits_response
