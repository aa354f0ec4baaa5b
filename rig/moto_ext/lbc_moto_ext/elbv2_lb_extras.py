"""ELBv2 capacity reservations, IPAM pools and IPv6 source NAT prefixes as AWS treats them.

moto 5.2.5 answers DescribeCapacityReservation with a fixed "provisioned" state and has no
ModifyCapacityReservation, no ModifyIpPools, and drops ``IpamPools``, ``EnablePrefixForIpv6SourceNat``
and ``SubnetMappings[].SourceNatIpv6Prefix`` on CreateLoadBalancer and SetSubnets. AWS instead:

* ModifyCapacityReservation sets ``MinimumLoadBalancerCapacity.CapacityUnits`` (> 0) or, with
  ``ResetCapacityReservation=true``, removes it (both or neither → ValidationError); a decrease uses
  one of the day's decrease requests (4 here), ``CapacityDecreaseRequestsLimitExceeded`` when none
  is left. DescribeCapacityReservation returns the minimum capacity and one ``provisioned`` state
  per zone (units spread evenly) while reserved, and neither when not;
* CreateLoadBalancer with ``IpamPools.Ipv4IpamPoolId`` (an ``ipam-pool-`` ID) keeps it;
  ModifyIpPools sets it or, with ``RemoveIpamPools=[ipv4]``, removes it; DescribeLoadBalancers
  returns ``IpamPools``;
* ``EnablePrefixForIpv6SourceNat`` (on/off, network load balancers only; ``on`` needs dualstack)
  and per-subnet ``SourceNatIpv6Prefix`` (``auto_assigned`` gets a /80 of the subnet's IPv6 CIDR,
  an explicit /80 must lie inside it; prefixes need the switch on) are kept by CreateLoadBalancer
  and SetSubnets and returned as ``EnablePrefixForIpv6SourceNat`` and
  ``AvailabilityZones[].SourceNatIpv6Prefixes``.
"""

import ipaddress
import itertools
from datetime import datetime, timezone

from moto.core.responses import ActionResult
from moto.elbv2 import models, responses
from moto.elbv2.exceptions import ELBClientError, LoadBalancerNotFoundError, ValidationError

DECREASES_PER_DAY = 4
_prefix_counter = itertools.count(1)


class _Error(ELBClientError):
    def __init__(self, code, message):
        super().__init__(code, message)


def _true(value):
    return str(value).lower() == "true"


def _balancer(backend, arn):
    balancer = backend.load_balancers.get(arn)
    if balancer is None:
        raise LoadBalancerNotFoundError()
    return balancer


# --- capacity reservations ---


def _describe_capacity_reservation(self):
    balancer = _balancer(self.elbv2_backend, self._get_param("LoadBalancerArn"))
    return ActionResult(_capacity_result(balancer))


def _capacity_result(balancer):
    units = getattr(balancer, "_capacity_units", None)
    result = {"DecreaseRequestsRemaining": getattr(balancer, "_decreases_left", DECREASES_PER_DAY)}
    if getattr(balancer, "_capacity_modified", None):
        result["LastModifiedTime"] = balancer._capacity_modified
    if units:
        zones = balancer.availability_zones or []
        result["MinimumLoadBalancerCapacity"] = {"CapacityUnits": units}
        result["CapacityReservationState"] = [
            {
                "AvailabilityZone": zone.zone_name,
                "EffectiveCapacityUnits": float(units) / max(len(zones), 1),
                "State": {"Code": "provisioned"},
            }
            for zone in zones
        ]
    return result


def _modify_capacity_reservation(self):
    params = self._get_params()
    balancer = _balancer(self.elbv2_backend, params.get("LoadBalancerArn"))
    reset = _true(params.get("ResetCapacityReservation", "false"))
    wanted = (params.get("MinimumLoadBalancerCapacity") or {}).get("CapacityUnits")
    if reset == (wanted is not None):
        raise ValidationError(
            "Specify exactly one of MinimumLoadBalancerCapacity and ResetCapacityReservation"
        )
    units = None if reset else int(wanted)
    if units is not None and units <= 0:
        raise _Error("InvalidConfigurationRequest", "CapacityUnits must be greater than 0")
    current = getattr(balancer, "_capacity_units", None)
    left = getattr(balancer, "_decreases_left", DECREASES_PER_DAY)
    if current and (units is None or units < current):
        if left <= 0:
            raise _Error(
                "CapacityDecreaseRequestLimitExceeded",
                "You have reached the limit of capacity decrease requests for today",
            )
        balancer._decreases_left = left - 1
    balancer._capacity_units = units
    balancer._capacity_modified = datetime.now(timezone.utc)
    return ActionResult(_capacity_result(balancer))


responses.ELBV2Response.describe_capacity_reservation = _describe_capacity_reservation
responses.ELBV2Response.modify_capacity_reservation = _modify_capacity_reservation


# --- IPAM pools ---

models.FakeLoadBalancer.ipam_pools = None


