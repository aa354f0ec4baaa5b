"""ELBv2 listener-rule Transforms and condition RegexValues as AWS treats them.

moto 5.2.5 drops ``Transforms`` (CreateRule, ModifyRule, DescribeRules) and fails on a host-header,
path-pattern or http-header condition that holds ``RegexValues`` instead of ``Values`` (KeyError on
``Values``). AWS instead:

* stores a rule's transforms (``url-rewrite`` with ``UrlRewriteConfig``, ``host-header-rewrite``
  with ``HostHeaderRewriteConfig``; each with rewrites of ``Regex`` and ``Replace``) and returns them
  in DescribeRules; at most one transform of each type;
* on ModifyRule keeps the transforms when none are given, replaces them when some are, and removes
  them on ``ResetTransforms=true`` (both at once is a ValidationError);
* accepts ``RegexValues`` in HostHeaderConfig, PathPatternConfig and HttpHeaderConfig, exactly one
  of ``Values`` and ``RegexValues`` per condition.
"""

from moto.core.responses import ActionResult
from moto.elbv2 import models, responses
from moto.elbv2.exceptions import ValidationError

_CONFIG_OF = {"url-rewrite": "UrlRewriteConfig", "host-header-rewrite": "HostHeaderRewriteConfig"}


def _validate_transforms(transforms):
    seen = set()
    for i, transform in enumerate(transforms):
        where = f"Transforms[{i + 1}]"
        kind = transform.get("Type")
        if kind not in _CONFIG_OF:
            raise ValidationError(
                f"Value '{kind}' at '{where}.type' failed to satisfy constraint: "
                "Member must satisfy enum value set: [host-header-rewrite, url-rewrite]"
            )
        if kind in seen:
            raise ValidationError(f"{where}: only one transform of type '{kind}' is allowed per rule")
        seen.add(kind)
        config = transform.get(_CONFIG_OF[kind])
        if not isinstance(config, dict) or not config.get("Rewrites"):
            raise ValidationError(f"{where}: a {_CONFIG_OF[kind]} with Rewrites must be specified with '{kind}'")
        for other in _CONFIG_OF.values():
            if other != _CONFIG_OF[kind] and transform.get(other):
                raise ValidationError(f"{where}: {other} cannot be specified with '{kind}'")
        for j, rewrite in enumerate(config["Rewrites"]):
            if not rewrite.get("Regex") or "Replace" not in rewrite:
                raise ValidationError(f"{where}.{_CONFIG_OF[kind]}.Rewrites[{j + 1}]: Regex and Replace are required")
            if len(rewrite["Regex"]) > 1024 or len(rewrite["Replace"]) > 1024:
                raise ValidationError(f"{where}: a Regex or Replace is longer than 1024 characters")


def _one_kind(config, field):
    values = config.get("Values") or []
    regex = config.get("RegexValues") or []
    if values and regex:
        raise ValidationError(f"You cannot specify both Values and RegexValues for a '{field}' condition")
    if not values and not regex:
        raise ValidationError(f"A '{field}' condition must specify Values or RegexValues")
    for value in regex:
        if len(value) > 128:
            raise ValidationError(f"The '{field}' regex value is too long; the limit is '128'")
    return bool(regex)


def _regex_aware(field, config_key, original):
    def validate(self, condition):
        config = condition.get(config_key)
        if isinstance(config, dict) and config.get("RegexValues"):
            _one_kind(config, field)
            return None
        return original(self, condition)

    return validate


models.ELBv2Backend._validate_host_header_condition = _regex_aware(
    "host-header", "HostHeaderConfig", models.ELBv2Backend._validate_host_header_condition
)
models.ELBv2Backend._validate_path_pattern_condition = _regex_aware(
    "path-pattern", "PathPatternConfig", models.ELBv2Backend._validate_path_pattern_condition
)
models.ELBv2Backend._validate_http_header_condition = _regex_aware(
    "http-header", "HttpHeaderConfig", models.ELBv2Backend._validate_http_header_condition
)

# a rule has no transforms until it is given some
models.FakeListenerRule.transforms = []

_original_create_rule = responses.ELBV2Response.create_rule


def _create_rule(self):
    transforms = self._get_params().get("Transforms") or []
    _validate_transforms(transforms)
    result = _original_create_rule(self)
    result.result["Rules"][0].transforms = transforms
    return result


responses.ELBV2Response.create_rule = _create_rule

_original_modify_rule = responses.ELBV2Response.modify_rule


def _modify_rule(self):
    params = self._get_params()
    transforms = params.get("Transforms") or []
    reset = str(params.get("ResetTransforms", "false")).lower() == "true"
    if reset and transforms:
        raise ValidationError("You cannot specify both Transforms and ResetTransforms")
    _validate_transforms(transforms)
    rule = self.elbv2_backend.describe_rules(listener_arn=None, rule_arns=[self._get_param("RuleArn")])
    if not params.get("Conditions") and not params.get("Actions") and rule and (transforms or reset):
        # AWS lets a ModifyRule change only the transforms; moto refuses a call without both lists
        rule[0].transforms = [] if reset else transforms
        return _rules_result(rule[0])
    result = _original_modify_rule(self)
    if rule and (transforms or reset):
        rule[0].transforms = [] if reset else transforms
    return result


def _rules_result(rule):
    return ActionResult({"Rules": [rule]})


responses.ELBV2Response.modify_rule = _modify_rule
