"""Every list page asks the same number of queries however many rows it shows: the fix for a new query
per row is a join, not a bigger number."""

from __future__ import annotations

import pytest
from django.utils import timezone

from involvement import services
from involvement.models import Participation
from tests.web.conftest import attended, invite

pytestmark = pytest.mark.django_db

LIST_PAGES = [
    "/involvement/invitations/",
    "/involvement/activities/",
    "/involvement/claims/",
    "/involvement/hours/",
    "/involvement/consent/withdraw/",
    "/",
]


def rows(participant, count: int) -> None:
    for index in range(count):
        invite(participant, title=f"Invited {index}")
        waiting = invite(participant, title=f"Waiting {index}")
        Participation.objects.filter(pk=waiting.pk).update(
            status=Participation.Status.WAITLISTED, waitlisted_at=timezone.now()
        )
        place = invite(participant, title=f"Place {index}")
        Participation.objects.filter(pk=place.pk).update(status=Participation.Status.ACCEPTED)
        claimed = attended(participant, days_ago=10 + index)
        services.payment_claim_create(
            participation=claimed,
            by=participant.user,
            expenses=[{"kind": "travel", "amount": "2.00"}, {"kind": "other", "amount": "1.00"}],
        )
        attended(participant, days_ago=40 + index)


@pytest.mark.parametrize("path", LIST_PAGES)
def test_list_pages_do_not_ask_more_queries_for_more_rows(
    participant, participant_page, path, django_assert_max_num_queries
):
    rows(participant, 2)
    with django_assert_max_num_queries(25) as few:
        assert participant_page.get(path).status_code == 200
    rows(participant, 12)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = participant_page.get(path)
    assert response.status_code == 200