def _check_pool(pools):
    pool = (pools or {}).get("Ipv4IpamPoolId")
    if pool is not None and not str(pool).startswith("ipam-pool-"):
        raise ValidationError(f"Invalid IPAM pool ID '{pool}'")
    return {"Ipv4IpamPoolId": pool} if pool else None


def _modify_ip_pools(self):
    params = self._get_params()
    balancer = _balancer(self.elbv2_backend, params.get("LoadBalancerArn"))
    pools = _check_pool(params.get("IpamPools"))
    remove = params.get("RemoveIpamPools") or []
    if pools and remove:
        raise ValidationError("You cannot both set and remove the ipv4 IPAM pool")
    if pools:
        balancer.ipam_pools = pools
    elif "ipv4" in remove:
        balancer.ipam_pools = None
    return ActionResult({"IpamPools": balancer.ipam_pools})


responses.ELBV2Response.modify_ip_pools = _modify_ip_pools


# --- IPv6 source NAT ---

models.FakeLoadBalancer.enable_prefix_for_ipv6_source_nat = None


def _source_nat_prefix(subnet, wanted):
    blocks = [
        ipaddress.ip_network(a["ipv6CidrBlock"])
        for a in subnet.ipv6_cidr_block_associations.values()
        if a["ipv6CidrBlockState"]["State"] == "associated"
    ]
    if not blocks:
        raise _Error("InvalidConfigurationRequest", f"Subnet {subnet.id} has no IPv6 CIDR block")
    if wanted == "auto_assigned":
        block = blocks[0]
        return str(ipaddress.ip_network((int(block.network_address) + (next(_prefix_counter) << 48), 80)))
    network = ipaddress.ip_network(wanted, strict=False)
    if network.prefixlen != 80 or not any(network.subnet_of(b) for b in blocks if b.prefixlen <= 80):
        raise ValidationError(f"Source NAT prefix '{wanted}' must be a /80 within the subnet's IPv6 CIDR")
    return str(network)


def _apply_source_nat(backend, balancer, params):
    switch = params.get("EnablePrefixForIpv6SourceNat")
    if switch is not None:
        if switch not in ("on", "off"):
            raise ValidationError(f"Invalid EnablePrefixForIpv6SourceNat '{switch}'")
        if balancer.type != "network":
            raise _Error("InvalidConfigurationRequest", "EnablePrefixForIpv6SourceNat is for Network Load Balancers")
        if switch == "on" and balancer.ip_address_type != "dualstack":
            raise _Error("InvalidConfigurationRequest", "Source NAT prefixes need a dualstack load balancer")
        balancer.enable_prefix_for_ipv6_source_nat = switch
    prefixes = dict(getattr(balancer, "_source_nat_prefixes", {}))
    for mapping in params.get("SubnetMappings") or []:
        wanted = mapping.get("SourceNatIpv6Prefix")
        if wanted is None:
            continue
        if balancer.enable_prefix_for_ipv6_source_nat != "on":
            raise _Error("InvalidConfigurationRequest", "SourceNatIpv6Prefix needs EnablePrefixForIpv6SourceNat on")
        subnet = backend.ec2_backend.get_subnet(mapping["SubnetId"])
        current = prefixes.get(subnet.id)
        if wanted == "auto_assigned" and current:
            continue
        prefixes[subnet.id] = _source_nat_prefix(subnet, wanted)
    if balancer.enable_prefix_for_ipv6_source_nat == "on":
        for subnet in balancer.subnets:
            if subnet.id not in prefixes:
                prefixes[subnet.id] = _source_nat_prefix(subnet, "auto_assigned")
    balancer._source_nat_prefixes = {s.id: prefixes[s.id] for s in balancer.subnets if s.id in prefixes}




def _zones(self):
    zones = []
    for subnet in self.subnets:
        zone = models.AvailabilityZone(subnet)
        prefix = getattr(self, "_source_nat_prefixes", {}).get(subnet.id)
        zone.source_nat_ipv6_prefixes = [prefix] if prefix else []
        zones.append(zone)
    return zones


models.FakeLoadBalancer.availability_zones = property(_zones)

_original_create_load_balancer = responses.ELBV2Response.create_load_balancer


def _create_load_balancer(self):
    params = self._get_params()
    pools = _check_pool(params.get("IpamPools"))
    result = _original_create_load_balancer(self)
    balancer = result.result["LoadBalancers"][0]
    balancer.ipam_pools = pools
    try:
        _apply_source_nat(self.elbv2_backend, balancer, params)
    except Exception:
        self.elbv2_backend.load_balancers.pop(balancer.arn, None)
        raise
    return result


responses.ELBV2Response.create_load_balancer = _create_load_balancer

_original_set_subnets = responses.ELBV2Response.set_subnets


def _set_subnets(self):
    params = self._get_params()
    result = _original_set_subnets(self)
    balancer = _balancer(self.elbv2_backend, params.get("LoadBalancerArn"))
    _apply_source_nat(self.elbv2_backend, balancer, params)
    result.result["AvailabilityZones"] = balancer.availability_zones
    result.result["EnablePrefixForIpv6SourceNat"] = balancer.enable_prefix_for_ipv6_source_nat
    return result


responses.ELBV2Response.set_subnets = _set_subnets
