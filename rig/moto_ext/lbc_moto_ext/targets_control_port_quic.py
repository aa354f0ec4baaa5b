"""Target control ports and QUIC target groups and targets, as AWS has them.

moto 5.2.5 drops ``TargetControlPort`` on CreateTargetGroup (the port of the ALB target optimizer's
agent), refuses the ``QUIC`` and ``TCP_QUIC`` target group protocols, and drops ``QuicServerId`` on
RegisterTargets. AWS instead:

* CreateTargetGroup keeps ``TargetControlPort`` (1-65535, for HTTP and HTTPS target groups only:
  ``ValidationError`` otherwise) and DescribeTargetGroups returns it; it cannot be modified;
* CreateTargetGroup accepts ``QUIC`` and ``TCP_QUIC`` (TCP health checks unless asked otherwise);
* RegisterTargets into a QUIC or TCP_QUIC target group needs a ``QuicServerId`` on every target,
  ``0x`` followed by 16 hexadecimal digits, and refuses one on any other protocol
  (``ValidationError``); DescribeTargetHealth returns it in ``Target.QuicServerId``.

This module is imported after ``target_health`` (name order), so its DescribeTargetHealth answer is
the outermost one: the server ID is added to whatever state that module reports.
"""

import re

from moto.elbv2 import models, responses
from moto.elbv2.exceptions import ValidationError

QUIC_PROTOCOLS = {"QUIC": "TCP", "TCP_QUIC": "TCP_UDP"}
SERVER_ID = re.compile(r"^0x[0-9a-fA-F]{16}$")

# --- target control port ---

models.FakeTargetGroup.target_control_port = None

_original_create_target_group_response = responses.ELBV2Response.create_target_group


def _create_target_group_response(self):
    params = self._get_params()
    control_port = params.get("TargetControlPort")
    if control_port is not None:
        try:
            control_port = int(control_port)
        except ValueError:
            raise ValidationError(f"Invalid TargetControlPort '{control_port}'")
        if not 1 <= control_port <= 65535:
            raise ValidationError("TargetControlPort must be between 1 and 65535")
        if params.get("Protocol") not in ("HTTP", "HTTPS"):
            raise ValidationError(
                "TargetControlPort is supported only for HTTP and HTTPS target groups"
            )
    result = _original_create_target_group_response(self)
    if control_port is not None:
        result.result["TargetGroups"][0].target_control_port = control_port
    return result


responses.ELBV2Response.create_target_group = _create_target_group_response

# --- QUIC target groups ---

_original_create_target_group = models.ELBv2Backend.create_target_group


def _create_target_group(self, name, **kwargs):
    protocol = kwargs.get("protocol")
    if protocol not in QUIC_PROTOCOLS:
        return _original_create_target_group(self, name, **kwargs)
    target_group = _original_create_target_group(
        self, name, **{**kwargs, "protocol": QUIC_PROTOCOLS[protocol]}
    )
    target_group.protocol = protocol
    target_group.health_check_protocol = kwargs.get("healthcheck_protocol") or "TCP"
    return target_group


models.ELBv2Backend.create_target_group = _create_target_group

# --- QUIC server IDs ---

_original_register = models.FakeTargetGroup.register
_original_health_for = models.FakeTargetGroup.health_for


def _register(self, targets):
    quic = self.protocol in QUIC_PROTOCOLS
    for target in targets:
        server_id = target.get("QuicServerId")
        if quic and server_id is None:
            raise ValidationError(
                f"A QUIC server ID is required for targets of a {self.protocol} target group"
            )
        if not quic and server_id is not None:
            raise ValidationError(
                f"QUIC server IDs are not supported for {self.protocol} target groups"
            )
        if server_id is not None and not SERVER_ID.match(str(server_id)):
            raise ValidationError(
                f"Invalid QUIC server ID '{server_id}': 0x followed by 16 hexadecimal digits"
            )
    _original_register(self, targets)
    if quic:
        ids = self.__dict__.setdefault("_quic_server_ids", {})
        for target in targets:
            ids[target["Id"]] = target["QuicServerId"]


def _health_for(self, target, ec2_backend):
    answer = _original_health_for(self, target, ec2_backend)
    server_id = self.__dict__.get("_quic_server_ids", {}).get(target["Id"])
    if server_id is not None:
        answer.quic_server_id = server_id
    return answer


def _target(self):
    target = {"Id": self.instance_id, "Port": self.port}
    server_id = getattr(self, "quic_server_id", None)
    if server_id is not None:
        target["QuicServerId"] = server_id
    return target


models.FakeTargetGroup.register = _register
models.FakeTargetGroup.health_for = _health_for
models.FakeHealthStatus.target = property(_target)
