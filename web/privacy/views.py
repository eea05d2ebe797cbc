"""Downloading one's own data: the subject access export privacy already makes, for the person themself.

The person is found from their own register entry, else their own peer worker employment, as the
API's self-service export does; the download is one POST (it writes the access log), rate-limited
as every export is.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from involvement.models import Participant
from peers.models import PeerWorker
from privacy import services
from privacy.selectors import Person, person_from_participant, person_from_worker
from web.pages import page, render_page
from web.throttles import rate_limited


def own_person(request: HttpRequest) -> tuple[Person, str] | None:
    """Everything held on the signed-in person, and the label the export names it by."""
    user = request.user
    entry = Participant.objects.filter(user=user).order_by("pk").first()
    if entry is not None:
        return person_from_participant(entry), f"participant-{entry.pk}"
    employment = PeerWorker.objects.filter(user=user).order_by("-start_date", "-pk").first()
    if employment is not None:
        return person_from_worker(employment), f"peer-worker-{employment.pk}"
    return None


@page
@require_http_methods(["GET", "POST"])
@rate_limited("export")
def my_data(request: HttpRequest) -> HttpResponse:
    found = own_person(request)
    if request.method == "POST" and found is not None:
        person, subject = found
        export = services.subject_access_export(
            person=person, subject=subject, by=request.user, path=request.path
        )
        response = HttpResponse(export.content, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
        response["Cache-Control"] = "no-store"
        return response
    return render_page(request, "web/privacy/my_data.html", {"found": found is not None})
