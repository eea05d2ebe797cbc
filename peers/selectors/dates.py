"""Date arithmetic the database can do, so due and expiry lists filter in one query."""

from __future__ import annotations

from django.db.models import DateField, Func


class AddDays(Func):
    """`date + days` as a date, on PostgreSQL and SQLite alike."""

    output_field = DateField()

    def __init__(self, date_expression, days_expression, **extra):
        super().__init__(date_expression, days_expression, **extra)

    def as_sql(self, compiler, connection, **extra_context):
        date_sql, date_params = compiler.compile(self.source_expressions[0])
        days_sql, days_params = compiler.compile(self.source_expressions[1])
        if connection.vendor == "sqlite":
            return f"date({date_sql}, '+' || ({days_sql}) || ' days')", [*date_params, *days_params]
        return f"(({date_sql}) + ({days_sql}))", [*date_params, *days_params]
