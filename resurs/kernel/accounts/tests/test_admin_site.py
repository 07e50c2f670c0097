"""Issue 12, item 11: the administrator reaches /admin/ from the menu, and /admin/ speaks
Russian — model names in the plural, permission names."""

import re

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission

from resurs.kernel.accounts.navigation import menu_for
from resurs.kernel.accounts.permission_names import rename_builtin_permissions
from resurs.kernel.accounts.roles import Role
from tests.factories import member

pytestmark = pytest.mark.django_db
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def test_the_administrators_menu_links_to_the_admin_site_and_no_one_elses(login):
    assert "admin:index" in [item.url_name for item in menu_for(Role.ADMINISTRATOR)]
    for role in Role.values:
        if role != Role.ADMINISTRATOR:
            assert "admin:index" not in [item.url_name for item in menu_for(role)], role
    page = login(member(Role.ADMINISTRATOR)).get("/").content.decode()
    assert 'href="/admin/"' in page and "Администрирование" in page


def test_every_registered_model_has_a_russian_plural_name():
    for model in admin.site._registry:
        options = model._meta
        singular, plural = str(options.verbose_name), str(options.verbose_name_plural)
        assert CYRILLIC.search(plural), options.label
        assert plural != singular, f"{options.label}: «{plural}» is not a plural"
        assert not plural.endswith("s"), options.label  # Django's default: verbose_name + "s"


def test_built_in_permissions_are_named_in_russian():
    english = Permission.objects.filter(name__startswith="Can ")
    assert not english.exists(), list(english.values_list("name", flat=True)[:5])
    assert Permission.objects.get(codename="add_organisation").name == "Добавление: организация"
    assert Permission.objects.get(codename="view_user").name == "Просмотр: пользователь"


def test_permissions_created_in_english_are_renamed_by_the_next_migrate():
    permission = Permission.objects.get(codename="change_direction")
    Permission.objects.filter(pk=permission.pk).update(name="Can change приоритетное направление")
    assert rename_builtin_permissions() >= 1
    permission.refresh_from_db()
    assert permission.name == "Изменение: приоритетное направление"
    assert rename_builtin_permissions() == 0


def test_the_admin_index_shows_russian_names(login):
    administrator = member(Role.ADMINISTRATOR)
    page = login(administrator).get("/admin/").content.decode()
    assert "Организации" in page
    assert "Счётчики неудачных входов" in page
    group_form = login(administrator).get("/admin/auth/group/add/").content.decode()
    assert "Can add" not in group_form
    assert "Добавление: организация" in group_form
