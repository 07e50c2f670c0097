"""Django names its built-in permissions in English whatever LANGUAGE_CODE says («Can add
организация»: auth.management builds the name without translation). After every migrate the
built-in ones are renamed in Russian («Добавление: организация»), so /admin/ speaks one
language; permissions an app declares itself keep their names."""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

ACTIONS = {
    "add": "Добавление",
    "change": "Изменение",
    "delete": "Удаление",
    "view": "Просмотр",
}


def russian_name(action: str, verbose_name: str) -> str:
    return f"{ACTIONS[action]}: {verbose_name}"[:255]


def rename_builtin_permissions(
    app_config=None, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs
) -> int:
    """post_migrate: the English names of the built-in permissions become Russian; returns
    how many were renamed."""
    try:
        permission_model = apps.get_model("auth", "Permission")
    except LookupError:
        return 0
    renamed = 0
    english = permission_model.objects.using(using).filter(name__startswith="Can ")
    for permission in english.select_related("content_type"):
        action, _, model_name = permission.codename.partition("_")
        if action not in ACTIONS:
            continue
        try:
            model = global_apps.get_model(permission.content_type.app_label, model_name)
        except LookupError:  # a model that is gone: its stale permission is left alone
            continue
        name = russian_name(action, str(model._meta.verbose_name))
        if permission.name != name:
            permission.name = name
            permission.save(update_fields=["name"])
            renamed += 1
    return renamed
