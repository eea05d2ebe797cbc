"""Template helpers for NHS.UK frontend markup: inputs with the right classes, error summaries."""

from __future__ import annotations

from decimal import Decimal

from django import forms, template
from django.utils import timezone

from web.forms import error_summary as _error_summary
from web.forms import first_input_id

register = template.Library()

_BASE_CLASS = {
    "textarea": "nhsuk-textarea",
    "select": "nhsuk-select",
    "checkbox": "nhsuk-checkboxes__input",
}


@register.filter
def nhs_widget(field: forms.BoundField) -> str:
    """The field's input with NHS.UK classes, the error state, and any width class the form set."""
    base = _BASE_CLASS.get(field.widget_type, "nhsuk-input")
    classes = [base]
    if field.errors and base != "nhsuk-checkboxes__input":
        classes.append(f"{base}--error")
    extra = field.field.widget.attrs.get("class")
    if extra:
        classes.append(extra)
    return field.as_widget(attrs={"class": " ".join(classes)})


@register.filter
def input_id(field: forms.BoundField) -> str:
    return first_input_id(field)


@register.simple_tag
def error_summary(*forms_or_formsets):
    return _error_summary(*forms_or_formsets)


@register.filter
def pounds(value) -> str:
    """£12.50; £1,250.00."""
    if value is None or value == "":
        return ""
    return f"£{Decimal(value):,.2f}"


@register.filter
def hours(value) -> str:
    """2 hours; 1.5 hours; 1 hour."""
    if value is None:
        return ""
    amount = Decimal(value).normalize()
    text = f"{amount:f}"
    return f"{text} hour" if amount == 1 else f"{text} hours"


@register.filter
def clock(moment) -> str:
    """A time of day in the trust's time zone, as people say it: 2pm, 10:30am, midday."""
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    if local.minute == 0 and local.hour in (0, 12):
        return "midnight" if local.hour == 0 else "midday"
    hour = local.hour % 12 or 12
    minutes = "" if local.minute == 0 else f":{local.minute:02d}"
    return f"{hour}{minutes}{'am' if local.hour < 12 else 'pm'}"


@register.filter
def when(moment) -> str:
    """A day and time in words, in the trust's time zone: Tuesday 4 March 2026, 2pm."""
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    return f"{local:%A} {local.day} {local:%B %Y}, {clock(moment)}"


@register.filter
def day(value) -> str:
    """A date in words: 4 March 2026."""
    if value is None:
        return ""
    if hasattr(value, "hour"):
        value = timezone.localtime(value).date()
    return f"{value.day} {value:%B %Y}"
