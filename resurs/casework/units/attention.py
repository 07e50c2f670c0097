"""What the units ask of a head on the home page (see accounts.attention): the districts of
the head's units whose population is outside the norm (002 §1.2) and those whose passport is
outdated or missing (002 §3.2.9). Two queries."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from resurs.casework.units import selectors
from resurs.casework.units.models import SocialDistrict
from resurs.kernel.accounts.roles import Role
from resurs.kernel.contributions import AttentionItem


def items_for(scope) -> list[AttentionItem]:
    if scope is None or scope.role != Role.HEAD:
        return []
    today = timezone.localdate()
    districts = selectors.with_norm(
        selectors.districts_visible_to(scope, today=today)
        .filter(unit__in=selectors.board_units(scope), closed_on__isnull=True)
        .prefetch_related(None),
        today,
    )
    items: list[AttentionItem] = []
    for district in districts:
        url = reverse("units:district", args=[district.pk])
        passport_on = selectors.passport_date(district)
        check = selectors.annotated_check(district)
        if check.outside:
            items.append(
                AttentionItem(
                    title=f"{district.name}: численность {check.label}",
                    detail=f"{_population(district)} чел.; {check.norm_text}.",
                    url=url,
                )
            )
        if selectors.passport_outdated(passport_on, today):
            items.append(
                AttentionItem(
                    title=f"{district.name}: паспорт участка "
                    + ("устарел" if passport_on else "не составлен"),
                    detail=(
                        f"Последняя актуализация {passport_on:%d.%m.%Y}; " if passport_on else ""
                    )
                    + "паспорт актуализируется не реже раза в полугодие (п. 3.2.9 Положения).",
                    url=url,
                )
            )
    return items


def _population(district: SocialDistrict) -> str:
    return f"{district.population:,}".replace(",", "\u00a0")
