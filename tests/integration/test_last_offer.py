"""Two offers made for the last post at the same moment: one wins, the other is told the posts are gone.

Real HTTP requests against a live server, each on its own database connection, released together
by a barrier. The vacancy row lock in `offer_make` is what makes this hold on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import threading
import urllib.error
import urllib.request

import pytest
from django.apps import apps as django_apps
from django.utils import timezone

from accounts import services as account_services
from accounts.roles import Role
from recruitment.models import Offer
from tests.factories import UserFactory
from tests.recruitment.factories import ApplicationFactory, VacancyFactory, move_to
from tests.recruitment.late_stage import offer

ROUNDS = 8


def _offer(base_url: str, token: str, application_id: int) -> tuple[int, dict]:
    body = {
        "application": application_id,
        "start_date": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
        "salary_point": "Band 3, step 1",
    }
    request = urllib.request.Request(
        f"{base_url}/api/v1/recruitment/offers/",
        method="POST",
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
        data=json.dumps(body).encode(),
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def _hr_token() -> str:
    _, token = account_services.auth_token_issue(user=UserFactory(roles=[Role.HR]))
    return token


@pytest.fixture
def default_pipeline(transactional_db):
    """The default template comes from a data migration, and an earlier transactional test's flush
    removes it; load it again the migration's own way."""
    migration = importlib.import_module("recruitment.migrations.0002_default_pipeline")
    migration.load(django_apps, None)


@pytest.mark.django_db(transaction=True)
def test_two_offers_for_the_last_post_at_once_never_overbook(live_server, default_pipeline):
    for _ in range(ROUNDS):
        vacancy = VacancyFactory(posts=2)
        offer(ApplicationFactory(vacancy=vacancy))  # one post already offered: one left
        contenders = [
            (_hr_token(), move_to(ApplicationFactory(vacancy=vacancy), "offer").pk) for _ in range(2)
        ]

        barrier = threading.Barrier(len(contenders))
        results: list[tuple[int, dict]] = []

        def make(token: str, application_id: int, barrier=barrier, results=results) -> None:
            barrier.wait()
            results.append(_offer(live_server.url, token, application_id))

        threads = [threading.Thread(target=make, args=c) for c in contenders]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

        assert sorted(code for code, _ in results) == [201, 409], results
        refused = next(body for code, body in results if code == 409)
        assert refused["detail"] == "All 2 post(s) for this vacancy are already offered or filled."
        live = Offer.objects.filter(
            application__vacancy=vacancy, status__in=[Offer.Status.MADE, Offer.Status.ACCEPTED]
        )
        assert live.count() == 2, f"2 posts but {live.count()} live offers"
        assert live.filter(application_id__in=[a for _, a in contenders]).count() == 1
