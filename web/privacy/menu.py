"""The settings page links everyone with records held on them to the download of their own data."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from web.settings_rows import Section, section


@section(order=90)
def your_data(request: HttpRequest) -> Section:
    return Section(
        "Your data",
        note="You can download a copy of everything the trust holds about you here.",
        link_text="Download your data",
        link_href=reverse("web:privacy:my-data"),
    )
