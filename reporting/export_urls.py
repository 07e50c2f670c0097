"""REP-8 exports (routes)."""

urlpatterns = []
