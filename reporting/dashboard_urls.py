"""REP-6 dashboards (routes)."""

urlpatterns = []
