"""Two leads marking the last attended place at the same moment never mark more than the activity holds.

Real HTTP requests against a live server, each on its own database connection, released together
by a barrier. Run against PostgreSQL by `.ci/run`.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import urllib.error
import urllib.request

import pytest
from django.utils import timezone

from accounts import services as account_services
from accounts.roles import Role
from involvement.models import Participation
from tests.factories import ActivityFactory, ParticipationFactory, UserFactory

ROUNDS = 8


def _attended(base_url: str, token: str, participation_id: int) -> tuple[int, dict]:
    request = urllib.request.Request(
        f"{base_url}/api/v1/involvement/participations/{participation_id}/attendance/",
        method="POST",
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
        data=json.dumps({"attendance": "attended"}).encode(),
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


@pytest.mark.django_db(transaction=True)
def test_two_leads_marking_the_last_place_at_once_never_exceed_capacity(live_server):
    tokens = []
    for _ in range(2):
        _, token = account_services.auth_token_issue(user=UserFactory(roles=[Role.INVOLVEMENT_LEAD]))
        tokens.append(token)
    start = timezone.now() - dt.timedelta(hours=3)
    for _ in range(ROUNDS):
        activity = ActivityFactory(starts_at=start, ends_at=start + dt.timedelta(hours=2), capacity=3)
        ParticipationFactory.create_batch(
            2, activity=activity, status=Participation.Status.ACCEPTED, attendance="attended", hours=2
        )
        # Two booked places beyond the capacity (seats agreed beforehand), one for each lead to mark.
        rows = ParticipationFactory.create_batch(2, activity=activity, status=Participation.Status.ACCEPTED)
        contenders = list(zip(tokens, [row.pk for row in rows], strict=True))

        barrier = threading.Barrier(len(contenders))
        results: list[tuple[int, dict]] = []

        def mark(token: str, participation_id: int, barrier=barrier, results=results) -> None:
            barrier.wait()
            results.append(_attended(live_server.url, token, participation_id))

        threads = [threading.Thread(target=mark, args=c) for c in contenders]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

        assert sorted(code for code, _ in results) == [200, 409], results
        refused = next(body for code, body in results if code == 409)
        assert list(refused["errors"]) == ["attendance"], refused
        attended = activity.participations.filter(attendance="attended").count()
        assert attended == 3, f"capacity 3 but {attended} marked attended"
