"""Reference data of a region (ORG-1, ORG-2): municipalities and priority directions.

A region is a JSON file in ``organisations/data/regions/<code>.json``; loading it again
updates what changed and adds what is new, so a second region is loaded the same way
(``manage.py load_region <code>``). The data migration loads KhMAO–Yugra (86).
"""

import json
from pathlib import Path

from django.apps import apps as global_apps

REGIONS_DIR = Path(__file__).resolve().parent / "data" / "regions"


def region_data(code: str) -> dict:
    path = REGIONS_DIR / f"{code}.json"
    if not path.exists():
        known = ", ".join(sorted(p.stem for p in REGIONS_DIR.glob("*.json")))
        raise FileNotFoundError(f"Нет данных региона {code}. Есть: {known}.")
    return json.loads(path.read_text(encoding="utf-8"))


def load_region(code: str, apps=global_apps) -> dict[str, int]:
    """Creates or updates the region, its territories and directions; returns counts."""
    data = region_data(code)
    Region = apps.get_model("organisations", "Region")
    Territory = apps.get_model("organisations", "Territory")
    Direction = apps.get_model("organisations", "Direction")
    region, _ = Region.objects.update_or_create(
        code=data["code"], defaults={"name": data["name"], "timezone": data["timezone"]}
    )
    for item in data["territories"]:
        Territory.objects.update_or_create(
            region=region,
            name=item["name"],
            defaults={"kind": item["kind"], "oktmo": item.get("oktmo", "")},
        )
    for item in data.get("directions", []):
        Direction.objects.update_or_create(
            number=item["number"],
            defaults={
                "name": item["name"],
                "short_name": item["short_name"],
                "source": item.get("source", data.get("directions_source", "")),
            },
        )
    return {"territories": len(data["territories"]), "directions": len(data.get("directions", []))}


def unload_region(code: str, apps=global_apps) -> None:
    """Reverses `load_region` for a region no organisation refers to yet."""
    data = region_data(code)
    Region = apps.get_model("organisations", "Region")
    Direction = apps.get_model("organisations", "Direction")
    region = Region.objects.filter(code=data["code"]).first()
    if region is not None:
        region.territories.all().delete()
        region.delete()
    numbers = [item["number"] for item in data.get("directions", [])]
    Direction.objects.filter(number__in=numbers).delete()
