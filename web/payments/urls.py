"""Claims to approve (involvement leads) and to pay (finance)."""

app_name = "payments"

urlpatterns: list = []
