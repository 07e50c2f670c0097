from django.db import migrations

IN_SERVICE_FORMS = ("inservice-specialist", "inservice-head")


def install(apps, schema_editor):
    """The shipped in-service forms (reporting.shipped), with their parts and wholes: a
    database migrated from scratch made them in 0002 before ``Indicator.part_of`` existed."""
    from resurs.coordination.reporting import shipped

    shipped.install(apps)
    Indicator = apps.get_model("reporting", "Indicator")
    parts = {
        indicator["code"]: indicator["part_of"]
        for spec in shipped.FORMS
        if spec["code"] in IN_SERVICE_FORMS
        for _title, indicators in spec["sections"]
        for indicator in indicators
        if indicator.get("part_of")
    }
    for indicator in Indicator.objects.filter(
        form_version__form__code__in=IN_SERVICE_FORMS, code__in=parts, part_of=""
    ):
        indicator.part_of = parts[indicator.code]
        indicator.save(update_fields=["part_of"])


def remove(apps, schema_editor):
    """Back: the in-service forms go if no report was opened by them."""
    ReportForm = apps.get_model("reporting", "ReportForm")
    Report = apps.get_model("reporting", "Report")
    for form in ReportForm.objects.filter(code__in=IN_SERVICE_FORMS).order_by("-id"):
        if not Report.objects.filter(form=form).exists():
            form.versions.all().delete()
            form.delete()


class Migration(migrations.Migration):
    dependencies = [("reporting", "0006_report_in_service")]

    operations = [migrations.RunPython(install, remove)]
