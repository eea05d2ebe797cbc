"""Erasure: the person's identity is gone from every table and every history; the board's figures are not."""

from __future__ import annotations

from collections import Counter

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.models import Count
from django.test import override_settings
from django.urls import reverse

from accounts.models import AccessLog, User
from accounts.roles import Role
from involvement import models as inv
from peers import models as pm
from privacy import services
from privacy.errors import PrivacyConflict, PrivacyError
from privacy.models import Erasure
from recruitment import models as rm
from tests.conftest import client_for_user
from tests.factories import UserFactory
from tests.privacy import world as w
from tests.privacy.helpers import board_figures, equality_figures, where_text_appears

pytestmark = pytest.mark.django_db

IDENTITY = (w.SUBJECT_NAME, w.SUBJECT_EMAIL, w.SUBJECT_OLD_EMAIL, w.SUBJECT_PHONE, "Quillfeather")


@pytest.fixture
def world() -> w.World:
    return w.build()


@pytest.fixture
def admin_user() -> User:
    return UserFactory(roles=[Role.ADMIN])


def test_the_world_names_the_person_in_every_kind_of_place_before(world):
    # Without this the test below could pass by never having had anything to erase.
    places = set(where_text_appears(*IDENTITY))
    expected = {
        "accounts.user.email",
        "accounts.historicaluser.email",
        "involvement.participant.name",
        "involvement.historicalparticipant.email",
        "involvement.consultationresponse.body",
        "involvement.expenseline.description",
        "recruitment.application.applicant_name",
        "recruitment.historicalapplication.supporting_statement",
        "recruitment.score.comment",
        "peers.supervisionsession.notes",
        "peers.historicalwellnessactionplan.triggers",
        "peers.peerworker.exit_interview_notes",
        "reminders.reminder.body",
        "admin.logentry.object_repr",
        "axes.accesslog.username",
        "axes.accessattempt.username",
    }
    assert expected <= places, expected - places


def test_after_erasure_the_person_appears_nowhere_in_the_database(world, admin_user):
    services.participant_erase(participant=world.participant, by=admin_user, reason="SAR-2026-014")
    assert where_text_appears(*IDENTITY) == []
    # Other people are untouched.
    assert inv.Participant.objects.get(pk=world.other_participant.pk).name == w.OTHER_NAME
    assert rm.Application.objects.get(pk=world.other_application.pk).applicant_name == w.OTHER_APPLICANT
    assert (
        pm.SupervisionSession.objects.get(worker=world.other_worker).notes == "Another person's supervision."
    )
    assert pm.WellnessActionPlan.objects.filter(worker=world.other_worker).exists()


def test_board_figures_and_equality_report_are_identical_before_and_after(world, admin_user):
    board_before, equality_before = board_figures(), equality_figures()
    # The world feeds the figures, so "identical" says something.
    assert board_before["register_applications"].total.numerator >= 1
    assert board_before["cofacilitated_share"].total.numerator >= 1
    assert board_before["adjustments_provided_share"].total.numerator >= 1
    assert equality_before["raw"]["all__applicants"] >= 3
    assert equality_before["raw"]["ethnic_group__black__shortlisted"] >= 2

    services.participant_erase(participant=world.participant, by=admin_user, reason="SAR-2026-014")

    assert board_figures() == board_before
    assert equality_figures() == equality_before


def test_rows_that_feed_figures_stay_and_the_login_is_closed(world, admin_user):
    counts_before = {
        model: model.objects.count()
        for model in (
            inv.Participation,
            inv.PaymentClaim,
            inv.ExpenseLine,
            inv.ConsultationResponse,
            rm.Application,
            rm.StageMove,
            rm.AdjustmentRequest,
            rm.EqualityMonitoring,
            rm.PanelMember,
            pm.PeerWorker,
            pm.TrainingRecord,
            pm.SupervisionSession,
            pm.LevelChange,
        )
    }
    claim_total = inv.PaymentClaim.objects.get(participant=world.participant).total_amount
    services.participant_erase(participant=world.participant, by=admin_user, reason="SAR-2026-014")

    assert {model: model.objects.count() for model in counts_before} == counts_before
    assert inv.PaymentClaim.objects.get(participant=world.participant).total_amount == claim_total
    user = User.objects.get(pk=world.user.pk)
    assert user.email == f"erased-{user.pk}@erased.invalid"
    assert not user.is_active and not user.has_usable_password()
    participant = inv.Participant.objects.get(pk=world.participant.pk)
    assert participant.status == inv.Participant.Status.LEFT and not participant.may_be_contacted
    assert not pm.WellnessActionPlan.objects.filter(worker=world.worker).exists()
    application = rm.Application.objects.get(pk=world.application.pk)
    assert application.stage.kind == rm.StageKind.REJECTED
    assert rm.EqualityMonitoring.objects.get(application=application).ethnic_group == "black"


