"""MAP-3: agreed versions of a roadmap and their comparison.

A version is a JSON snapshot of the sections and items as agreed (not copied rows): it is
written once and never changes, it does not follow later edits through foreign keys, and two
snapshots compare with plain Python. Items keep their database id as ``key``, so an item whose
text changed is «изменено», not «удалено + добавлено»; execution (checkpoints, marks) is not
part of the plan and is not versioned.
"""

from dataclasses import dataclass, field

ITEM_FIELDS = (
    ("number", "№"),
    ("section", "Раздел"),
    ("name", "Наименование мероприятия"),
    ("timeframe", "Срок реализации"),
    ("responsible", "Ответственные исполнители"),
    ("expected_results", "Ожидаемые результаты"),
)


def snapshot_of(roadmap, sections) -> dict:
    """``sections`` come with ``item_list`` and each item with ``responsible_list``."""
    return {
        "title": roadmap.title,
        "year": roadmap.year,
        "sections": [
            {
                "key": section.pk,
                "number": section.number,
                "title": section.title,
                "items": [
                    {
                        "key": item.pk,
                        "number": item.number,
                        "name": item.name,
                        "timeframe": item.timeframe,
                        "responsible": responsible_line(item),
                        "expected_results": item.expected_results,
                    }
                    for item in section.item_list
                ],
            }
            for section in sections
        ],
    }


def responsible_line(item) -> str:
    people = [
        f"{a.person_name} ({a.position})" if a.position else a.person_name
        for a in item.responsible_list
    ]
    return "; ".join(part for part in [item.responsible_text, *people] if part)


@dataclass
class ItemChange:
    status: str  # "added" | "removed" | "changed" | "same"
    left: dict | None
    right: dict | None
    changed_fields: list[str] = field(default_factory=list)

    @property
    def number(self):
        return (self.right or self.left)["number"]

    def rows(self):
        """(label, left value, right value, changed) for the side-by-side table."""
        return [
            (
                label,
                (self.left or {}).get(name, ""),
                (self.right or {}).get(name, ""),
                name in self.changed_fields,
            )
            for name, label in ITEM_FIELDS
        ]


def _items(content: dict) -> dict:
    items = {}
    for section in content.get("sections", []):
        for item in section["items"]:
            items[item["key"]] = {**item, "section": f"{section['number']}. {section['title']}"}
    return items


def compare(left: dict, right: dict) -> list[ItemChange]:
    """Every item of either version: added, removed, changed (with the fields) or the same,
    in the right version's order and then the removed ones."""
    old, new = _items(left), _items(right)
    changes = []
    for key, item in new.items():
        if key not in old:
            changes.append(ItemChange("added", None, item))
            continue
        # Renumbering after an insertion is not a change of the item itself.
        changed = [
            name
            for name, _label in ITEM_FIELDS
            if name != "number" and old[key].get(name) != item.get(name)
        ]
        changes.append(ItemChange("changed" if changed else "same", old[key], item, changed))
    changes.extend(ItemChange("removed", item, None) for key, item in old.items() if key not in new)
    return changes
