"""REG-6: the practice × institution grid, edited cell by cell with htmx."""

import pytest
from django.urls import reverse

from resurs.coordination.registries import services
from resurs.coordination.registries.models import PracticeCell, PracticeStatus
from resurs.coordination.registries.tests import records
from resurs.kernel.audit.models import AuditAction, AuditEntry
from tests.factories import OrganisationFactory, member, territory

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def grid(world):
    """Two practices of the RC, two institutions; one filled cell, the rest empty."""
    first = records.practice(world["owner"], number=2, title="Программа выходного дня")
    second = records.practice(world["owner"], number=2, title="Пункт проката")
    second.number = 2
    second.save()
    a = OrganisationFactory(name="БУ «Учреждение А»", short_name="Учреждение А")
    b = OrganisationFactory(name="БУ «Учреждение Б»", short_name="Учреждение Б")
    filled = records.cell(first, a, PracticeStatus.PLANNED)
    records.cell(second, b, PracticeStatus.IMPLEMENTED)
    return {"first": first, "second": second, "a": a, "b": b, "filled": filled}


def _edit_url(practice, institution):
    return reverse("registries:cell_edit", args=[practice.pk, institution.pk])


def _post(client, practice, institution, *, status, version, started_on="", htmx=True):
    prefix = f"cell-{practice.pk}-{institution.pk}"
    return client.post(
        _edit_url(practice, institution),
        {f"{prefix}-status": status, f"{prefix}-started_on": started_on,
         f"{prefix}-version": version},
        headers=HTMX if htmx else {},
    )  # fmt: skip


def test_the_grid_shows_institutions_by_practices_with_empty_cells_not_implemented(
    world, grid, login
):
    page = login(world["rc"]).get(reverse("registries:matrix")).content.decode()
    assert "Учреждение А" in page and "Учреждение Б" in page
    row_a = page.split('<th scope="row" class="fw-normal">Учреждение А')[1].split("</tr>")[0]
    assert "планируется" in row_a
    assert "не внедряется" in row_a  # the second practice, no cell
    assert _edit_url(grid["second"], grid["a"]) in row_a
    assert "Итого" in page


def test_a_click_opens_the_cell_editor_and_saving_rerenders_the_cell(world, grid, login):
    client = login(world["rc"])
    editor = client.get(_edit_url(grid["first"], grid["a"]), headers=HTMX)
    body = editor.content.decode()
    assert body.lstrip().startswith(f'<td id="cell-{grid["first"].pk}-{grid["a"].pk}"')
    assert 'hx-post="' in body and "<html" not in body

    response = _post(client, grid["first"], grid["a"], status="implementing", version=1,
                     started_on="2024-09-01")  # fmt: skip

    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith(f'<td id="cell-{grid["first"].pk}-{grid["a"].pk}"')
    assert "внедряется" in body and "с 01.09.2024" in body and "Сохранено" in body
    cell = PracticeCell.objects.get(pk=grid["filled"].pk)
    assert (cell.status, cell.version, cell.updated_by) == (
        PracticeStatus.IMPLEMENTING,
        2,
        world["rc"].user,
    )
    entry = AuditEntry.objects.get(object_id=str(cell.pk), action=AuditAction.UPDATE)
    assert entry.parent_id == str(grid["first"].pk)
    assert entry.changes["status"] == ["планируется", "внедряется"]


def test_the_cell_and_the_practice_keep_the_history(world, grid, login):
    client = login(world["rc"])
    _post(client, grid["first"], grid["a"], status="implemented", version=1)
    history = client.get(grid["filled"].get_absolute_url()).content.decode()
    assert "внедрена" in history and world["rc"].user.get_full_name() in history
    card = client.get(grid["first"].get_absolute_url(), {"tab": "history"}).content.decode()
    assert "внедрена" in card


def test_an_empty_cell_is_filled(world, grid, login):
    client = login(world["rc"])
    response = _post(client, grid["second"], grid["a"], status="planned", version=0)
    assert "планируется" in response.content.decode()
    cell = PracticeCell.objects.get(practice=grid["second"], institution=grid["a"])
    assert cell.version == 1
    assert AuditEntry.objects.filter(object_id=str(cell.pk), action=AuditAction.CREATE).exists()


