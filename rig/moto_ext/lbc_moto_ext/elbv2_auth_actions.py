"""ELBv2 authenticate-oidc, authenticate-cognito and jwt-validation actions as AWS treats them.

moto 5.2.5 stores authenticate actions verbatim and refuses jwt-validation (a 2025 action type)
with "Member must satisfy enum value set". AWS instead:

* accepts ``jwt-validation`` with a ``JwtValidationConfig`` (``JwksEndpoint`` and ``Issuer``
  required; each additional claim needs ``Format``, ``Name`` and ``Values``);
* never returns an OIDC ``ClientSecret`` (nor ``UseExistingClientSecret``) in DescribeRules or
  DescribeListeners; CreateRule/CreateListener require the secret, ModifyRule/ModifyListener
  require it unless ``UseExistingClientSecret`` is true, which keeps the secret already set;
* accepts authenticate and jwt-validation actions on HTTPS listeners only
  (``InvalidLoadBalancerAction``).

Tests cannot read a secret back through the API (nor can anyone on AWS), so the secret a rule or
listener holds is exposed as ``oidc_client_secret`` on moto's model dump
(``GET /moto-api/data.json``, ``elbv2`` → ``FakeListenerRule`` / ``FakeListener``).
"""

from moto.elbv2 import models
from moto.elbv2.exceptions import ELBClientError, ValidationError

AUTH_TYPES = ("authenticate-oidc", "authenticate-cognito", "jwt-validation")

if "jwt-validation" not in models.ALLOWED_ACTIONS:
    models.ALLOWED_ACTIONS.append("jwt-validation")


class InvalidLoadBalancerActionError(ELBClientError):
    def __init__(self, message):
        super().__init__("InvalidLoadBalancerAction", message)


def _true(value):
    return str(value).lower() == "true"


_original_action_init = models.FakeAction.__init__


def _action_init(self, data):
    oidc = data.get("AuthenticateOidcConfig")
    secret = None
    use_existing = False
    if data.get("Type") == "authenticate-oidc" and isinstance(oidc, dict):
        secret = oidc.pop("ClientSecret", None)
        use_existing = _true(oidc.pop("UseExistingClientSecret", "false"))
    _original_action_init(self, data)
    self._client_secret = secret
    self._use_existing_client_secret = use_existing


models.FakeAction.__init__ = _action_init


def _require(config, fields, where):
    for field in fields:
        if not config.get(field):
            raise ValidationError(f"{where}.{field} is required")


def _validate_auth(action, index):
    where = f"Actions[{index}]"
    if action.type == "jwt-validation":
        config = action.data.get("JwtValidationConfig")
        if not isinstance(config, dict):
            raise ValidationError(f"{where}: a JwtValidationConfig must be specified with jwt-validation")
        _require(config, ("JwksEndpoint", "Issuer"), f"{where}.JwtValidationConfig")
        claims = config.get("AdditionalClaims") or []
        for i, claim in enumerate(claims):
            _require(claim, ("Format", "Name", "Values"), f"{where}.JwtValidationConfig.AdditionalClaims[{i}]")
            if claim["Format"] not in ("single-string", "string-array", "space-separated-values"):
                raise ValidationError(f"{where}: unknown additional claim format '{claim['Format']}'")
    elif action.type == "authenticate-oidc":
        config = action.data.get("AuthenticateOidcConfig")
        if not isinstance(config, dict):
            raise ValidationError(f"{where}: an AuthenticateOidcConfig must be specified")
        _require(
            config,
            ("Issuer", "AuthorizationEndpoint", "TokenEndpoint", "UserInfoEndpoint", "ClientId"),
            f"{where}.AuthenticateOidcConfig",
        )
        if action._client_secret is None and not action._use_existing_client_secret:
            raise ValidationError(f"{where}.AuthenticateOidcConfig.ClientSecret is required")
    elif action.type == "authenticate-cognito":
        config = action.data.get("AuthenticateCognitoConfig")
        if not isinstance(config, dict):
            raise ValidationError(f"{where}: an AuthenticateCognitoConfig must be specified")
        _require(
            config, ("UserPoolArn", "UserPoolClientId", "UserPoolDomain"), f"{where}.AuthenticateCognitoConfig"
        )