def test_history_keeps_one_version_saying_it_was_erased(world, admin_user):
    erasure = services.participant_erase(participant=world.participant, by=admin_user, reason="SAR-2026-014")
    versions = list(inv.Participant.history.filter(id=world.participant.pk))
    assert len(versions) == 1
    assert versions[0].history_change_reason == f"Erased (erasure {erasure.pk})"
    assert versions[0].history_user == admin_user
    assert not pm.WellnessActionPlan.history.filter(worker_id=world.worker.pk).exists()


def test_the_erasure_is_recorded_without_identity_and_logged(world, admin_user):
    erasure = services.participant_erase(participant=world.participant, by=admin_user, reason="SAR-2026-014")
    assert erasure.subject == Erasure.Subject.PARTICIPANT
    assert erasure.subject_id == str(world.participant.pk)
    assert erasure.erased_by == admin_user
    assert erasure.counts["involvement.participant"] == 1
    assert erasure.counts["peers.peerworker"] == 1
    assert erasure.counts["recruitment.application"] == 1
    assert erasure.counts["reminders.reminder"] == 2
    entry = AccessLog.objects.get(action="erase")
    assert (entry.user, entry.record_type, entry.record_id) == (
        admin_user,
        "involvement.participant",
        str(world.participant.pk),
    )


def test_erasing_from_the_employment_covers_the_same_person(world, admin_user):
    services.peer_worker_erase(worker=world.worker, by=admin_user, reason="SAR-2026-015")
    assert where_text_appears(*IDENTITY) == []
    assert Erasure.objects.get().subject == Erasure.Subject.PEER_WORKER


def test_erasing_twice_changes_nothing_more(world, admin_user):
    services.participant_erase(participant=world.participant, by=admin_user, reason="SAR-2026-014")
    figures = board_figures()
    services.participant_erase(participant=world.participant, by=admin_user, reason="SAR-2026-014")
    assert board_figures() == figures
    assert where_text_appears(*IDENTITY) == []
    assert inv.Participant.history.filter(id=world.participant.pk).count() == 1


# --- what stops an erasure -------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_reason_is_required(world, admin_user, reason):
    with pytest.raises(PrivacyError) as refused:
        services.participant_erase(participant=world.participant, by=admin_user, reason=reason)
    assert refused.value.field == "reason"


@pytest.mark.parametrize("reason", [f"Asked by {w.SUBJECT_NAME}", f"email from {w.SUBJECT_EMAIL.upper()}"])
def test_the_reason_may_not_name_the_person(world, admin_user, reason):
    with pytest.raises(PrivacyError) as refused:
        services.participant_erase(participant=world.participant, by=admin_user, reason=reason)
    assert refused.value.field == "reason"
    assert inv.Participant.objects.get(pk=world.participant.pk).name == w.SUBJECT_NAME


def test_a_current_employment_must_end_first(world, admin_user):
    pm.PeerWorker.objects.filter(pk=world.worker.pk).update(
        status=pm.PeerWorker.Status.ACTIVE, leaving_date=None, leaving_reason=""
    )
    with pytest.raises(PrivacyConflict, match="still employed"):
        services.peer_worker_erase(worker=world.worker, by=admin_user, reason="SAR-1")
    assert not Erasure.objects.exists()


def test_an_application_in_progress_must_end_first(world, admin_user):
    shortlisted = world.application.vacancy.stages.get(code="shortlisted")
    rm.Application.objects.filter(pk=world.application.pk).update(stage=shortlisted)
    with pytest.raises(PrivacyConflict, match="in progress"):
        services.participant_erase(participant=world.participant, by=admin_user, reason="SAR-1")


def test_an_admin_cannot_erase_themself(world):
    world.user.groups.add(Group.objects.get_or_create(name=Role.ADMIN)[0])
    me = User.objects.get(pk=world.user.pk)
    with pytest.raises(PrivacyConflict, match="your own account"):
        services.participant_erase(participant=world.participant, by=me, reason="SAR-1")


# --- the API --------------------------------------------------------------------------------------


def _erase_url(kind: str, pk: int) -> str:
    return reverse(f"api:privacy-{kind}-erase", kwargs={"pk": pk})


