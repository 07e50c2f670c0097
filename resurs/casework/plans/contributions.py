"""What individual plans add: the home-page item of incoming referrals (SOC-7) and the demo
plans with their referrals."""

from resurs.casework.plans.attention import items_for
from resurs.casework.plans.demo import load_demo_data
from resurs.kernel.contributions import Contribution

CONTRIBUTION = Contribution(attention=items_for, demo=load_demo_data)
