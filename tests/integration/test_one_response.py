"""The same person sending a consultation response twice at the same moment keeps one response.

Real HTTP requests against a live server, each on its own database connection, released together
by a barrier. Run against PostgreSQL by `.ci/run`.
"""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request

import pytest

from accounts import services as account_services
from accounts.roles import Role
from involvement.models import ConsultationResponse
from tests.factories import (
    ConsultationFactory,
    ConsultationInvitationFactory,
    ParticipantFactory,
    UserFactory,
)

ROUNDS = 5


def _respond(base_url: str, token: str, consultation_id: int, body: str) -> tuple[int, dict]:
    request = urllib.request.Request(
        f"{base_url}/api/v1/involvement/consultation-responses/",
        method="POST",
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
        data=json.dumps({"consultation": consultation_id, "body": body}).encode(),
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


@pytest.mark.django_db(transaction=True)
def test_two_responses_sent_at_once_by_one_person_keep_one(live_server):
    user = UserFactory(roles=[Role.PARTICIPANT])
    person = ParticipantFactory(user=user)
    _, token = account_services.auth_token_issue(user=user)
    for _ in range(ROUNDS):
        consultation = ConsultationFactory()
        ConsultationInvitationFactory(consultation=consultation, participant=person)
        barrier = threading.Barrier(2)
        results: list[tuple[int, dict]] = []

        def send(body: str, barrier=barrier, results=results, consultation=consultation) -> None:
            barrier.wait()
            results.append(_respond(live_server.url, token, consultation.pk, body))

        threads = [
            threading.Thread(target=send, args=(body,)) for body in ("From my phone.", "From my laptop.")
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

        assert sorted(code for code, _ in results) == [201, 409], results
        refused = next(body for code, body in results if code == 409)
        assert "already responded" in refused["detail"], refused
        assert ConsultationResponse.objects.filter(consultation=consultation, participant=person).count() == 1
