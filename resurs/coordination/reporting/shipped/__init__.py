"""REP-1/REP-2: the forms the product ships with, as data (installed by a data migration and
by ``manage.py load_demo``; the Department edits them afterwards). Due days are the seeds'
values (000:3.1.6–3.1.7, 001:2): provider → УСЗН by the 3rd, УСЗН → RC by the 5th, RC →
Department by the 10th, RC → methodological centre by the 3rd, the annual roadmap report by
20 January; inside an institution specialist → head by the 1st, head → director by the 3rd
(004 app. 2 §5.3–5.4)."""

from resurs.coordination.reporting.shipped.chain import CHAIN_FORMS
from resurs.coordination.reporting.shipped.inservice import IN_SERVICE_FORMS

FORMS = [*CHAIN_FORMS, *IN_SERVICE_FORMS]

COEFFICIENT_DEFAULTS = [
    # component, weight, norm for a quarter
    ("public_page", "1.00", "1"),
    ("events", "1.00", "6"),
    ("consulted", "1.00", "10"),
    ("publications", "1.00", "6"),
    ("registry", "1.00", "5"),
    ("partners", "1.00", "10"),
    ("roadmap", "2.00", "100"),
]


def install(apps=None) -> int:
    """Creates the shipped forms that are missing (by code) with version 1 and the default
    coefficient weights; returns how many forms were created. Works with the migration's
    historical models (``apps``) and with the real ones."""
    from django.utils import timezone

    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    ReportForm = apps.get_model("reporting", "ReportForm")
    FormVersion = apps.get_model("reporting", "FormVersion")
    FormSection = apps.get_model("reporting", "FormSection")
    Indicator = apps.get_model("reporting", "Indicator")
    CoefficientWeight = apps.get_model("reporting", "CoefficientWeight")
    created = 0
    for order, spec in enumerate(FORMS, start=1):
        if ReportForm.objects.filter(code=spec["code"]).exists():
            continue
        consolidates = (
            ReportForm.objects.get(code=spec["consolidates"]) if spec.get("consolidates") else None
        )
        form = ReportForm.objects.create(
            code=spec["code"],
            title=spec["title"],
            short_title=spec["short_title"],
            period_kind=spec["period_kind"],
            sender=spec["sender"],
            receiver=spec["receiver"],
            due_day=spec["due_day"],
            consolidates=consolidates,
            basis=spec["basis"],
            order=order,
        )
        version = FormVersion.objects.create(
            form=form, number=1, note="Форма при поставке", published_at=timezone.now()
        )
        for s_order, (title, indicators) in enumerate(spec["sections"], start=1):
            section = FormSection.objects.create(form_version=version, order=s_order, title=title)
            # A migration's historical model may not have every field a later one added.
            known = {f.name for f in Indicator._meta.get_fields()}
            for i_order, indicator in enumerate(indicators, start=1):
                Indicator.objects.create(
                    form_version=version,
                    section=section,
                    order=i_order,
                    **{name: value for name, value in indicator.items() if name in known},
                )
        created += 1
    for component, weight, norm in COEFFICIENT_DEFAULTS:
        CoefficientWeight.objects.get_or_create(
            component=component, defaults={"weight": weight, "norm": norm}
        )
    return created
