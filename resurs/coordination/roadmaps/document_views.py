"""MAP-5, MAP-6: downloads of a roadmap — the table (XLSX, DOCX) and the annual report.

Everything starts from ``Roadmap.objects.visible_to(request)``: whoever does not see the
roadmap gets 404. The import from a file is the importer framework's page
(``exchange:import_list?importer=roadmap``), not a view of its own.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_GET, require_POST

from resurs.coordination.roadmaps import exporters, reports
from resurs.coordination.roadmaps.models import Roadmap
from resurs.kernel import documents


def _roadmap(request, pk: int) -> Roadmap:
    return get_object_or_404(
        Roadmap.objects.visible_to(request).select_related("organisation", "direction"), pk=pk
    )


@login_required
@require_GET
def export_xlsx(request, pk):
    return documents.render(exporters.plan_export(_roadmap(request, pk), request.scope), "xlsx")


@login_required
@require_GET
def export_docx(request, pk):
    return documents.render(exporters.plan_export(_roadmap(request, pk), request.scope), "docx")


@login_required
@require_GET
def report_docx(request, pk):
    """MAP-5: the report as of now, built on request (a second or less)."""
    report = reports.build_report(_roadmap(request, pk))
    return documents.render(reports.report_export(report), "docx")


@login_required
@require_GET
def report_pdf(request, pk):
    report = reports.build_report(_roadmap(request, pk))
    return documents.render(reports.report_export(report), "pdf")


@login_required
@require_POST
def report_save(request, pk):
    """MAP-5: the owner fixes the report as submitted: stored on the roadmap with its date."""
    roadmap = _roadmap(request, pk)
    reports.annual_report_save(by=request.membership, roadmap=roadmap)  # 403 if not the owner
    messages.success(request, "Информационно-аналитический отчёт сформирован и сохранён.")
    return redirect(roadmap)


@login_required
@require_GET
def report_saved(request, pk):
    """The stored report (as the owner saved it), to whoever sees the roadmap."""
    roadmap = _roadmap(request, pk)
    if not roadmap.annual_report:
        raise Http404("Отчёт ещё не сформирован.")
    return FileResponse(
        roadmap.annual_report.open("rb"),
        as_attachment=True,
        filename=f"{reports.filename(roadmap)}.docx",
        content_type=documents.DOCX_CONTENT_TYPE,
    )
