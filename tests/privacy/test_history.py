"""The change history: every model holding personal data keeps one, admins read it, nobody rewrites it."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from accounts.models import AccessLog, User
from accounts.roles import Role
from involvement import models as inv
from peers import models as pm
from recruitment import models as rm
from tests.conftest import client_for_user
from tests.factories import ParticipantFactory, PartnerContactFactory, PaymentClaimFactory, UserFactory
from tests.peers.factories import PeerWorkerFactory, ReasonableAdjustmentFactory, WellnessActionPlanFactory
from tests.recruitment.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

PERSONAL_MODELS = [
    User,
    inv.Participant,
    inv.Participation,
    inv.ConsultationResponse,
    inv.PaymentClaim,
    inv.ExpenseLine,
    inv.PartnerContact,
    pm.PeerWorker,
    pm.SupervisionSession,
    pm.TrainingRecord,
    pm.CompetenceEvidence,
    pm.ProgressionReview,
    pm.WellnessActionPlan,
    pm.ReasonableAdjustment,
    pm.LevelChange,
    rm.Application,
    rm.AdjustmentRequest,
    rm.Interview,
    rm.PanelMember,
    rm.Score,
    rm.Offer,
    rm.PreEmploymentCheck,
    rm.EqualityMonitoring,
]


@pytest.mark.parametrize("model", PERSONAL_MODELS, ids=lambda m: m._meta.label_lower)
def test_every_model_holding_personal_data_keeps_a_history(model):
    assert hasattr(model, "history"), f"{model._meta.label} has no change history"


@pytest.mark.parametrize("model", [m for m in PERSONAL_MODELS if m is not rm.EqualityMonitoring])
def test_every_such_model_has_a_history_page_in_the_back_office(model):
    model_admin = admin.site._registry[model]
    assert hasattr(model_admin, "history_form_view"), f"{model._meta.label}'s admin does not show its history"


def test_a_change_is_kept_with_its_old_values():
    participant = ParticipantFactory(phone="07700 900001")
    participant.phone = "07700 900002"
    participant.save()
    versions = list(participant.history.order_by("history_date").values_list("history_type", "phone"))
    assert versions == [("+", "07700 900001"), ("~", "07700 900002")]


def test_a_login_and_its_password_are_not_in_the_history():
    user = UserFactory()
    fields = {f.name for f in User.history.model._meta.fields}
    assert "password" not in fields and "last_login" not in fields
    assert user.history.count() >= 1


def test_equality_answers_are_not_copied_into_the_history():
    ApplicationFactory(equality={"ethnic_group": "black", "disabled": "yes"})
    fields = {f.name for f in rm.EqualityMonitoring.history.model._meta.fields}
    for answer in ("age_band", "ethnic_group", "disabled", "sex", "gender_same_as_at_birth", "lgb_plus"):
        assert answer not in fields
    # Still recorded: that answers were given, for which application, and when.
    assert rm.EqualityMonitoring.history.filter(history_type="+").count() == 1


def test_an_api_change_records_who_made_it(client_for):
    lead = UserFactory(roles=[Role.INVOLVEMENT_LEAD])
    participant = ParticipantFactory()
    response = client_for_user(lead).patch(
        reverse("api:participant-detail", kwargs={"pk": participant.pk}), {"pronouns": "she/her"}
    )
    assert response.status_code == 200, response.json()
    latest = participant.history.latest("history_date")
    assert (latest.pronouns, latest.history_user) == ("she/her", lead)


# --- the back office ---------------------------------------------------------------------------------


@pytest.fixture
def superuser_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _history_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history", args=[obj.pk])


def _version_url(obj, version) -> str:
    name = f"admin:{obj._meta.app_label}_{obj._meta.model_name}_simple_history"
    return reverse(name, args=[obj.pk, version.history_id])


def test_admin_sees_who_changed_what(superuser_client):
    contact = PartnerContactFactory(job_title="Coordinator")
    contact.job_title = "Director"
    contact.save()
    page = superuser_client.get(_history_url(contact))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Coordinator" in body and "Director" in body


def test_an_old_version_can_be_read_but_never_put_back(superuser_client):
    contact = PartnerContactFactory(job_title="Coordinator")
    contact.job_title = "Director"
    contact.save()
    first = contact.history.earliest("history_date")
    assert superuser_client.get(_version_url(contact, first)).status_code == 200
    response = superuser_client.post(
        _version_url(contact, first), {"name": contact.name, "job_title": "Coordinator"}
    )
    assert response.status_code == 403
    contact.refresh_from_db()
    assert contact.job_title == "Director"


@pytest.mark.parametrize("make", [WellnessActionPlanFactory, ReasonableAdjustmentFactory, ParticipantFactory])
def test_looking_at_a_sensitive_records_history_is_logged(superuser_client, make):
    record = make()
    assert superuser_client.get(_history_url(record)).status_code == 200
    version = record.history.earliest("history_date")
    assert superuser_client.get(_version_url(record, version)).status_code == 200
    rows = AccessLog.objects.filter(action="history", record_type=record._meta.label_lower)
    assert rows.count() == 2
    assert set(rows.values_list("record_id", flat=True)) == {str(record.pk)}


def test_opening_a_participants_page_in_the_back_office_is_logged(superuser_client):
    participant = ParticipantFactory()
    url = reverse("admin:involvement_participant_change", args=[participant.pk])
    assert superuser_client.get(url).status_code == 200
    row = AccessLog.objects.get()
    assert (row.action, row.record_type, row.record_id, row.path) == (
        "read",
        "involvement.participant",
        str(participant.pk),
        url,
    )


def test_opening_a_recruitment_adjustment_in_the_back_office_is_logged(superuser_client):
    adjustment = ApplicationFactory(adjustments=["A quiet room."]).adjustments.get()
    url = reverse("admin:recruitment_adjustmentrequest_change", args=[adjustment.pk])
    assert superuser_client.get(url).status_code == 200
    assert AccessLog.objects.get().record_type == "recruitment.adjustmentrequest"


def test_a_non_sensitive_history_page_is_not_logged(superuser_client):
    contact = PartnerContactFactory()
    assert superuser_client.get(_history_url(contact)).status_code == 200
    assert not AccessLog.objects.exists()


@pytest.mark.parametrize(
    "make",
    [
        UserFactory,
        PeerWorkerFactory,
        ApplicationFactory,
        PaymentClaimFactory,
    ],
    ids=["user", "peer_worker", "application", "payment_claim"],
)
def test_history_pages_open_for_people_records(superuser_client, make):
    record = make()
    assert superuser_client.get(_history_url(record)).status_code == 200
    version = record.history.latest("history_date")
    assert superuser_client.get(_version_url(record, version)).status_code == 200


def test_an_applications_page_logs_the_adjustments_it_lists(superuser_client):
    application = ApplicationFactory(adjustments=["A quiet room.", "Questions in writing."])
    url = reverse("admin:recruitment_application_change", args=[application.pk])
    assert superuser_client.get(url).status_code == 200
    logged = AccessLog.objects.filter(action="read", path=url)
    assert set(logged.values_list("record_type", flat=True)) == {"recruitment.adjustmentrequest"}
    assert set(logged.values_list("record_id", flat=True)) == {
        str(pk) for pk in application.adjustments.values_list("pk", flat=True)
    }
    without = ApplicationFactory()
    superuser_client.get(reverse("admin:recruitment_application_change", args=[without.pk]))
    assert AccessLog.objects.count() == 2
