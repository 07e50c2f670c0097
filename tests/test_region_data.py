"""Issue 12, item 10: a region is data — lists, pickers and filters show the user's region
(another region's organisations and municipalities, as the Yugra demo holds Vladimir's, are
not offered)."""

import pytest

from resurs.coordination.instructions.selectors import addressee_choices
from resurs.coordination.registries.selectors import nameable_organisations
from resurs.kernel.accounts.roles import Role
from resurs.kernel.organisations.forms import OrganisationFilterForm
from resurs.kernel.organisations.models import Region, Territory, TerritoryKind
from resurs.kernel.organisations.selectors import organisations_visible_to, territories
from tests.factories import OrganisationFactory, member, territory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_regions():
    vladimir = Region.objects.create(
        code="33", name="Владимирская область", timezone="Europe/Moscow"
    )
    city = Territory.objects.create(region=vladimir, name="Владимир", kind=TerritoryKind.CITY_OKRUG)
    foreign = OrganisationFactory(name="ГКУСО ВО «Владимирский СРЦН»", territory=city)
    own = OrganisationFactory(name="БУ «Сургутский КЦСОН»", territory=territory("Сургут"))
    department = member(Role.DEPARTMENT, org={"territory": territory("Ханты-Мансийск")})
    return {"city": city, "foreign": foreign, "own": own, "department": department}


def test_the_directory_and_its_territory_filter_show_the_users_region(two_regions, client):
    w = two_regions
    listed = set(organisations_visible_to(w["department"]).values_list("pk", flat=True))
    assert w["own"].pk in listed and w["foreign"].pk not in listed
    choices = OrganisationFilterForm(who=w["department"]).fields["territory"].queryset
    assert territory("Сургут") in choices and w["city"] not in choices
    assert w["city"] not in territories(w["department"])
    assert w["city"] in territories()  # reference data stays whole where no user is named
    client.force_login(w["department"].user)
    found = client.get("/organisations/", {"q": "Сургутский КЦСОН"}).context["page_obj"]
    assert [o.pk for o in found] == [w["own"].pk]
    assert not client.get("/organisations/", {"q": "Владимирский"}).context["page_obj"]
    assert "Владимирская область" not in client.get("/organisations/territories/").content.decode()


def test_pickers_offer_only_the_users_region(two_regions):
    w = two_regions
    offered = nameable_organisations(w["department"])
    assert w["own"] in offered and w["foreign"] not in offered
    assert w["foreign"] in nameable_organisations()
    addressees = addressee_choices(w["department"])
    assert w["own"] in addressees and w["foreign"] not in addressees
