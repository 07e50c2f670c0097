"""The searchable-model mechanism (resurs.kernel.search) on SQLite and on PostgreSQL."""

import io

import pytest
from django.apps.registry import Apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection, models

from resurs.kernel.organisations.models import Organisation
from resurs.kernel.search import (
    Searchable,
    SearchIndex,
    check_searchable,
    search_text_of,
    searchable_models,
)
from resurs.kernel.tests.conftest import CitizenNote
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_search_finds_cyrillic_text_whatever_the_case():
    wanted = OrganisationFactory(name="БУ «Сургутский районный центр»", short_name="")
    OrganisationFactory(name="БУ «Когалымский КЦСОН»", short_name="")
    for text in ("СУРГУТСКИЙ", "сургутский", "СуРгУтСкИй", "  районный Центр "):
        assert list(Organisation.objects.search(text).filter(pk__gte=wanted.pk)) == [wanted], text


def test_an_empty_search_keeps_every_record():
    OrganisationFactory()
    assert Organisation.objects.search("  ").count() == Organisation.objects.count()


def test_a_partial_save_refreshes_the_search_column():
    organisation = OrganisationFactory(name="БУ «Старое имя»", short_name="")
    organisation.name = "БУ «Новое Имя»"
    organisation.save(update_fields=["name"])
    assert Organisation.objects.search("НОВОЕ ИМЯ").filter(pk=organisation.pk).exists()
    assert not Organisation.objects.search("старое").filter(pk=organisation.pk).exists()


def test_the_search_text_joins_the_non_empty_values_lower_cased():
    assert search_text_of("Тема", "", None, 7, "МЕСТО") == "тема 7 место"


def test_a_personal_field_is_never_put_in_the_search_column(kernel_test_tables):
    note = CitizenNote.objects.create(
        title="Обращение о социальном обслуживании на дому",
        citizen_name="Иванова Мария Петровна",
        snils="112-233-445 95",
    )
    assert "иванова" not in note.search_text
    assert not CitizenNote.objects.search("Иванова").exists()
    assert not CitizenNote.objects.search("112-233").exists()
    assert list(CitizenNote.objects.search("ОБСЛУЖИВАНИИ")) == [note]


def test_a_model_that_would_search_a_personal_field_is_refused():
    with pytest.raises(ImproperlyConfigured, match="citizen_name"):

        class Careless(Searchable):
            citizen_name = models.CharField(max_length=200)

            search_fields = ("citizen_name",)
            personal_fields = ("citizen_name",)

            class Meta:
                app_label = "kernel_tests"
                apps = Apps()


def test_every_searchable_model_declares_its_fields_and_its_index():
    found = searchable_models()
    # organisations, methodology (2), instructions, events (3), registries (5)
    assert len(found) >= 12
    assert [problem for model in found for problem in check_searchable(model)] == []


def test_the_search_index_is_declared_the_same_way_for_every_database():
    index = SearchIndex(name="event_search")
    assert index.deconstruct() == ("resurs.kernel.search.SearchIndex", (), {"name": "event_search"})
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def _indexes(model) -> dict:
    with connection.cursor() as cursor:
        return connection.introspection.get_constraints(cursor, model._meta.db_table)


def _plan(queryset) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # On a small table the planner rightly prefers a scan; forbid it to see the index.
            cursor.execute("SET LOCAL enable_seqscan = off")
        return queryset.explain()


def test_the_search_column_has_a_trigram_index_on_postgresql_only(kernel_test_tables):
    names = {
        index.name: model
        for model in searchable_models()
        for index in model._meta.indexes
        if isinstance(index, SearchIndex)
    }
    plan = _plan(CitizenNote.objects.search("обслуживание").order_by())
    if connection.vendor == "postgresql":
        for name, model in names.items():
            index = _indexes(model).get(name)
            assert index is not None, name
            assert index["type"] == "gin"
            assert index["columns"] == ["search_text"]
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", ["event_search"])
            assert "gin_trgm_ops" in cursor.fetchone()[0]
        assert "kernel_tests_note_search" in plan
    else:
        assert connection.vendor == "sqlite"
        for name, model in names.items():
            assert name not in _indexes(model)
        # A plain column: the search reads the table.
        assert "kernel_tests_note_search" not in plan
        assert "SCAN" in plan


def test_a_field_the_audit_trail_redacts_is_personal_for_search_too():
    with pytest.raises(ImproperlyConfigured, match="author_email"):

        class Careless(Searchable):
            author_email = models.EmailField()

            search_fields = ("author_email",)
            audit_redacted_fields = frozenset({"author_email"})

            class Meta:
                app_label = "kernel_tests"
                apps = Apps()
