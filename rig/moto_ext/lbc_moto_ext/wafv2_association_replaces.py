"""WAFv2 AssociateWebACL replaces the resource's existing association, as AWS does.

moto appends the resource to the new web ACL and leaves it on the old one, so
GetWebACLForResource keeps answering the old web ACL after a change.
"""

from moto.wafv2.models import WAFV2Backend

_associate = WAFV2Backend.associate_web_acl


def associate_web_acl(self, web_acl_arn, resource_arn):
    if web_acl_arn in self.wacls:
        for web_acl in self.wacls.values():
            if resource_arn in web_acl.associated_resources:
                web_acl.associated_resources.remove(resource_arn)
    _associate(self, web_acl_arn, resource_arn)


WAFV2Backend.associate_web_acl = associate_web_acl
