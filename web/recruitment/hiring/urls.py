"""Recruitment hiring pages (names: web:recruitment:hiring-<page>)."""

urlpatterns: list = []
