"""The deletes the API offers without a rule of their own still go through a service each.

(Their permissions are the visibility rules' "delete" action, checked by the API battery and the
authorization matrix.) Each removes only its own row and leaves its history behind where the model
keeps one.
"""

from __future__ import annotations

import pytest

from accounts.roles import Role
from involvement import services as involvement_services
from involvement.models import ConsultationResponse, RateCardEntry
from peers import services as peers_services
from peers.models import SupervisionSession, TrainingRecord
from tests.factories import ConsultationResponseFactory, RateCardEntryFactory, UserFactory
from tests.peers.factories import SupervisionSessionFactory, TrainingRecordFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("factory", "model", "delete", "argument"),
    [
        (
            ConsultationResponseFactory,
            ConsultationResponse,
            involvement_services.consultation_response_delete,
            "response",
        ),
        (RateCardEntryFactory, RateCardEntry, involvement_services.rate_card_entry_delete, "entry"),
        (TrainingRecordFactory, TrainingRecord, peers_services.training_record_delete, "record"),
        (SupervisionSessionFactory, SupervisionSession, peers_services.supervision_session_delete, "session"),
    ],
    ids=["consultation response", "rate", "training record", "supervision session"],
)
def test_a_delete_removes_that_row_only(factory, model, delete, argument):
    doomed = factory()
    # A second row beside it (rates are one per activity kind and role: another role).
    factory(role="panel_member") if model is RateCardEntry else factory()
    doomed_pk, before = doomed.pk, model.objects.count()
    assert before == 2
    delete(**{argument: doomed, "by": UserFactory(roles=[Role.ADMIN])})
    assert model.objects.count() == 1 and not model.objects.filter(pk=doomed_pk).exists()
    history = getattr(model, "history", None)
    if history is not None:
        assert history.filter(id=doomed_pk, history_type="-").exists()
