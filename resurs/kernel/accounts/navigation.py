"""The menu of each role: the items every app declares in its contribution module
(resurs.kernel.contributions), shown to the roles each item names."""

from resurs.kernel.contributions import MenuItem, menu_items, menu_sections


def section_titles() -> dict[str, str]:
    return {key: section.title for key, section in menu_sections().items()}


def menu_for(role: str | None) -> list[MenuItem]:
    """The role's menu items, grouped by section in the sections' order."""
    items = menu_items()
    if role is None:
        return [item for item in items if item.url_name == "home"]
    return [item for item in items if item.shown_to(role)]
