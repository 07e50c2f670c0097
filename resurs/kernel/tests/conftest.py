"""Test-only models of the kernel's mechanisms, in a registry of their own.

They live outside the project's app registry (``Meta.apps``), so no check, migration or
source rule of the project sees them; `kernel_test_tables` creates their tables once per
test session in the test database, next to the migrated ones.
"""

import pytest
from django.apps.registry import Apps
from django.db import connection, models
from django.db.models import Q

from resurs.kernel.accounts.scoping import FailClosedQuerySet
from resurs.kernel.search import Searchable, SearchIndex, SearchQuerySet

TEST_APPS = Apps()


class CitizenNote(Searchable):
    """A record about a person: its title is searched, the person's name never is."""

    title = models.CharField(max_length=200)
    citizen_name = models.CharField(max_length=200)
    snils = models.CharField(max_length=14, blank=True)

    search_fields = ("title",)
    personal_fields = ("citizen_name", "snils")

    objects = SearchQuerySet.as_manager()

    class Meta:
        app_label = "kernel_tests"
        apps = TEST_APPS
        indexes = [SearchIndex(name="kernel_tests_note_search")]


class Family(models.Model):
    """A plain parent record, to show that relations of a fail-closed model still work."""

    name = models.CharField(max_length=200)

    class Meta:
        app_label = "kernel_tests"
        apps = TEST_APPS

    def __str__(self):
        return self.name


class FamilyMemberQuerySet(FailClosedQuerySet):
    def scope_filter(self, scope):
        return Q(organisation_id=scope.organisation_id)


class FamilyMember(models.Model):
    """Personal data of a case-work app: read only through visible_to (FailClosedQuerySet)."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="members")
    organisation_id = models.IntegerField()
    full_name = models.CharField(max_length=200)

    all_records = models.Manager()
    objects = FamilyMemberQuerySet.as_manager()

    class Meta:
        app_label = "kernel_tests"
        apps = TEST_APPS
        default_manager_name = "all_records"

    def __str__(self):
        return self.full_name


TEST_MODELS = [CitizenNote, Family, FamilyMember]


@pytest.fixture(scope="session")
def kernel_test_tables(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), connection.schema_editor() as editor:
        for model in TEST_MODELS:
            editor.create_model(model)
