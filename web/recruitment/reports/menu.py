"""The reports in the header menu: HR, and line managers who are hiring for a vacancy."""

from accounts.roles import Role
from recruitment.visibility import may_report_analytics
from web.menu import MenuItem, register

# Hiring managers hold the line manager role; only those hiring for a vacancy have a report to see.
register(
    MenuItem(
        "Reports",
        "web:recruitment:reports-recruitment",
        frozenset({Role.HR, Role.LINE_MANAGER}),
        order=80,
        shown_to=may_report_analytics,
    )
)
