"""What preventive work adds: the home-page warning of a quarter without an open day
(002 §3.7) and the demo events."""

from resurs.casework.prevention.attention import items_for
from resurs.casework.prevention.demo import load_demo_data
from resurs.kernel.contributions import Contribution

CONTRIBUTION = Contribution(attention=items_for, demo=load_demo_data)
