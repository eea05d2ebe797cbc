"""Pages of the lead workspace: partners (filled in by its own change)."""

urlpatterns: list = []
