"""X-4: the API description in Russian, built from the same OpenAPI schema clients read."""

import re

from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from config.api import api

METHODS = ("get", "post", "put", "patch", "delete")
LOCATIONS = {"query": "строка запроса", "path": "путь", "header": "заголовок", "cookie": "cookie"}


_CODE = re.compile(r"``(.+?)``|`([^`]+)`", re.DOTALL)


def _text(markdown: str) -> SafeString:
    """A description as the docstrings write it: ``code`` and `code` become <code>, the rest
    is escaped text (no other Markdown is used in the descriptions)."""
    parts, last = [], 0
    for match in _CODE.finditer(markdown or ""):
        parts.append(escape(markdown[last : match.start()]))
        parts.append(f"<code>{escape(match.group(1) or match.group(2))}</code>")
        last = match.end()
    parts.append(escape((markdown or "")[last:]))
    return mark_safe("".join(parts))  # noqa: S308 -- every piece above is escaped


def _operations(schema: dict) -> list[dict]:
    sections: dict[str, list] = {}
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            tag = (operation.get("tags") or ["Прочее"])[0]
            body = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
            sections.setdefault(tag, []).append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": _text(operation.get("description", "")),
                    "public": operation.get("security") is None and not schema.get("security"),
                    "parameters": [
                        {
                            "name": p["name"],
                            "location": LOCATIONS.get(p.get("in"), p.get("in")),
                            "required": p.get("required", False),
                            "description": _text(
                                p.get("description") or p.get("schema", {}).get("description", "")
                            ),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "body": body.get("schema", {}).get("$ref", "").rsplit("/", 1)[-1],
                    "responses": sorted(operation.get("responses", {})),
                }
            )
    return [{"tag": tag, "operations": ops} for tag, ops in sections.items()]


def api_docs(request):
    schema = api.get_openapi_schema()
    return render(
        request,
        "api_docs.html",
        {
            "title": "API: описание",
            "breadcrumbs": [("API", None)],
            "info": schema.get("info", {}),
            "sections": _operations(schema),
        },
    )
