"""The OpenAPI document is what the endpoints do (issue 11, item 10): every component name
stands for one schema (ninja merges same-named schemas of different modules, so one would
silently describe another's body), and each request body documented is the one validated."""

import json
import re

import pytest
from ninja.openapi.schema import REF_TEMPLATE, OpenAPISchema
from ninja.params.models import BodyModel
from ninja.schema import NinjaGenerateJsonSchema
from ninja.utils import normalize_path

from config.api import api
from resurs.kernel.accounts.roles import Role
from resurs.kernel.accounts.services import api_token_create
from tests.factories import member

COMPONENTS = "#/components/schemas/"


class _Recording(OpenAPISchema):
    """ninja's own schema builder, remembering every definition offered under each name."""

    def __init__(self, *args, **kwargs):
        self.offered: dict[str, set[str]] = {}
        super().__init__(*args, **kwargs)

    def add_schema_definitions(self, definitions: dict) -> None:
        for name, definition in definitions.items():
            self.offered.setdefault(name, set()).add(json.dumps(definition, sort_keys=True))
        super().add_schema_definitions(definitions)


def _operations():
    for router in api._get_bound_routers():
        for path, view in router.path_operations.items():
            for operation in view.operations:
                full = normalize_path("/api/v1/" + "/".join(p for p in (router.prefix, path) if p))
                yield re.sub(r"{[^}:]+:", "{", full), operation


def test_every_component_name_stands_for_one_schema():
    schema = _Recording(api, "")
    collided = sorted(name for name, offered in schema.offered.items() if len(offered) > 1)
    assert collided == []


def _resolve(node, components):
    """A schema with every $ref replaced by its definition (recursion is cut at a repeat)."""
    seen: set[str] = set()

    def walk(item):
        if isinstance(item, dict):
            ref = item.get("$ref")
            if ref is not None and ref not in seen:
                seen.add(ref)
                resolved = walk(components[ref.removeprefix(COMPONENTS)])
                seen.discard(ref)
                return resolved
            return {key: walk(value) for key, value in item.items() if key != "$ref"}
        if isinstance(item, list):
            return [walk(value) for value in item]
        return item

    return walk(node)


def _shape(schema: dict) -> tuple:
    """What a client must send: the field names, the required ones, each field's types."""
    properties = schema.get("properties", {})
    return (
        sorted(properties),
        sorted(schema.get("required", [])),
        {
            name: json.dumps(
                {k: v for k, v in field.items() if k not in {"title", "description"}},
                sort_keys=True,
            )
            for name, field in properties.items()
        },
    )


def test_each_documented_request_body_is_the_one_the_endpoint_validates():
    document = api.get_openapi_schema()
    components = document["components"]["schemas"]
    checked = 0
    for path, operation in _operations():
        for model in operation.models:
            if not issubclass(model, BodyModel) or model.__ninja_param_source__ != "body":
                continue
            (field,) = model.model_fields.values()
            validated = field.annotation.model_json_schema(
                ref_template=REF_TEMPLATE, schema_generator=NinjaGenerateJsonSchema
            )
            definitions = validated.pop("$defs", {})
            for method in operation.methods:
                documented = document["paths"][path]
                body = documented[method.lower()]["requestBody"]["content"]["application/json"]
                assert _shape(_resolve(body["schema"], components)) == _shape(
                    _resolve(validated, {**components, **definitions})
                ), f"{method} {path}"
                checked += 1
    assert checked >= 60


BEYOND = {
    "maxLength": lambda bound: "я" * (bound + 1),
    "minLength": lambda bound: "я" * (bound - 1) if bound > 0 else None,
    "maximum": lambda bound: bound + 1,
    "minimum": lambda bound: bound - 1,
    "maxItems": lambda bound: [1] * (bound + 1),
    "minItems": lambda bound: [] if bound > 0 else None,
}


def _bounded_fields(schema: dict):
    """(field, keyword, bound) of every documented bound of a request body's fields."""
    for name, field in schema.get("properties", {}).items():
        for variant in field.get("anyOf", [field]):
            for keyword in BEYOND:
                if keyword in variant:
                    yield name, keyword, variant[keyword]


@pytest.mark.django_db
def test_every_documented_bound_of_a_request_body_is_enforced(client):
    """For each body field with maxLength, minimum, minItems…, a value just beyond it is
    refused with 422 naming that field — before any record is looked up (ids are 1)."""
    department = member(Role.DEPARTMENT)
    headers = {"Authorization": "Bearer " + api_token_create(membership=department, name="x")[1]}
    document = api.get_openapi_schema()
    components = document["components"]["schemas"]
    tried, unenforced = 0, []
    for path, item in document["paths"].items():
        for method in ("post", "put", "patch"):
            body = item.get(method, {}).get("requestBody", {}).get("content", {})
            if "application/json" not in body:
                continue
            schema = _resolve(body["application/json"]["schema"], components)
            url = re.sub(r"{[^}]+}", "1", path)
            for name, keyword, bound in _bounded_fields(schema):
                value = BEYOND[keyword](bound)
                if value is None:
                    continue
                tried += 1
                response = getattr(client, method)(
                    url, {name: value}, content_type="application/json", headers=headers
                )
                fields = [e["field"] for e in response.json().get("errors", [])]
                if response.status_code != 422 or name not in fields:
                    unenforced.append(f"{method.upper()} {path} {name} {keyword}={bound}")
    assert tried > 100
    assert unenforced == []
