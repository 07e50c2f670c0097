"""What units and social districts add: home-page items of the head (a district outside its
norm, an outdated passport) and the demo of the case-work apps."""

from resurs.casework.units.attention import items_for
from resurs.casework.units.demo import load_demo_data
from resurs.kernel.contributions import Contribution

CONTRIBUTION = Contribution(attention=items_for, demo=load_demo_data)
