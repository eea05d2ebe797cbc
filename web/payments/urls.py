"""Claims to approve and to pay, under /payments/ (names: web:payments:<name>)."""

from django.urls import path

from web.payments import views

app_name = "payments"

urlpatterns = [
    path("to-approve/", views.to_approve, name="to-approve"),
    path("to-approve/<int:pk>/", views.claim, name="claim"),
    path("to-approve/<int:pk>/reject/", views.reject, name="reject"),
    path("to-pay/", views.to_pay, name="to-pay"),
    path("to-pay/<int:pk>/", views.pay, name="pay"),
    path("to-pay/claims.csv", views.export, name="export"),
    path("to-pay/paid/", views.paid, name="paid"),
]