def test_two_editors_of_one_cell_the_second_is_told_and_nothing_is_overwritten(world, grid, login):
    colleague = member("resource_centre", world["owner"], direction=world["rc"].direction)
    mine, theirs = login(world["rc"]), login(colleague)
    mine.get(_edit_url(grid["first"], grid["a"]), headers=HTMX)  # both open version 1
    theirs.get(_edit_url(grid["first"], grid["a"]), headers=HTMX)
    _post(theirs, grid["first"], grid["a"], status="implemented", version=1)

    response = _post(mine, grid["first"], grid["a"], status="implementing", version=1)

    body = response.content.decode()
    assert response.status_code == 200  # htmx swaps only successful responses
    assert "Пока вы редактировали ячейку, её изменил(а)" in body
    assert colleague.user.get_full_name() in body
    assert "сейчас «внедрена»" in body
    assert 'value="2"' in body  # saving again applies on top of the colleague's value
    cell = PracticeCell.objects.get(pk=grid["filled"].pk)
    assert (cell.status, cell.version) == (PracticeStatus.IMPLEMENTED, 2)

    again = _post(mine, grid["first"], grid["a"], status="implementing", version=2)
    assert "Сохранено" in again.content.decode()


def test_an_empty_cell_filled_meanwhile_is_a_conflict_too(world, grid, login):
    services.practice_cell_set(
        by=None, practice=grid["second"], institution=grid["a"],
        status=PracticeStatus.PLANNED, expected_version=None,
    )  # fmt: skip
    response = _post(login(world["rc"]), grid["second"], grid["a"], status="implemented",
                     version=0)  # fmt: skip
    assert "Пока вы редактировали ячейку" in response.content.decode()
    cell = PracticeCell.objects.get(practice=grid["second"], institution=grid["a"])
    assert cell.status == PracticeStatus.PLANNED


def test_without_javascript_the_editor_is_a_page_and_saving_returns_to_the_grid(world, grid, login):
    client = login(world["rc"])
    page = client.get(_edit_url(grid["first"], grid["a"]))
    assert "<html" in page.content.decode()
    response = _post(client, grid["first"], grid["a"], status="implemented", version=1,
                     htmx=False)  # fmt: skip
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("registries:matrix"))


def test_a_wrong_value_is_shown_next_to_the_field(world, grid, login):
    response = _post(login(world["rc"]), grid["first"], grid["a"], status="not_implemented",
                     version=1, started_on="2024-01-01")  # fmt: skip
    body = response.content.decode()
    assert "нет даты начала" in body
    assert PracticeCell.objects.get(pk=grid["filled"].pk).status == PracticeStatus.PLANNED


def test_readers_see_the_grid_without_editors(world, grid, login):
    client = login(world["other_rc_2"])
    page = client.get(reverse("registries:matrix")).content.decode()
    assert "Учреждение А" in page
    assert _edit_url(grid["first"], grid["a"]) not in page
    assert _post(client, grid["first"], grid["a"], status="implemented", version=1
                 ).status_code == 403  # fmt: skip
    outsider = login(world["provider"])
    assert outsider.get(_edit_url(grid["first"], grid["a"])).status_code == 404


def test_an_institution_is_added_to_the_matrix(world, grid, login):
    newcomer = OrganisationFactory(short_name="Новое учреждение", territory=territory("Урай"))
    response = login(world["rc"]).post(
        reverse("registries:matrix_add"),
        {"institution": newcomer.pk, "practice": grid["second"].pk, "status": "planned"},
    )
    assert response.status_code == 302
    page = login(world["rc"]).get(response["Location"]).content.decode()
    assert "Новое учреждение" in page


def test_the_grid_costs_the_same_queries_for_more_institutions(
    world, grid, login, django_assert_max_num_queries
):
    client = login(world["department"])
    url = reverse("registries:matrix")
    client.get(url)
    with django_assert_max_num_queries(10) as small:
        client.get(url)
    for n in range(40):
        records.cell(grid["first"], OrganisationFactory(name=f"БУ «Учреждение {n:02}»"))
    with django_assert_max_num_queries(10) as large:
        client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_matrix_export_is_the_grid(world, grid, login):
    import io

    from openpyxl import load_workbook

    response = login(world["rc"]).get(reverse("registries:matrix_export"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Учреждение", "Территория", "1. Программа выходного дня")
    assert rows[1][0] == "БУ «Учреждение А»"
    assert rows[1][2:4] == ("планируется", "не внедряется")


def test_the_keeper_is_chosen_and_a_hidden_one_falls_back_to_the_users_own(world, grid, login):
    other = records.practice(
        world["rc_8"].organisation, number=8, title="Школа ответственного родительства"
    )
    records.cell(other, OrganisationFactory(short_name="Учреждение В"))
    client = login(world["department"])
    fragment = {"HX-Request": "true", "HX-Target": "results"}
    chosen = client.get(
        reverse("registries:matrix"), {"organisation": other.owner_id}, headers=fragment
    )
    assert chosen.context["matrix"].owner == other.owner
    assert "Учреждение В" in chosen.content.decode()
    assert "Учреждение А" not in chosen.content.decode()
    hidden = login(world["rc"]).get(
        reverse("registries:matrix"), {"organisation": other.owner_id}, headers=fragment
    )
    assert hidden.context["matrix"].owner == world["owner"]  # not the RC's to see
    assert "Учреждение В" not in hidden.content.decode()
