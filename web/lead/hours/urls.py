"""Pages of the lead workspace: hours (filled in by its own change)."""

urlpatterns: list = []
