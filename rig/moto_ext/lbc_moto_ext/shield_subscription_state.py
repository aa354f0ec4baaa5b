"""Shield GetSubscriptionState, which moto lacks (it has Create/DescribeSubscription).

AWS answers {"SubscriptionState": "ACTIVE" | "INACTIVE"}: ACTIVE once CreateSubscription was
called in the account. The controller checks it before managing Shield Advanced protections.
"""

import json

from moto.shield.responses import ShieldResponse


def get_subscription_state(self):
    active = self.shield_backend.subscription is not None
    return json.dumps({"SubscriptionState": "ACTIVE" if active else "INACTIVE"})


ShieldResponse.get_subscription_state = get_subscription_state
