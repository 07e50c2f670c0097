"""What individual plans add: the home-page item of incoming referrals (SOC-7)."""

from resurs.casework.plans.attention import items_for
from resurs.kernel.contributions import Contribution

CONTRIBUTION = Contribution(attention=items_for)
