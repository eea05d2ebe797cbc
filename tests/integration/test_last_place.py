"""Two people taking the last place at the same moment never overbook an activity.

Real HTTP requests against a live server, each on its own database connection, released
together by a barrier. Run against PostgreSQL by `.ci/run`.
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request

import pytest

from accounts import services as account_services
from accounts.roles import Role
from involvement.models import Participation
from tests.factories import ActivityFactory, ParticipantFactory, ParticipationFactory, UserFactory

ROUNDS = 8


def _accept(base_url: str, token: str, participation_id: int) -> tuple[int, dict]:
    request = urllib.request.Request(
        f"{base_url}/api/v1/involvement/participations/{participation_id}/accept/",
        method="POST",
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
        data=b"{}",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def _person_with_login() -> tuple[str, object]:
    user = UserFactory(roles=[Role.PARTICIPANT])
    _, token = account_services.auth_token_issue(user=user)
    return token, ParticipantFactory(user=user)


@pytest.mark.django_db(transaction=True)
def test_two_people_taking_the_last_place_at_once_never_overbook(live_server):
    outcomes = []
    for _ in range(ROUNDS):
        activity = ActivityFactory(capacity=3)
        ParticipationFactory.create_batch(2, activity=activity, status=Participation.Status.ACCEPTED)
        contenders = []
        for _ in range(2):
            token, person = _person_with_login()
            contenders.append((token, ParticipationFactory(activity=activity, participant=person).pk))

        barrier = threading.Barrier(len(contenders))
        results: list[tuple[int, dict]] = []

        def take(token: str, participation_id: int, barrier=barrier, results=results) -> None:
            barrier.wait()
            results.append(_accept(live_server.url, token, participation_id))

        threads = [threading.Thread(target=take, args=c) for c in contenders]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

        assert [code for code, _ in results] == [200, 200], results
        assert sorted(body["status"] for _, body in results) == ["accepted", "waitlisted"]
        taken = Participation.objects.filter(activity=activity, status=Participation.Status.ACCEPTED).count()
        assert taken == 3, f"capacity 3 but {taken} places given"
        outcomes.append(taken)
    assert outcomes == [3] * ROUNDS
