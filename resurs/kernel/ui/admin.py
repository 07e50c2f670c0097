from django.contrib import admin
from django_tasks_db.models import DBTaskResult

# The task queue's own admin is English-only and shows raw arguments; the administrator
# follows background work on the pages that started it (e.g. an import's progress).
if admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)
