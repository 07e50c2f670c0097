"""The home page's own blocks: every app adds what the user works with daily through
``home`` in its contribution module (resurs.kernel.contributions); the home page renders
them after «Требует внимания», in INSTALLED_APPS order."""

from dataclasses import dataclass

from django.template.loader import render_to_string

from resurs.kernel.contributions import contributions


@dataclass(frozen=True)
class RenderedPanel:
    title: str
    html: str


def panels_for(request) -> list[RenderedPanel]:
    if getattr(request, "scope", None) is None:
        return []
    rendered = []
    for contribution in contributions():
        if contribution.home is None:
            continue
        for panel in contribution.home(request):
            html = render_to_string(panel.template, dict(panel.context), request=request)
            rendered.append(RenderedPanel(panel.title, html))
    return rendered
