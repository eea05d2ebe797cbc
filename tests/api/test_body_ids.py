"""Ids named in a request body: one the requester may not see is refused exactly like one that names
nothing, a 400 naming the field, so the answer never tells a hidden record from a missing one.

`BriefRelatedField` (api/serializers.py) does this for every writable relation; a field that takes
every row instead says why, and the list below makes adding one a decision someone reviews.
"""

from __future__ import annotations

import datetime as dt
import importlib
import pkgutil
from collections.abc import Callable
from typing import Any

import pytest
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone
from rest_framework import serializers

import api
from accounts.models import User
from accounts.roles import Role
from api.serializers import BaseModelSerializer, BriefRelatedField
from involvement.models import ConsultationResponse, PaymentClaim
from peers.models import ProgressionReview, SupervisionKind, SupervisionSession, TrainingRecord
from recruitment.models import AdjustmentRequest, Criterion
from tests.conftest import client_for_user
from tests.factories import (
    AttendedParticipationFactory,
    ConsultationFactory,
    ConsultationInvitationFactory,
    ParticipantFactory,
    UserFactory,
)
from tests.peers.factories import PeerWorkerFactory, TrainingCourseFactory
from tests.recruitment.factories import ApplicationFactory, VacancyFactory

TODAY = timezone.localdate()

# Who asks, which record they may not see, and the body that names it: (user, hidden, body).
Case = Callable[[], tuple[User, Model, Callable[[int], dict[str, Any]]]]


def _line_manager_and_someone_elses_worker():
    return UserFactory(roles=[Role.LINE_MANAGER]), PeerWorkerFactory()


def _training():
    manager, worker = _line_manager_and_someone_elses_worker()
    course = TrainingCourseFactory()
    day = (TODAY - dt.timedelta(days=3)).isoformat()
    return manager, worker, lambda pk: {"worker": pk, "course": course.pk, "completed_on": day}


def _supervision():
    supervisor, worker = UserFactory(roles=[Role.SUPERVISOR]), PeerWorkerFactory()
    day = (TODAY - dt.timedelta(days=1)).isoformat()
    return (
        supervisor,
        worker,
        lambda pk: {"worker": pk, "kind": SupervisionKind.PEER, "held_on": day, "duration_minutes": 60},
    )


def _progression_review():
    manager, worker = _line_manager_and_someone_elses_worker()
    day = (TODAY - dt.timedelta(days=2)).isoformat()
    return manager, worker, lambda pk: {"worker": pk, "reviewed_on": day, "outcome": "ready"}


def _participant() -> User:
    return ParticipantFactory(user=UserFactory(roles=[Role.PARTICIPANT])).user


def _payment_claim():
    # Someone else's attendance: a participant claims only for their own.
    return _participant(), AttendedParticipationFactory(), lambda pk: {"participation": pk}


def _consultation_response():
    # A consultation they were not invited to.
    return _participant(), ConsultationFactory(), lambda pk: {"consultation": pk, "body": "My view."}


def _consultation_response_for_someone_else():
    # A participant naming another person's entry, on a consultation they were invited to.
    user = _participant()
    consultation = ConsultationFactory()
    ConsultationInvitationFactory(consultation=consultation, participant=user.participant)
    return (
        user,
        ParticipantFactory(),
        lambda pk: {"consultation": consultation.pk, "participant": pk, "body": "Hi"},
    )


def _hiring_manager() -> User:
    manager = UserFactory(roles=[Role.LINE_MANAGER])
    VacancyFactory(hiring_manager=manager)  # their own: so they may add criteria and adjustments
    return manager


def _criterion():
    return (
        _hiring_manager(),
        VacancyFactory(),
        lambda pk: {"vacancy": pk, "name": "Listening", "max_score": 5, "order": 1},
    )


def _adjustment_request():
    # An application for another manager's vacancy (the field takes those the requester may change).
    return _hiring_manager(), ApplicationFactory(), lambda pk: {"application": pk, "description": "Breaks"}


