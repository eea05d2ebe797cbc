"""Pages of the lead workspace: consultations (filled in by its own change)."""

urlpatterns: list = []
