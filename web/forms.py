"""Form helpers: NHS.UK error summaries, and a service's domain error shown beside the field it names.

Forms parse and check the shape of input (a number, a date, a choice from the list). The rules
(how many hours, whether a claim may be made) stay in the services: a view calls the service,
and a `DomainError` it raises is put on the form with `add_domain_error`, so the person sees the
service's own words beside the field, and nothing was written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.forms.formsets import BaseFormSet

from accounts.errors import DomainError

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