CASES: dict[str, tuple[str, str, type[Model], Case]] = {
    "training record, worker": ("training-record", "worker", TrainingRecord, _training),
    "supervision session, worker": ("supervision-session", "worker", SupervisionSession, _supervision),
    "progression review, worker": ("progression-review", "worker", ProgressionReview, _progression_review),
    "payment claim, participation": ("payment-claim", "participation", PaymentClaim, _payment_claim),
    "consultation response, consultation": (
        "consultation-response",
        "consultation",
        ConsultationResponse,
        _consultation_response,
    ),
    "consultation response, participant": (
        "consultation-response",
        "participant",
        ConsultationResponse,
        _consultation_response_for_someone_else,
    ),
    "criterion, vacancy": ("criterion", "vacancy", Criterion, _criterion),
    "adjustment request, application": (
        "adjustment-request",
        "application",
        AdjustmentRequest,
        _adjustment_request,
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES)
def test_a_hidden_id_is_refused_like_one_that_names_nothing(case):
    basename, field, model, make = CASES[case]
    user, hidden, body = make()
    nothing = type(hidden).objects.order_by("-pk").values_list("pk", flat=True).first() + 1000
    client = client_for_user(user)
    before = model.objects.count()

    answers = {}
    for pk in (hidden.pk, nothing):
        response = client.post(reverse(f"api:{basename}-list"), body(pk), format="json")
        assert response.status_code == 400, response.content
        assert list(response.json()["errors"]) == [field], response.json()
        # The message repeats the id it was sent; apart from that it is word for word the same.
        answers[pk] = [message.replace(str(pk), "<id>") for message in response.json()["errors"][field]]
    assert answers[hidden.pk] == answers[nothing]
    assert model.objects.count() == before


# Writable relations that accept every row of their queryset, each for a reason its comment gives.
TAKES_EVERY_ROW = {
    # Accounts are named, not browsed: staff name colleagues whose accounts they may not list.
    "ActivitySerializer.leads",
    "ActivitySeriesSerializer.leads",
    "ConsultationSerializer.owner",
    "FeedbackItemSerializer.action_owner",
    "PeerWorkerSerializer.user",
    "PeerWorkerSerializer.line_manager",
    "PeerWorkerSerializer.supervisors",
    "ProgressionReviewSerializer.reviewer",
    "SupervisionSessionSerializer.supervisor",
    "VacancySerializer.hiring_manager",
    "HireSerializer.user",
    "OnboardingItemSerializer.owner",
    # HR links an applicant to their register entry without browsing the register.
    "ApplicationSerializer.participant",
    # The service's 403 for a worker who is not yours is what the authorization matrix asserts.
    "WellnessActionPlanSerializer.worker",
    "ReasonableAdjustmentSerializer.worker",
}
# Writable relations that are not a BriefRelatedField yet; each is checked by the service it feeds.
PLAIN_RELATED = {
    "IndicatorUpdateSerializer.owner",
    "ParticipantSerializer.user",
    "PanelSeatSerializer.user",
    "PanelSeatSerializer.participant",
    "ScoreSerializer.panel_member",
    "ScoreSerializer.criterion",
    "RecruitmentReportQuerySerializer.vacancy",
    "RecruitmentReportQuerySerializer.team",
}


def _writable_relations() -> dict[str, serializers.RelatedField]:
    found: dict[str, serializers.RelatedField] = {}
    for module in pkgutil.walk_packages(api.__path__, "api."):
        for obj in vars(importlib.import_module(module.name)).values():
            if not (isinstance(obj, type) and issubclass(obj, serializers.Serializer)):
                continue
            if obj.__module__ != module.name or obj is BaseModelSerializer:
                continue
            for name, field in obj().fields.items():
                relation = field.child_relation if isinstance(field, serializers.ManyRelatedField) else field
                if isinstance(relation, serializers.RelatedField) and not field.read_only:
                    found[f"{obj.__name__}.{name}"] = relation
    return found


def test_every_writable_relation_takes_only_what_the_requester_may_see():
    relations = _writable_relations()
    plain = {name for name, field in relations.items() if not isinstance(field, BriefRelatedField)}
    every_row = {
        name
        for name, field in relations.items()
        if isinstance(field, BriefRelatedField) and field.visibility_action is None
    }
    assert plain == PLAIN_RELATED, "use BriefRelatedField for a writable relation"
    assert every_row == TAKES_EVERY_ROW, "a field with action=None accepts ids the requester may not see"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "shape",
    [
        lambda pk: pk + 0.5,
        lambda pk: float(pk),
        lambda pk: f"{pk}.0",
        lambda pk: f" {pk}",
        lambda pk: [pk],
        lambda pk: {"id": pk},
        lambda pk: True,
    ],
    ids=["fraction", "float", "decimal text", "spaced text", "list", "object", "true"],
)
def test_an_id_in_a_body_is_a_whole_number_or_a_400_naming_the_field(shape):
    from involvement.models import Participant
    from tests.factories import PartnerOrganisationFactory

    partner = PartnerOrganisationFactory()  # a real row the malformed id could otherwise land on
    lead = UserFactory(roles=[Role.INVOLVEMENT_LEAD])
    before = Participant.objects.count()
    response = client_for_user(lead).post(
        reverse("api:participant-list"),
        {"name": "Sam Example", "experience": "carer", "referred_by": shape(partner.pk)},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert response.json()["errors"]["referred_by"] == ["Give an id: a whole number."]
    assert Participant.objects.count() == before
    good = client_for_user(lead).post(
        reverse("api:participant-list"),
        {"name": "Sam Example", "experience": "carer", "referred_by": partner.pk},
        format="json",
    )
    assert good.status_code == 201, good.content
