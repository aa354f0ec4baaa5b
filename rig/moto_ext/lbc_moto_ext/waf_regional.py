"""AWS WAF Classic regional (service "waf-regional"), which moto lacks entirely.

Served: GetChangeToken, CreateWebACL, GetWebACL and ListWebACLs (to arrange tests),
AssociateWebACL, DisassociateWebACL, GetWebACLForResource and ListResourcesForWebACL, in the JSON
1.1 shapes of target prefix AWSWAF_Regional_20161128. One web ACL per resource: associating
replaces the resource's association; an unknown web ACL ID is WAFNonexistentItemException.
The backend is registered as moto's "waf-regional" service so that the server routes requests
signed for it here, and /moto-api/reset clears it with the others.
"""

import json
import re
import sys
import uuid

from moto import backend_index
from moto.core.base_backend import BackendDict, BaseBackend
from moto.core.exceptions import JsonRESTError
from moto.core.responses import BaseResponse


class WAFNonexistentItemException(JsonRESTError):
    def __init__(self, what):
        super().__init__("WAFNonexistentItemException", f"The referenced item does not exist: {what}")


class WafRegionalBackend(BaseBackend):
    def __init__(self, region_name, account_id):
        super().__init__(region_name, account_id)
        self.web_acls = {}  # id -> dict
        self.associations = {}  # resource ARN -> web ACL id

    @property
    def _url_module(self):
        return sys.modules[__name__]

    def create_web_acl(self, name, metric_name, default_action):
        acl_id = str(uuid.uuid4())
        acl = {
            "WebACLId": acl_id,
            "Name": name,
            "MetricName": metric_name,
            "DefaultAction": default_action,
            "Rules": [],
            "WebACLArn": f"arn:aws:waf-regional:{self.region_name}:{self.account_id}:webacl/{acl_id}",
        }
        self.web_acls[acl_id] = acl
        return acl

    def get_web_acl(self, acl_id):
        if acl_id not in self.web_acls:
            raise WAFNonexistentItemException(f"web ACL {acl_id}")
        return self.web_acls[acl_id]

    def associate(self, acl_id, resource_arn):
        self.get_web_acl(acl_id)
        self.associations[resource_arn] = acl_id

    def disassociate(self, resource_arn):
        self.associations.pop(resource_arn, None)

    def web_acl_for(self, resource_arn):
        acl_id = self.associations.get(resource_arn)
        return self.web_acls.get(acl_id) if acl_id else None

    def resources_of(self, acl_id):
        self.get_web_acl(acl_id)
        return sorted(r for r, a in self.associations.items() if a == acl_id)


wafregional_backends = BackendDict(WafRegionalBackend, "waf-regional")


class WafRegionalResponse(BaseResponse):
    def __init__(self):
        super().__init__(service_name="waf-regional")

    @property
    def backend(self):
        return wafregional_backends[self.current_account][self.region]

    def _params(self):
        return json.loads(self.body or "{}")

    def get_change_token(self):
        return json.dumps({"ChangeToken": str(uuid.uuid4())})

    def create_web_acl(self):
        p = self._params()
        acl = self.backend.create_web_acl(p["Name"], p["MetricName"], p["DefaultAction"])
        return json.dumps({"WebACL": acl, "ChangeToken": p.get("ChangeToken", "")})

    def get_web_acl(self):
        return json.dumps({"WebACL": self.backend.get_web_acl(self._params()["WebACLId"])})

    def list_web_ac_ls(self):
        acls = [{"WebACLId": a["WebACLId"], "Name": a["Name"]} for a in self.backend.web_acls.values()]
        return json.dumps({"WebACLs": acls})

    def associate_web_acl(self):
        p = self._params()
        self.backend.associate(p["WebACLId"], p["ResourceArn"])
        return "{}"

    def disassociate_web_acl(self):
        self.backend.disassociate(self._params()["ResourceArn"])
        return "{}"

    def get_web_acl_for_resource(self):
        acl = self.backend.web_acl_for(self._params()["ResourceArn"])
        if acl is None:
            return "{}"
        return json.dumps({"WebACLSummary": {"WebACLId": acl["WebACLId"], "Name": acl["Name"]}})

    def list_resources_for_web_acl(self):
        return json.dumps({"ResourceArns": self.backend.resources_of(self._params()["WebACLId"])})


url_bases = [r"https?://waf-regional\.(.+)\.amazonaws\.com"]
url_paths = {"{0}/$": WafRegionalResponse.dispatch}

# moto.backends.get_backend("waf-regional") imports "moto.wafregional"; the server finds the
# backend of a host through backend_index.
sys.modules["moto.wafregional"] = sys.modules[__name__]
backend_index.backend_url_patterns.append(("waf-regional", re.compile(url_bases[0])))
