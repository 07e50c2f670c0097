"""Reads of the directory. Every page, export and API list gets its queryset here."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404

from resurs.kernel.organisations.models import (
    Appointment,
    Direction,
    LocalDocument,
    LocalDocumentVersion,
    Organisation,
    ResourceCentreStatus,
    Territory,
)


@dataclass(frozen=True)
class OrganisationFilter:
    text: str = ""
    kind: str = ""
    legal_form: str = ""
    territory_id: int | None = None
    direction_id: int | None = None
    resource_centre: bool | None = None
    is_active: bool | None = None


def organisations_visible_to(who, filters: OrganisationFilter | None = None):
    """ORG-1: the directory as ``who`` may see it, filtered, with what the list shows."""
    filters = filters or OrganisationFilter()
    # A region is data: the directory lists the user's region.
    queryset = Organisation.objects.visible_to(who).in_region_of(who).search(filters.text)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.legal_form:
        queryset = queryset.filter(legal_form=filters.legal_form)
    if filters.territory_id:
        queryset = queryset.filter(territory_id=filters.territory_id)
    if filters.direction_id:
        queryset = queryset.filter(
            Exists(
                Organisation.directions.through.objects.filter(
                    organisation_id=OuterRef("pk"), direction_id=filters.direction_id
                )
            )
        )
    if filters.is_active is not None:
        queryset = queryset.filter(is_active=filters.is_active)
    active_rc = ResourceCentreStatus.objects.active().filter(organisation_id=OuterRef("pk"))
    queryset = queryset.annotate(is_resource_centre=Exists(active_rc))
    if filters.resource_centre is not None:
        queryset = queryset.filter(is_resource_centre=filters.resource_centre)
    return queryset.with_listing().order_by("name", "id")


def organisation_for(who, pk) -> Organisation:
    """One organisation's card, or 404 when it does not exist or is out of scope."""
    queryset = Organisation.objects.visible_to(who).select_related("territory__region")
    return get_object_or_404(queryset.prefetch_related("directions"), pk=pk)


def organisation_with_inn(inn: str, exclude_pk=None) -> Organisation | None:
    """The organisation holding an ИНН, whatever the scope: ИНН is unique region-wide."""
    if not inn:
        return None
    return Organisation.objects.filter(inn=inn).exclude(pk=exclude_pk).first()


def rc_statuses_visible_to(who):
    return ResourceCentreStatus.objects.visible_to(who).select_related(
        "organisation", "direction", "replaced_by"
    )


def appointments_visible_to(who):
    return Appointment.objects.visible_to(who).select_related("organisation", "direction", "user")


def local_documents_visible_to(who):
    latest = LocalDocumentVersion.objects.order_by("-number")
    return (
        LocalDocument.objects.visible_to(who)
        .select_related("organisation", "direction")
        .prefetch_related(Prefetch("versions", queryset=latest.select_related("uploaded_by")))
    )


def document_version_for(who, pk) -> LocalDocumentVersion:
    return get_object_or_404(
        LocalDocumentVersion.objects.visible_to(who).select_related("document__organisation"),
        pk=pk,
    )


def territories(who=None):
    """Municipalities are public reference data: every role sees all of them — those of its
    own region when ``who`` is given (lists and pickers)."""
    queryset = Territory.objects.select_related("region")
    return queryset.in_region_of(who) if who is not None else queryset


def directions(active_only: bool = False):
    queryset = Direction.objects.all()
    return queryset.filter(is_active=True) if active_only else queryset
