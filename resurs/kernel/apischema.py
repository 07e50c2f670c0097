"""What every API app's partial-change body (PATCH) shares: a field left out keeps its
stored value, and an explicit null is taken only where the record may hold no value.

Without it, ``{"valid_from": null}`` or ``{"inn": null}`` reached the model and the database
(a 500: a comparison with None, a NOT NULL column). The record's model says which fields
may be empty; the OpenAPI document says the same, so a client sees it before sending.
"""

from typing import Any, ClassVar

from django.db import models
from ninja import Schema
from pydantic import field_validator
from pydantic_core import PydanticCustomError

NULL_REFUSED = "null_refused"


class PatchSchema(Schema):
    """Subclasses name the model they change; a field ``x`` or ``x_id`` of a nullable model
    field takes null, a field the model lacks (a list of links, say) keeps its own rule."""

    model: ClassVar[type[models.Model] | None] = None

    @classmethod
    def may_be_null(cls, name: str) -> bool:
        if cls.model is None:
            return True
        fields = {f.name: f for f in cls.model._meta.get_fields() if hasattr(f, "null")}
        field = fields.get(name) or fields.get(name.removesuffix("_id"))
        if field is None or field.many_to_many or field.one_to_many:
            return True
        return bool(field.null)

    @field_validator("*", mode="before")
    @classmethod
    def _null_only_where_allowed(cls, value: Any, info) -> Any:
        if value is None and not cls.may_be_null(info.field_name):
            raise PydanticCustomError(NULL_REFUSED, "null refused")
        return value

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema, handler):
        schema = handler(core_schema)
        target = handler.resolve_ref_schema(schema)
        for name, prop in target.get("properties", {}).items():
            variants = prop.get("anyOf")
            if not variants or {"type": "null"} not in variants or cls.may_be_null(name):
                continue
            rest = [v for v in variants if v != {"type": "null"}]
            del prop["anyOf"]
            if len(rest) == 1:
                prop.update(rest[0])
            else:
                prop["anyOf"] = rest
        return schema