_original_validate_actions = models.ELBv2Backend._validate_actions


def _validate_actions(self, actions):
    for i, action in enumerate(actions):
        if action.type in AUTH_TYPES:
            _validate_auth(action, i + 1)
    # moto's own checks know neither jwt-validation nor these configs
    _original_validate_actions(self, [a for a in actions if a.type != "jwt-validation"])


models.ELBv2Backend._validate_actions = _validate_actions


def _https_only(protocol, actions):
    """Refuses, before anything changes, auth actions (request dicts) on a listener not HTTPS."""
    if (protocol or "").upper() != "HTTPS" and any((a or {}).get("Type") in AUTH_TYPES for a in actions or []):
        raise InvalidLoadBalancerActionError(
            "Authenticate and JWT validation actions are supported only on HTTPS listeners"
        )


def _keep_existing_secret(new_actions, old_actions):
    old = next((a._client_secret for a in old_actions if a.type == "authenticate-oidc"), None)
    for action in new_actions:
        if action.type == "authenticate-oidc" and action._use_existing_client_secret:
            action._client_secret = old
            action._use_existing_client_secret = False


def _listener(backend, arn):
    return backend.describe_listeners(load_balancer_arn=None, listener_arns=[arn])[0]


_original_create_rule = models.ELBv2Backend.create_rule


def _create_rule(self, listener_arn, conditions, priority, actions, tags=None):
    listeners = self.describe_listeners(None, [listener_arn])
    if listeners:
        _https_only(listeners[0].protocol, actions)
    if any(_true(((a or {}).get("AuthenticateOidcConfig") or {}).get("UseExistingClientSecret")) for a in actions):
        raise ValidationError("UseExistingClientSecret can only be used when modifying a rule")
    return _original_create_rule(self, listener_arn, conditions, priority, actions, tags)


models.ELBv2Backend.create_rule = _create_rule


_original_modify_rule = models.ELBv2Backend.modify_rule


def _modify_rule(self, rule_arn, conditions, actions):
    rules = self.describe_rules(listener_arn=None, rule_arns=[rule_arn])
    old_actions = list(rules[0].actions) if rules else []
    if rules:
        _https_only(_listener(self, rules[0].listener_arn).protocol, actions)
    rule = _original_modify_rule(self, rule_arn, conditions, actions)
    _keep_existing_secret(rule.actions, old_actions)
    return rule


models.ELBv2Backend.modify_rule = _modify_rule


_original_create_listener = models.ELBv2Backend.create_listener


def _create_listener(self, load_balancer_arn, protocol, port, ssl_policy, certificate, actions, *args, **kwargs):
    _https_only(protocol, actions)
    return _original_create_listener(
        self, load_balancer_arn, protocol, port, ssl_policy, certificate, actions, *args, **kwargs
    )


models.ELBv2Backend.create_listener = _create_listener


_original_modify_listener = models.ELBv2Backend.modify_listener


def _modify_listener(self, arn, port=None, protocol=None, ssl_policy=None, certificates=None, actions=None, *args, **kwargs):
    current = _listener(self, arn)
    old_actions = list(current.default_actions)
    _https_only(protocol or current.protocol, actions)
    listener = _original_modify_listener(self, arn, port, protocol, ssl_policy, certificates, actions, *args, **kwargs)
    _keep_existing_secret(listener.default_actions, old_actions)
    return listener


models.ELBv2Backend.modify_listener = _modify_listener


def _secret_of(actions):
    return next((a._client_secret for a in actions if a.type == "authenticate-oidc"), None)


models.FakeListenerRule.oidc_client_secret = property(lambda self: _secret_of(self.actions))
models.FakeListener.oidc_client_secret = property(lambda self: _secret_of(self.default_actions))
