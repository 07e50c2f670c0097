"""The contribution convention (resurs.kernel.contributions): what each app adds to the whole
is found in its contributions.py, and a new app needs nothing else."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from resurs.kernel.accounts.attention import attention_for
from resurs.kernel.accounts.navigation import menu_for, section_titles
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.scoping import Scope
from resurs.kernel.contributions import declared, extension, menu_items, menu_sections
from tests.contributed import contributions as contributed


@pytest.fixture
def with_new_app(settings):
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "tests.contributed"]
    declared.cache_clear()
    yield
    settings.INSTALLED_APPS = [a for a in settings.INSTALLED_APPS if a != "tests.contributed"]
    declared.cache_clear()


def test_every_app_with_a_contribution_is_found_in_installed_order():
    labels = [item.app_label for item in declared()]
    assert labels[:2] == ["accounts", "organisations"]
    assert {"registries", "methodology", "events", "public", "roadmaps", "reporting"} <= set(labels)


def test_every_menu_item_names_a_declared_section_and_a_page_that_exists():
    sections = menu_sections()
    for item in menu_items():
        assert item.section in sections
        assert reverse(item.url_name)


def test_the_menu_keeps_the_sections_order_home_first_service_last():
    keys = list(menu_sections())
    assert keys[0] == "home" and keys[-1] == "service"
    department = menu_for(Role.DEPARTMENT)
    assert department[0].url_name == "home"
    assert [item.url_name for item in department if item.section == "service"] == [
        "exchange:import_list",
        "notifications:inbox",
        "workcalendar:year",
        "audit:list",
        "accounts:tokens",
    ]


@pytest.mark.django_db
def test_a_new_app_adds_its_menu_home_items_and_daily_job_by_one_module(with_new_app, capsys):
    assert section_titles()["contributed"] == "Новый раздел"
    assert "Новая страница" in [item.title for item in menu_for(Role.SPECIALIST)]
    assert "Новая страница" not in [item.title for item in menu_for(Role.DEPARTMENT)]

    scope = Scope(Role.SPECIALIST, 0, 0, 0, territory_id=None, direction_id=None)
    titles = [item.title for item in attention_for(scope)]
    assert "Новый раздел ждёт" in titles


@pytest.mark.django_db
def test_daily_jobs_runs_every_declared_job(with_new_app, settings, capsys):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    contributed.RAN.clear()
    call_command("daily_jobs")
    printed = capsys.readouterr().out
    assert contributed.RAN == ["job"]
    assert "Работа нового раздела: задача поставлена в очередь (готово)." in printed
    assert "Просроченные контрольные точки дорожных карт" in printed
    assert "Отчётность" in printed
    assert "Напоминания о сроках запросов и поручений" in printed


def test_roadmap_evidence_comes_from_the_apps_that_own_the_records():
    keys = [entry["key"] for entry in extension("roadmap_evidence")]
    assert keys == [
        "legal_act",
        "technology",
        "article",
        "practice",
        "participant",
        "product",
        "event",
        "publication",
        "consultation",
    ]
