"""Pages of the lead workspace: register (filled in by its own change)."""

urlpatterns: list = []
