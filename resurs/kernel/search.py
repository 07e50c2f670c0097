"""The one searchable-model mechanism of Resurs: a search column, how it is filled, how it is read.

A model opts in by inheriting `Searchable`, naming the fields whose text is searched, and
indexing the column::

    class Event(Searchable, models.Model):
        ...
        search_fields = ("topic", "place", "description")

        objects = EventQuerySet.as_manager()  # EventQuerySet(SearchQuerySet, ...)

        class Meta:
            indexes = [SearchIndex(name="event_search")]

``save()`` fills ``search_text`` from ``search_fields`` (also when only some fields are
saved), lower-cased in Python, because SQLite's ``LIKE`` folds only ASCII case, so Cyrillic
text is found in any case only if both sides are lower-cased the same way. The queryset's
``search(text)`` then asks for ``search_text LIKE '%text%'``:

* on PostgreSQL the column has a GIN trigram index (``gin_trgm_ops``, extension ``pg_trgm``
  created by the organisations migration every index migration depends on), which serves
  ``LIKE``/``ILIKE`` with a leading wildcard;
* on SQLite it is a plain column, read by a scan: `SearchIndex` creates nothing there.

`SearchIndex` lives in ``Meta.indexes`` like any index, so the migration autodetector
knows it on both databases (``makemigrations --check`` stays clean on either) and the
migration that adds it is an ordinary ``AddIndex``; only the DDL depends on the vendor.

Personal data never enters the column: a model lists its fields about a person in
``personal_fields`` (the fields it redacts in the audit trail, ``audit_redacted_fields``,
count as personal too), and a class that also names one of them in ``search_fields`` is
refused when it is defined. A personal field stays searchable only by an exact match the model's
queryset adds on purpose (``search_q``), never by a substring of a shared text column.
"""

from __future__ import annotations

from typing import ClassVar

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.backends.ddl_references import Statement
from django.db.models import Q

SEARCH_COLUMN = "search_text"


def search_text_of(*parts) -> str:
    """The text stored in the search column for these values: the non-empty ones, lower-cased.

    Loaders that write rows with ``bulk_create`` (which skips ``save()``) call this too.
    """
    return " ".join(str(part) for part in parts if part not in (None, "")).lower()


def search_q(text: str, path: str = "") -> Q:
    """Records whose search column (of the record at ``path``, e.g. ``"organisation"``)
    contains ``text`` in any case."""
    prefix = f"{path}__" if path else ""
    return Q(**{f"{prefix}{SEARCH_COLUMN}__contains": text.strip().lower()})


class SearchQuerySet(models.QuerySet):
    """``search(text)`` for a `Searchable` model; a subclass widens the match in ``search_q``
    (an exact number, a related record's search column)."""

    def search(self, text: str):
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(self.search_q(text))

    def search_q(self, text: str) -> Q:
        return search_q(text)


class Searchable(models.Model):
    """A model found by a substring of its declared text fields (see the module docstring)."""

    search_text = models.TextField("текст для поиска", blank=True, editable=False)

    search_fields: ClassVar[tuple[str, ...]] = ()
    personal_fields: ClassVar[tuple[str, ...]] = ()

    class Meta:
        abstract = True

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        personal = set(cls.search_fields) & cls.all_personal_fields()
        if personal:
            raise ImproperlyConfigured(
                f"{cls.__qualname__}: personal fields are never put in the search column: "
                f"{', '.join(sorted(personal))}"
            )

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], SEARCH_COLUMN}
        super().save(*args, **kwargs)

    @classmethod
    def all_personal_fields(cls) -> set[str]:
        """``personal_fields`` and the fields the audit trail redacts (``audit_redacted_fields``,
        resurs.kernel.audit): what is too personal for the trail is too personal to search."""
        return {*cls.personal_fields, *getattr(cls, "audit_redacted_fields", ())}

    def build_search_text(self) -> str:
        return search_text_of(*(getattr(self, name) for name in self.search_fields))


class SearchIndex(models.Index):
    """The index of a `Searchable` model's search column: a GIN trigram index on PostgreSQL,
    nothing on other databases (the statement is an SQL comment, so migrations, SQLite's
    table rebuilds and ``sqlmigrate`` all pass through it)."""

    def __init__(self, *, name: str):
        super().__init__(fields=[SEARCH_COLUMN], opclasses=["gin_trgm_ops"], name=name)

    def deconstruct(self):
        path, _, _ = super().deconstruct()
        return path, (), {"name": self.name}

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return self._nothing("create")
        return super().create_sql(model, schema_editor, using=" USING gin", **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return self._nothing("drop")
        return super().remove_sql(model, schema_editor, **kwargs)

    def _nothing(self, verb: str) -> Statement:
        return Statement(
            "-- %(name)s: a PostgreSQL-only index, nothing to %(verb)s", name=self.name, verb=verb
        )


def searchable_models() -> list[type[Searchable]]:
    from django.apps import apps

    return [model for model in apps.get_models() if issubclass(model, Searchable)]


def check_searchable(model: type[Searchable]) -> list[str]:
    """What is wrong with a searchable model's declaration: unknown fields, no index."""
    field_names = {field.name for field in model._meta.get_fields()}
    problems = [
        f"{model.__name__}.search_fields names no field {name!r}"
        for name in (*model.search_fields, *model.personal_fields)
        if name not in field_names
    ]
    if not model.search_fields:
        problems.append(f"{model.__name__} declares no search_fields")
    if not any(isinstance(index, SearchIndex) for index in model._meta.indexes):
        problems.append(f"{model.__name__} has no SearchIndex in Meta.indexes")
    return problems
