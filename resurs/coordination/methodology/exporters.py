"""REG-2 / REG-3: the registries in XLSX. The first columns are the import templates' own,
so an exported file loads back (``methodology.importers``); the rest are for reading."""

from django.db.models import Prefetch

from resurs.coordination.methodology.importers import PracticeImporter, ProductImporter
from resurs.coordination.methodology.models import Implementation, Replication
from resurs.kernel import documents

PRODUCT_EXTRA_COLUMNS = (
    ("Состояние", 24),
    ("Направлен в совет", 14),
    ("Решение совета", 14),
    ("Где внедрён", 50),
)
PRACTICE_EXTRA_COLUMNS = (
    ("Состояние", 28),
    ("Вывод ресурсного центра", 24),
    ("Анализ", 60),
    ("Направлена в методический центр", 16),
    ("Где тиражирована", 50),
)


def _date(value) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def _yes(value: bool) -> str:
    return "да" if value else "нет"


def products_xlsx(queryset, who):
    """The products of ``queryset`` with where they are implemented, as ``who`` sees it."""
    implementations = (
        Implementation.objects.visible_to(who).select_related("organisation").order_by("started_on")
    )
    rows = (
        (
            p.title,
            p.get_kind_display(),
            p.organisation.name,
            p.direction.number,
            p.year,
            p.author_organisation.name,
            p.authors,
            p.target_group,
            p.annotation,
            p.link,
            _yes(p.is_public),
            p.get_state_display(),
            _date(p.submitted_at),
            _date(p.decided_at),
            "; ".join(
                f"{i.organisation} (с {i.started_on:%d.%m.%Y})" for i in p.implementations.all()
            ),
        )
        for p in queryset.defer(None).prefetch_related(
            Prefetch("implementations", queryset=implementations)
        )
    )
    columns = [*ProductImporter.template_columns(), *PRODUCT_EXTRA_COLUMNS]
    # The template marks required columns with a star; the export's headers match it.
    return documents.render(
        documents.Document(
            filename="methodological-products",
            title="Методические продукты",
            columns=columns,
            rows=rows,
        ),
        "xlsx",
    )


def practices_xlsx(queryset, who):
    """The practices of ``queryset`` with where they are replicated, as ``who`` sees it."""
    replications = (
        Replication.objects.visible_to(who).select_related("organisation").order_by("started_on")
    )
    rows = (
        (
            p.title,
            p.organisation.name,
            p.direction.number,
            p.year,
            p.description,
            p.results,
            p.target_group,
            p.link,
            _yes(p.is_public),
            p.get_state_display(),
            p.get_analysis_verdict_display(),
            p.analysis,
            _date(p.submitted_at),
            "; ".join(
                f"{r.organisation} (с {r.started_on:%d.%m.%Y}): {r.result}"
                for r in p.replications.all()
            ),
        )
        for p in queryset.defer(None).prefetch_related(
            Prefetch("replications", queryset=replications)
        )
    )
    columns = [*PracticeImporter.template_columns(), *PRACTICE_EXTRA_COLUMNS]
    return documents.render(
        documents.Document(
            filename="best-practices", title="Лучшие практики", columns=columns, rows=rows
        ),
        "xlsx",
    )
