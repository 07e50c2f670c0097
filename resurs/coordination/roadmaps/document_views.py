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
from resurs.kernel.documents.rendering import DOCX_CONTENT_TYPE, PDF_CONTENT_TYPE, file_response
from resurs.kernel.exchange.xlsx import XLSX_CONTENT_TYPE


def _roadmap(request, pk: int) -> Roadmap:
    return get_object_or_404(
        Roadmap.objects.visible_to(request).select_related("organisation", "direction"), pk=pk
    )


@login_required
@require_GET
def export_xlsx(request, pk):
    roadmap = _roadmap(request, pk)
    return file_response(
        exporters.export_xlsx(roadmap), exporters.filename(roadmap, "xlsx"), XLSX_CONTENT_TYPE
    )


@login_required
@require_GET
def export_docx(request, pk):
    roadmap = _roadmap(request, pk)
    return file_response(
        exporters.export_docx(roadmap), exporters.filename(roadmap, "docx"), DOCX_CONTENT_TYPE
    )


@login_required
@require_GET
def report_docx(request, pk):
    """MAP-5: the report as of now, built on request (a second or less)."""
    roadmap = _roadmap(request, pk)
    return file_response(
        reports.report_docx(reports.build_report(roadmap)),
        reports.filename(roadmap, "docx"),
        DOCX_CONTENT_TYPE,
    )


@login_required
@require_GET
def report_pdf(request, pk):
    roadmap = _roadmap(request, pk)
    return file_response(
        reports.report_pdf(reports.build_report(roadmap)),
        reports.filename(roadmap, "pdf"),
        PDF_CONTENT_TYPE,
    )


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
        filename=reports.filename(roadmap, "docx"),
        content_type=DOCX_CONTENT_TYPE,
    )
