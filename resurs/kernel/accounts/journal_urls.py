from django.urls import path

from resurs.kernel.accounts import journal

app_name = "audit"

urlpatterns = [path("", journal.audit_list, name="list")]
