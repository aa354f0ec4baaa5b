"""Target groups of type ``alb`` hold what AWS lets them hold, and load balancer deletions are logged.

moto 5.2.5 creates ``alb`` target groups but registers any string as their target. On AWS the
target of such a group is an Application Load Balancer, given by its ARN:

* the ID must be the ARN of an existing Application Load Balancer in the target group's VPC, and
  the ALB must have a listener on the port registered (the target's port, else the group's):
  ``InvalidTarget`` otherwise;
* a target group holds one ALB: registering a second one, or two at once, is ``TooManyTargets``
  (registering the same ALB again on another port replaces the registration, as moto keys targets
  by ID).

Tests also need the order in which load balancers went away (a frontend NLB must go before the ALB
it forwards to), which the API cannot tell once both are gone:

* ``GET /moto-api/lbc/elbv2/deleted-load-balancers``: every DeleteLoadBalancer of an existing load
  balancer, oldest first: ``{"arn", "name", "type", "deletedAt"}`` (epoch ms).

``/moto-api/reset`` clears the log.
"""

import json
import threading
import time

from moto.elbv2 import models as elbv2_models
from moto.elbv2.exceptions import ELBClientError, InvalidTargetError, TargetGroupNotFoundError
from moto.moto_api._internal import urls as moto_api_urls
from moto.moto_api._internal.models import MotoAPIBackend

_lock = threading.RLock()
_deleted = []


class _TooManyTargets(ELBClientError):
    def __init__(self, msg):
        super().__init__("TooManyTargets", msg)


class _InvalidAlbTarget(ELBClientError):
    def __init__(self, msg):
        super().__init__("InvalidTarget", msg)


_original_register_targets = elbv2_models.ELBv2Backend.register_targets
_original_delete_load_balancer = elbv2_models.ELBv2Backend.delete_load_balancer


def _register_targets(self, target_group_arn, instances):
    target_group = self.target_groups.get(target_group_arn)
    if target_group is None:
        raise TargetGroupNotFoundError()
    if target_group.target_type == "alb":
        _check_alb_targets(self, target_group, instances)
    return _original_register_targets(self, target_group_arn, instances)


def _check_alb_targets(backend, target_group, targets):
    ids = {t["Id"] for t in targets}
    if len(ids) > 1:
        raise _TooManyTargets("A target group of type alb takes one Application Load Balancer")
    for target in targets:
        alb = backend.load_balancers.get(target["Id"])
        if alb is None or alb.type != "application" or alb.vpc_id != target_group.vpc_id:
            raise InvalidTargetError()
        port = int(target.get("Port") or target_group.port)
        if not any(int(listener.port) == port for listener in alb.listeners.values()):
            raise _InvalidAlbTarget(
                f"The Application Load Balancer '{alb.arn}' has no listener on port {port}"
            )
        others = [i for i in target_group.targets if i != target["Id"]]
        if others:
            raise _TooManyTargets(
                f"Target group '{target_group.arn}' already has the Application Load Balancer "
                f"'{others[0]}' registered; a target group of type alb takes one"
            )


def _delete_load_balancer(self, arn):
    lb = self.load_balancers.get(arn)
    _original_delete_load_balancer(self, arn)
    if lb is not None:
        with _lock:
            _deleted.append(
                {
                    "arn": lb.arn,
                    "name": lb.name,
                    "type": lb.type,
                    "deletedAt": int(time.time() * 1000),
                }
            )


elbv2_models.ELBv2Backend.register_targets = _register_targets
elbv2_models.ELBv2Backend.delete_load_balancer = _delete_load_balancer


def _deleted_response(request, full_url, headers):
    with _lock:
        body = json.dumps({"deletedLoadBalancers": list(_deleted)})
    return 200, {"Content-Type": "application/json"}, body


_original_reset = MotoAPIBackend.reset


def _reset(self):
    with _lock:
        _deleted.clear()
    _original_reset(self)


MotoAPIBackend.reset = _reset

moto_api_urls.url_paths["{0}/moto-api/lbc/elbv2/deleted-load-balancers$"] = (
    _deleted_response
)
