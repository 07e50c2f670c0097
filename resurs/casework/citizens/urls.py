from django.urls import path

from resurs.casework.citizens import views, views_region

app_name = "citizens"

urlpatterns = [
    path("", views.persons, name="persons"),
    path("new/", views.person_create, name="person_create"),
    path("<int:pk>/", views.person_detail, name="person"),
    path("<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("<int:pk>/export/", views.person_export, name="person_export"),
    path("families/", views.families, name="families"),
    path("families/new/", views.family_create, name="family_create"),
    path("families/<int:pk>/", views.family_detail, name="family"),
    path("families/<int:pk>/edit/", views.family_edit, name="family_edit"),
    path("families/<int:pk>/members/add/", views.member_add, name="member_add"),
    path("members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("groups/<int:pk>/end/", views.group_end, name="group_end"),
    path("registrations/<int:pk>/remove/", views.registration_remove, name="registration_remove"),
    path("files/<int:pk>/close/", views.personal_file_close, name="personal_file_close"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("<int:pk>/consents/add/", views.consent_add, name="consent_add"),
    path("duplicates/", views_region.duplicates, name="duplicates"),
    path("duplicates/decide/", views_region.duplicate_decide, name="duplicate_decide"),
    path("duplicates/<int:pk>/undo/", views_region.duplicate_undo, name="duplicate_undo"),
    path("access-log/", views_region.access_log, name="access_log"),
    path("reasoned-access/", views_region.reasoned_access, name="reasoned_access"),
    path("statistics/", views_region.statistics, name="statistics"),
]

for _kind, _prefix in (("person", ""), ("family", "families/")):
    urlpatterns += [
        path(f"{_prefix}<int:pk>/groups/add/", views.group_add, {"kind": _kind},
             name=f"{_kind}_group_add"),
        path(f"{_prefix}<int:pk>/passports/new/", views.passport_new, {"kind": _kind},
             name=f"{_kind}_passport_new"),
        path(f"{_prefix}<int:pk>/registration/add/", views.registration_add, {"kind": _kind},
             name=f"{_kind}_registration_add"),
        path(f"{_prefix}<int:pk>/files/open/", views.personal_file_open, {"kind": _kind},
             name=f"{_kind}_file_open"),
    ]  # fmt: skip
