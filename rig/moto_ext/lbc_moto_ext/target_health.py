"""Target health that follows AWS's state machine instead of moto's "healthy at once, gone at once".

On AWS a registered target is ``initial`` while the load balancer runs its first health checks
(HealthCheckIntervalSeconds x HealthyThresholdCount), then ``healthy`` or ``unhealthy``; a
deregistered target is ``draining`` for the target group's ``deregistration_delay.timeout_seconds``
and only then leaves DescribeTargetHealth. This module emulates exactly that, with every duration
multiplied by a time scale the tests set, and lets a test mark a target ID (a pod IP or an instance
ID) unhealthy, as if its health checks failed.

The control endpoint lives on the moto server itself (JSON in and out):

* ``POST /moto-api/lbc/target-health/settings`` ``{"timeScale": 0.01}``: every duration above is
  multiplied by it. The default, 0, is moto's old behaviour: healthy at once, no draining. Tests
  that want AWS's timings set it; ``/moto-api/reset`` puts it back to 0.
* ``POST /moto-api/lbc/target-health/unhealthy`` ``{"id": "10.0.1.7", "unhealthy": true}``: the
  target with that ID fails its health checks in every target group (``unhealthy`` once out of
  ``initial``) until marked ``false`` again.
* ``GET /moto-api/lbc/target-health/history?targetGroupArn=...``: every registration the target
  group has seen, oldest first, with epoch-millisecond times: ``registeredAt``, ``healthyAt`` (when
  it left ``initial``, null if unhealthy then), ``deregisteredAt`` and ``drainedAt`` (null while
  registered), ``initialUntil``, ``reregisteredWhileDraining`` and ``deregistrations`` (how many
  DeregisterTargets named it, a second one while draining included). Tests use it to prove what happened between two
  samples of DescribeTargetHealth.

All of it is reset by ``/moto-api/reset``.
"""

import json
import threading
import time
from urllib.parse import parse_qs, urlparse

from moto.elbv2 import models as elbv2_models
from moto.moto_api._internal import urls as moto_api_urls
from moto.moto_api._internal.models import MotoAPIBackend

_lock = threading.RLock()
_settings = {"timeScale": 0.0}
_unhealthy_ids = set()


def _now_ms():
    return int(time.time() * 1000)


def _scaled_ms(seconds):
    return int(float(seconds) * 1000 * _settings["timeScale"])


def _state(target_group):
    """Per target group: the current record of each registered or draining target, and the history."""
    state = getattr(target_group, "_lbc_health", None)
    if state is None:
        state = {"current": {}, "history": []}
        target_group._lbc_health = state
    return state


def _initial_ms(target_group):
    interval = target_group.health_check_interval_seconds or 30
    threshold = target_group.healthy_threshold_count or 5
    return _scaled_ms(int(interval) * int(threshold))


def _drain_ms(target_group):
    return _scaled_ms(target_group.attributes.get("deregistration_delay.timeout_seconds", 300))


def _settle(record, now):
    """Sets healthyAt once a registered target has left initial and is not marked unhealthy: the end
    of its initial period, or the moment it was unmarked if that came later."""
    if (
        record["deregisteredAt"] is None
        and record["healthyAt"] is None
        and now >= record["initialUntil"]
        and record["id"] not in _unhealthy_ids
    ):
        record["healthyAt"] = max(record["initialUntil"], record.get("unblockedAt", 0))


def _expire_draining(target_group, now):
    """Draining targets whose delay has passed leave the target group, as on AWS."""
    current = _state(target_group)["current"]
    for target_id, record in list(current.items()):
        if record["drainedAt"] is not None and record["drainedAt"] <= now:
            del current[target_id]
            target_group.deregistered_targets[target_id] = {"Id": target_id, "Port": record["port"]}


_original_register = elbv2_models.FakeTargetGroup.register
_original_deregister = elbv2_models.FakeTargetGroup.deregister
_original_health_for = elbv2_models.FakeTargetGroup.health_for
_original_describe_target_health = elbv2_models.ELBv2Backend.describe_target_health


def _register(self, targets):
    with _lock:
        _original_register(self, targets)
        now = _now_ms()
        _expire_draining(self, now)
        state = _state(self)
        for target in targets:
            target_id = target["Id"]
            previous = state["current"].get(target_id)
            if previous is not None and previous["deregisteredAt"] is None:
                continue  # registering a registered target changes nothing, as on AWS
            if previous is not None:
                previous["drainedAt"] = now  # its draining is cut short by the new registration
            record = {
                "id": target_id,
                "port": int(self.targets[target_id]["Port"]),
                "registeredAt": now,
                "initialUntil": now + _initial_ms(self),
                "healthyAt": None,
                "deregisteredAt": None,
                "drainedAt": None,
                "reregisteredWhileDraining": previous is not None,
                "deregistrations": 0,
            }
            state["current"][target_id] = record
            state["history"].append(record)


def _deregister(self, targets):
    with _lock:
        now = _now_ms()
        _expire_draining(self, now)
        for target in targets:  # counted before moto refuses a target no longer registered
            record = _state(self)["current"].get(target["Id"])
            if record is not None:
                record["deregistrations"] += 1
        _original_deregister(self, targets)
        _expire_draining(self, now)
        current = _state(self)["current"]
        drain = _drain_ms(self)
        for target in targets:
            record = current.get(target["Id"])
            if record is None:
                continue
            record["deregisteredAt"] = now
            record["drainedAt"] = now + drain
            # moto keeps a deregistered target as "unused"; it is draining until the delay passes.
            self.deregistered_targets.pop(target["Id"], None)
        _expire_draining(self, now)


