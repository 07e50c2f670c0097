"""What the ЕГИССО export adds: «Выгрузки в ЕГИССО» in the case-work menu and the demo
exports (after the social services demo, whose facts they carry)."""

from resurs.casework.egisso.demo import load_demo_data
from resurs.casework.egisso.models import EXPORT_ROLES
from resurs.kernel.contributions import Contribution, MenuItem

CONTRIBUTION = Contribution(
    menu=(
        MenuItem("Выгрузки в ЕГИССО", "egisso:list", EXPORT_ROLES, section="casework", position=75),
    ),
    demo=load_demo_data,
    demo_after=("socialservices",),
)
