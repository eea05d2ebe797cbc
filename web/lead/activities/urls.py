"""Pages of the lead workspace: activities (filled in by its own change)."""

urlpatterns: list = []
