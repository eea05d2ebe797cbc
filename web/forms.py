"""Form helpers: NHS.UK error summaries, and a service's domain error shown beside the field it names.

Forms parse and check the shape of input (a number, a date, a choice from the list). The rules
(how many hours, whether a claim may be made) stay in the services: a view calls the service,
and a `DomainError` it raises is put on the form with `add_domain_error`, so the person sees the
service's own words beside the field, and nothing was written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.formsets import BaseFormSet

from accounts.errors import DomainError
from accounts.text_limits import text_limit

# Widgets that put their inputs in a fieldset (radios, checkboxes): their first input is `<id>_0`.
_GROUPED = {"radioselect", "checkboxselectmultiple"}


@dataclass(frozen=True)
class SummaryError:
    href: str
    message: str


def first_input_id(field: forms.BoundField) -> str:
    return f"{field.auto_id}_0" if field.widget_type in _GROUPED else field.auto_id


def _form_errors(form: forms.BaseForm) -> list[SummaryError]:
    found: list[SummaryError] = []
    visible = [f for f in form if not f.is_hidden]
    for message in form.non_field_errors():
        target = first_input_id(visible[0]) if visible else ""
        found.append(SummaryError(f"#{target}", message))
    for field in visible:
        for message in field.errors:
            found.append(SummaryError(f"#{first_input_id(field)}", message))
    return found


def error_summary(*forms_or_formsets: forms.BaseForm | BaseFormSet | None) -> list[SummaryError]:
    """Every error on the page, in page order, each linking to the input it is about."""
    found: list[SummaryError] = []
    for item in forms_or_formsets:
        if item is None:
            continue
        if isinstance(item, BaseFormSet):
            for message in item.non_form_errors():
                found.append(SummaryError(f"#{item.prefix}", message))
            for form in item.forms:
                found.extend(_form_errors(form))
        else:
            found.extend(_form_errors(item))
    return found


def add_domain_error(
    form: forms.BaseForm,
    error: DomainError,
    *,
    fields: Mapping[str, str] | None = None,
    lines: Mapping[str, Sequence[forms.BaseForm]] | None = None,
) -> None:
    """Show a service's refusal on the form, beside the field it names.

    `fields` maps a service's field name to the form's, where they differ. A name like
    `expenses.0.amount` lands on field `amount` of `lines["expenses"][0]`: the forms of a formset
    in the order their rows were given to the service (blank rows left out). A field the form does
    not have (or none) makes the message a form-wide error.
    """
    name = error.field or ""
    head, _, rest = name.partition(".")
    if lines and head in lines and rest:
        index, _, sub = rest.partition(".")
        rows = lines[head]
        if index.isdigit() and int(index) < len(rows):
            target = rows[int(index)]
            target.add_error(sub if sub in target.fields else None, error.message)
            return
    name = (fields or {}).get(name, name)
    form.add_error(name if name in form.fields else None, error.message)


def add_validation_error(form: forms.BaseForm, error: ValidationError) -> None:
    """A model's `full_clean()` refusal, raised through a service, shown beside the fields it names."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class DayMonthYearWidget(forms.MultiWidget):
    """The NHS.UK date input: day, month and year in three boxes (template: web/includes/date.html)."""

    def __init__(self) -> None:
        box = {"inputmode": "numeric"}
        super().__init__(
            {"day": forms.TextInput(box), "month": forms.TextInput(box), "year": forms.TextInput(box)}
        )

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DayMonthYearField(forms.MultiValueField):
    """A date typed in three boxes; `what` names it in the error messages ("The join date")."""

    widget = DayMonthYearWidget

    def __init__(self, *, what: str, **kwargs) -> None:
        number = forms.CharField(required=False, max_length=4)
        self.what = what
        super().__init__((number, number, number), require_all_fields=False, **kwargs)

    def compress(self, data_list):
        parts = [str(part or "").strip() for part in (data_list or [])]
        if not any(parts):
            return None
        if not all(parts):
            raise ValidationError(f"{self.what} must include a day, month and year")
        if not all(part.isdigit() for part in parts) or len(parts[2]) != 4:
            raise ValidationError(f"Enter {self.what.lower()} as numbers, like 15 3 2026")
        day, month, year = (int(part) for part in parts)
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise ValidationError(f"{self.what} must be a real date") from None


def check_days_in_order(form: forms.BaseForm, first: str, last: str) -> None:
    """For a form's `clean()`: two days of a range, the last not before the first (the message goes
    beside the last). Call it after `super().clean()`."""
    data = form.cleaned_data
    start, end = data.get(first), data.get(last)
    if start and end and end < start:
        form.add_error(last, "The last day must be the same as or after the first day")


class DateInput(forms.DateInput):
    """The browser's own date picker (an `<input type="date">`), for a DateField."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def long_text(
    model: type[models.Model],
    name: str,
    label: str,
    *,
    required: str = "",
    help_text: str = "",
    rows: int = 4,
) -> forms.CharField:
    """A textarea as long as the text-limits table allows for `model.name`; `required`: the message
    when it is left empty (none: it may be)."""
    limit = text_limit(cast(models.Field, model._meta.get_field(name)))
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=bool(required),
        max_length=limit,
        error_messages={"required": required, "max_length": f"Keep this to {limit:,} characters"},
        widget=forms.Textarea(attrs={"rows": rows}),
    )


TIME_FORMATS = ["%H:%M", "%H.%M", "%I:%M%p", "%I:%M %p", "%I%p", "%I %p"]


class TimeInput(forms.TimeInput):
    """The browser's time picker; typed as 14:00, 2pm or 14.00 without it."""

    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


def time_field(label: str, *, required: str) -> forms.TimeField:
    """A time of day, with messages naming the field."""
    return forms.TimeField(
        label=label,
        help_text="For example, 14:00",
        input_formats=TIME_FORMATS,
        error_messages={
            "required": required,
            "invalid": f"Enter the {label.lower()} as a real time, like 14:00",
        },
        widget=TimeInput(attrs={"class": "nhsuk-input--width-5"}),
    )