def test_api_erases_for_an_admin_with_a_reason(world, admin_user):
    response = client_for_user(admin_user).post(
        _erase_url("participant", world.participant.pk), {"reason": "SAR-2026-014"}
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["subject"] == "participant" and body["reason"] == "SAR-2026-014"
    assert body["counts"]["involvement.participant"] == 1
    assert inv.Participant.objects.get(pk=world.participant.pk).name == "Erased participant"


def test_api_needs_a_reason(world, admin_user):
    response = client_for_user(admin_user).post(_erase_url("peer-worker", world.worker.pk), {})
    assert response.status_code == 400
    assert "reason" in response.json()["errors"]


def test_api_refuses_a_reason_naming_the_person(world, admin_user):
    response = client_for_user(admin_user).post(
        _erase_url("participant", world.participant.pk), {"reason": f"{w.SUBJECT_NAME} asked"}
    )
    assert response.status_code == 400
    assert "reason" in response.json()["errors"]


def test_api_says_409_while_employed(world, admin_user):
    pm.PeerWorker.objects.filter(pk=world.worker.pk).update(status=pm.PeerWorker.Status.ACTIVE)
    response = client_for_user(admin_user).post(
        _erase_url("peer-worker", world.worker.pk), {"reason": "SAR-1"}
    )
    assert response.status_code == 409


@pytest.mark.parametrize(
    ("role", "kind", "status"),
    [
        (Role.INVOLVEMENT_LEAD, "participant", 403),  # sees the entry, may not erase it
        (Role.HR, "peer-worker", 403),
        (Role.PEER_WORKER, "peer-worker", 404),  # cannot see another's employment
        (Role.PARTICIPANT, "participant", 404),
    ],
)
def test_api_erasure_is_for_admins_only(world, role, kind, status):
    pk = world.participant.pk if kind == "participant" else world.worker.pk
    response = client_for_user(UserFactory(roles=[role])).post(_erase_url(kind, pk), {"reason": "SAR-1"})
    assert response.status_code == status
    assert not Erasure.objects.exists()


def test_api_a_person_cannot_erase_themself_through_the_api(world):
    response = client_for_user(world.user).post(
        _erase_url("participant", world.participant.pk), {"reason": "x"}
    )
    assert response.status_code == 403
    assert inv.Participant.objects.get(pk=world.participant.pk).name == w.SUBJECT_NAME


def test_api_unknown_record_is_404(admin_user):
    response = client_for_user(admin_user).post(_erase_url("participant", 999999), {"reason": "SAR-1"})
    assert response.status_code == 404


@override_settings(DEBUG=True)
def test_on_the_demo_year_erasing_the_busiest_participant_and_a_leaver_changes_no_figure(admin_user):
    call_command("seed_demo", "--quiet-logins")
    # Demo names repeat (two people can share one); pick someone whose name is theirs alone.
    names_used = Counter(inv.Participant.objects.values_list("name", flat=True))
    by_activity = (
        inv.Participant.objects.annotate(n=Count("participations")).filter(n__gt=0).order_by("-n", "id")
    )
    busiest = next(p for p in by_activity if names_used[p.name] == 1)
    leaver = pm.PeerWorker.objects.filter(status=pm.PeerWorker.Status.LEFT).select_related("user").first()
    assert busiest is not None and leaver is not None
    names = [busiest.name, leaver.user.get_full_name(), leaver.user.email]
    if busiest.email:
        names.append(busiest.email)
    assert where_text_appears(*names)
    board, equality = board_figures(), equality_figures()

    # Whatever else they have in progress is ended first, as an admin would before erasing.
    for application in rm.Application.objects.filter(participant=busiest, stage__kind=rm.StageKind.STEP):
        rm.Application.objects.filter(pk=application.pk).update(
            stage=application.vacancy.stages.get(code="withdrawn")
        )
    services.participant_erase(participant=busiest, by=admin_user, reason="SAR-DEMO-1")
    services.peer_worker_erase(worker=leaver, by=admin_user, reason="SAR-DEMO-2")

    assert where_text_appears(*names) == []
    assert board_figures() == board
    # Only the withdrawn applications (if any) could move the equality figures; none were shortlisted.
    assert equality_figures()["raw"]["all__applicants"] == equality["raw"]["all__applicants"]


def test_a_planned_reminder_to_their_register_entry_is_dismissed_and_loses_the_address(world, admin_user):
    from django.utils import timezone

    from reminders.models import Reminder

    # As the register rules plan it for someone reached through their entry (no login on the row).
    planned = Reminder.objects.create(
        rule="involvement.consultation_closing_invitee",
        subject_type="consultation",
        subject_id="1",
        recipient_email=w.SUBJECT_EMAIL,
        recipient_type="participant",
        recipient_id=str(world.participant.pk),
        occasion="3d",
        due_at=timezone.now(),
        subject_line="A consultation closes soon",
        body="Have your say before Friday.",
    )
    services.participant_erase(participant=world.participant, by=admin_user, reason="SAR-2026-014")
    planned.refresh_from_db()
    assert planned.state == Reminder.State.DISMISSED
    assert planned.recipient_email == f"erased-reminder-{planned.pk}@erased.invalid"
    assert (planned.subject_line, planned.body) == ("(erased)", "")