def _health_for(self, target, ec2_backend):
    with _lock:
        now = _now_ms()
        _expire_draining(self, now)
        record = _state(self)["current"].get(target["Id"])
        if record is None:
            return _original_health_for(self, target, ec2_backend)
        port = record["port"]
        if record["deregisteredAt"] is not None:
            return elbv2_models.FakeHealthStatus(
                target["Id"],
                port,
                self.health_check_port,
                "draining",
                "Target.DeregistrationInProgress",
                "Target deregistration is in progress",
            )
        answer = _original_health_for(self, target, ec2_backend)
        if answer.status != "healthy":
            return answer  # e.g. a stopped instance: moto's own answer stands
        if now < record["initialUntil"]:
            return elbv2_models.FakeHealthStatus(
                target["Id"],
                port,
                self.health_check_port,
                "initial",
                "Elb.RegistrationInProgress",
                "Target registration is in progress",
            )
        if target["Id"] in _unhealthy_ids:
            return elbv2_models.FakeHealthStatus(
                target["Id"],
                port,
                self.health_check_port,
                "unhealthy",
                "Target.FailedHealthChecks",
                "Health checks failed",
            )
        _settle(record, now)
        return answer


def _describe_target_health(self, target_group_arn, targets):
    """Without a target list, AWS describes the draining targets too."""
    target_group = self.target_groups.get(target_group_arn)
    if target_group is None or targets:
        return _original_describe_target_health(self, target_group_arn, targets)
    with _lock:
        _expire_draining(target_group, _now_ms())
        draining = [
            {"Id": r["id"], "Port": r["port"]}
            for r in _state(target_group)["current"].values()
            if r["deregisteredAt"] is not None
        ]
        listed = list(target_group.targets.values()) + draining
        return [target_group.health_for(t, self.ec2_backend) for t in listed]


elbv2_models.FakeTargetGroup.register = _register
elbv2_models.FakeTargetGroup.deregister = _deregister
elbv2_models.FakeTargetGroup.health_for = _health_for
elbv2_models.ELBv2Backend.describe_target_health = _describe_target_health


# --- control endpoint -------------------------------------------------------------------------


def _json_body(request):
    """The JSON body (send Content-Type: application/json, or form-encoded bodies are parsed away)."""
    data = request.get_data() or b"{}"
    return json.loads(data.decode() if isinstance(data, bytes) else data)


def _answer(status, body):
    return status, {"Content-Type": "application/json"}, json.dumps(body)


def _settings_response(request, full_url, headers):
    with _lock:
        if request.method == "POST":
            body = _json_body(request)
            scale = float(body.get("timeScale", _settings["timeScale"]))
            if scale < 0:
                return _answer(400, {"error": "timeScale must be >= 0"})
            _settings["timeScale"] = scale
        return _answer(200, dict(_settings))


def _unhealthy_response(request, full_url, headers):
    with _lock:
        if request.method == "POST":
            body = _json_body(request)
            if "id" not in body:
                return _answer(400, {"error": "id is required"})
            if body.get("unhealthy", True):
                _unhealthy_ids.add(body["id"])
            elif body["id"] in _unhealthy_ids:
                _unhealthy_ids.discard(body["id"])
                now = _now_ms()
                for backend in _all_elbv2_backends():
                    for target_group in backend.target_groups.values():
                        record = _state(target_group)["current"].get(body["id"])
                        if record is not None and record["healthyAt"] is None:
                            record["unblockedAt"] = now
        return _answer(200, {"unhealthy": sorted(_unhealthy_ids)})


def _history_response(request, full_url, headers):
    arns = parse_qs(urlparse(full_url).query).get("targetGroupArn", [])
    if len(arns) != 1:
        return _answer(400, {"error": "exactly one targetGroupArn is required"})
    with _lock:
        for backend in _all_elbv2_backends():
            target_group = backend.target_groups.get(arns[0])
            if target_group is None:
                continue
            now = _now_ms()
            _expire_draining(target_group, now)
            for record in _state(target_group)["current"].values():
                _settle(record, now)
            history = [
                {k: v for k, v in r.items() if k != "unblockedAt"}
                for r in _state(target_group)["history"]
            ]
            return _answer(200, {"targetGroupArn": arns[0], "now": now, "targets": history})
    return _answer(404, {"error": "TargetGroupNotFound"})


def _all_elbv2_backends():
    for account in elbv2_models.elbv2_backends.values():
        yield from account.values()


_original_reset = MotoAPIBackend.reset


def _reset(self):
    with _lock:
        _settings["timeScale"] = 0.0
        _unhealthy_ids.clear()
        _original_reset(self)


MotoAPIBackend.reset = _reset

moto_api_urls.url_paths["{0}/moto-api/lbc/target-health/settings$"] = _settings_response
moto_api_urls.url_paths["{0}/moto-api/lbc/target-health/unhealthy$"] = _unhealthy_response
moto_api_urls.url_paths["{0}/moto-api/lbc/target-health/history$"] = _history_response
