"""How a consultation response came (online, paper, phone, another way): shown by the API, set only by the
pages where the involvement team enters a response for someone."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.roles import Role
from involvement.models import ConsultationResponse
from tests.conftest import client_for_user
from tests.factories import ConsultationFactory, ConsultationResponseFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_api_shows_how_a_response_came_and_does_not_take_it():
    lead = client_for_user(UserFactory(roles=[Role.INVOLVEMENT_LEAD]))
    paper = ConsultationResponseFactory(received_via=ConsultationResponse.ReceivedVia.PAPER)
    shown = lead.get(reverse("api:consultation-response-detail", args=[paper.pk]))
    assert shown.json()["received_via"] == "paper"

    consultation = ConsultationFactory()
    made = lead.post(
        reverse("api:consultation-response-list"),
        {
            "consultation": consultation.pk,
            "participant": ParticipantFactory().pk,
            "body": "Said on the phone.",
            "received_via": "phone",
        },
        format="json",
    )
    assert made.status_code == 201, made.json()
    assert made.json()["received_via"] == "online"
    assert ConsultationResponse.objects.get(pk=made.json()["id"]).received_via == "online"
