import pytest

from resurs.coordination.public import services
from resurs.coordination.public.models import PublicPage
from resurs.kernel.accounts.roles import Role
from tests.factories import OrganisationFactory, member, rc_status

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _tasks_run_at_once(settings):
    # The e-mail of an answer is sent by a background task: run it inside the request.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def make_page(organisation=None, *, slug="surgutskiy-tsentr", published=True, number=2):
    """A resource centre (an institution with RC status) and its public page."""
    if organisation is None:
        organisation = OrganisationFactory(name="БУ «Сургутский районный центр адаптации»")
        rc_status(organisation, number=number)
    return services.page_create(
        by=None,
        organisation=organisation,
        slug=slug,
        about="Ресурсный центр координирует поставщиков социальных услуг.",
        contacts="г. Сургут, ул. Мира, 1",
        is_published=published,
    )


def rc_member(page: PublicPage, number=2):
    """The RC login of the page's own institution."""
    from tests.factories import direction

    return member(Role.RESOURCE_CENTRE, organisation=page.organisation, direction=direction(number))


@pytest.fixture
def page(db):
    return make_page()


@pytest.fixture
def other_page(db):
    organisation = OrganisationFactory(name="БУ «Нижневартовский реабилитационный центр»")
    rc_status(organisation, number=8)
    return make_page(organisation, slug="nizhnevartovsk", number=8)


def ask(page, **fields):
    values = {"text": "Как получить консультацию?", "address": "203.0.113.5", "consent": True}
    values.update(fields)
    return services.question_submit(page=page, **values)
