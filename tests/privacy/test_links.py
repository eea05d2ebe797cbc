"""Whose records are whose: exports and erasures follow links the system made, never a value a person edits.

Each test here replays an attack that once worked: a participant who took an applicant's email address
was handed that applicant's application in their export (and erasing them erased it); a participant who
renamed themselves after a word in the reminders' text had everyone's reminders wiped when erased.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest
from axes.models import AccessLog as SignIn
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLog
from accounts.roles import Role
from involvement import models as inv
from peers import models as pm
from privacy import services
from privacy.selectors import Person, person_from_participant, sign_ins
from recruitment import models as rm
from recruitment import services as recruitment_services
from reminders.models import Reminder
from reminders.services import reminders_plan
from tests.conftest import client_for_user
from tests.factories import ActivityFactory, ParticipantFactory, ParticipationFactory, UserFactory
from tests.peers.factories import PeerWorkerFactory, SupervisionSessionFactory
from tests.privacy.helpers import where_text_appears
from tests.privacy.world import EQUALITY
from tests.recruitment.factories import ApplicationFactory
from tests.recruitment.late_stage import accepted, clear_checks, hr_user

pytestmark = pytest.mark.django_db

VICTIM_NAME = "Vic Victimson"
VICTIM_EMAIL = "vic.victimson@test.example"
VICTIM_PHONE = "07700 900456"
VICTIM_STATEMENT = "My own story of recovery, told to the panel in confidence."
VICTIM_ADJUSTMENT = "Large-print papers and a break halfway through."


def _victims_application() -> rm.Application:
    """An applicant with no register entry and no login, whose application has ended (so an
    erasure that wrongly takes it in is not stopped by the in-progress rule)."""
    application = ApplicationFactory(
        applicant_name=VICTIM_NAME,
        email=VICTIM_EMAIL,
        phone=VICTIM_PHONE,
        supporting_statement=VICTIM_STATEMENT,
        adjustments=[VICTIM_ADJUSTMENT],
        equality=EQUALITY,
    )
    rejected = application.vacancy.stages.get(code="rejected")
    return recruitment_services.application_advance(
        application=application, to_stage=rejected, by=hr_user(), reason="Not shortlisted."
    )


def _attacker() -> inv.Participant:
    return ParticipantFactory(name="Ash Attackerly", user=UserFactory(roles=[Role.PARTICIPANT]))


def _take_email(participant: inv.Participant, email: str) -> None:
    """The attack: the participant puts someone else's address on their own register entry."""
    client = client_for_user(participant.user)
    client.patch(
        reverse("api:participant-detail", kwargs={"pk": participant.pk}), {"email": email}, format="json"
    )
    # However the address got there (this self-service edit, or a lead's typing error), it is there now:
    # the export and the erasure must not care.
    inv.Participant.objects.filter(pk=participant.pk).update(email=email)


def _everything(content: bytes) -> tuple[dict, str]:
    archive = zipfile.ZipFile(io.BytesIO(content))
    text = "\n".join(archive.read(name).decode() for name in archive.namelist())
    return json.loads(archive.read("data.json"))["records"], text


# --- finding 1: an email address is not a link ---------------------------------------------------


def test_a_participant_who_takes_an_applicants_email_exports_nothing_of_theirs():
    victim = _victims_application()
    attacker = _attacker()
    _take_email(attacker, VICTIM_EMAIL)

    response = client_for_user(attacker.user).get(
        reverse("api:privacy-participant-export", kwargs={"pk": attacker.pk})
    )

    assert response.status_code == 200
    records, text = _everything(response.content)
    for kind in (
        "applications",
        "application_stage_moves",
        "recruitment_adjustments",
        "equality_monitoring",
        "interviews",
        "offers",
        "pre_employment_checks",
    ):
        assert records[kind] == [], kind
    for secret in (VICTIM_NAME, VICTIM_PHONE, VICTIM_STATEMENT, VICTIM_ADJUSTMENT):
        assert secret not in text, secret
    assert not any(row["record_type"] == "recruitment.application" for row in records["history"])
    assert [row["name"] for row in records["register_entry"]] == ["Ash Attackerly"]
    # Nor were the applicant's records logged as exported to the attacker.
    assert not AccessLog.objects.filter(record_type__startswith="recruitment.").exists()
    assert rm.Application.objects.get(pk=victim.pk).applicant_name == VICTIM_NAME


def test_erasing_that_participant_leaves_the_applicants_records_whole():
    victim = _victims_application()
    attacker = _attacker()
    _take_email(attacker, VICTIM_EMAIL)
    admin = UserFactory(roles=[Role.ADMIN])

    response = client_for_user(admin).post(
        reverse("api:privacy-participant-erase", kwargs={"pk": attacker.pk}), {"reason": "SAR-2026-101"}
    )

    assert response.status_code == 200, response.json()
    assert "recruitment.application" not in response.json()["counts"]
    application = rm.Application.objects.get(pk=victim.pk)
    assert (application.applicant_name, application.email, application.phone) == (
        VICTIM_NAME,
        VICTIM_EMAIL,
        VICTIM_PHONE,
    )
    assert application.supporting_statement == VICTIM_STATEMENT
    assert application.adjustments.get().description == VICTIM_ADJUSTMENT
    assert rm.EqualityMonitoring.objects.get(application=application).ethnic_group == EQUALITY["ethnic_group"]
    assert rm.Application.history.filter(id=victim.pk, applicant_name=VICTIM_NAME).exists()


def test_taking_a_colleagues_login_email_brings_none_of_their_sign_ins_or_reminders():
    colleague = UserFactory(email="kim.colleague@test.example", roles=[Role.PEER_WORKER])
    SignIn.objects.create(
        username=colleague.email, ip_address="192.0.2.44", user_agent="Colleague's browser", path_info="/"
    )
    to_colleague = Reminder.objects.create(
        rule="peers.supervision",
        subject_type="supervision",
        subject_id="999:line_management",
        recipient_email=colleague.email,
        recipient_user=colleague,
        occasion="due:x",
        due_at=timezone.now(),
        subject_line="Your supervision is due soon",
        body="Your line management supervision is due by Friday.",
    )
    attacker = _attacker()
    _take_email(attacker, colleague.email)

    records, text = _everything(
        services.subject_access_export(
            person=person_from_participant(attacker), subject=f"participant-{attacker.pk}", by=None
        ).content
    )
    assert records["reminders"] == []
    assert records["sign_ins"] == []
    assert "192.0.2.44" not in text and "Colleague's browser" not in text

    services.participant_erase(participant=attacker, by=UserFactory(roles=[Role.ADMIN]), reason="SAR-1")
    assert SignIn.objects.filter(username=colleague.email).count() == 1
    to_colleague.refresh_from_db()
    assert to_colleague.state == Reminder.State.PLANNED
    assert to_colleague.recipient_email == colleague.email
    assert to_colleague.body == "Your line management supervision is due by Friday."


def test_erasing_a_participant_who_took_another_members_email_leaves_their_reminders_to_go_out():
    member = ParticipantFactory(name="Lou Registermember", email="lou.member@test.example")
    planned = Reminder.objects.create(
        rule="involvement.activity_tomorrow",
        subject_type="activity",
        subject_id="1",
        recipient_email=member.email,
        recipient_type="participant",
        recipient_id=str(member.pk),
        occasion="before-1d:x",
        due_at=timezone.now() + dt.timedelta(hours=12),
        subject_line="An activity you are taking part in is tomorrow",
        body="We look forward to seeing you.",
    )
    attacker = _attacker()
    _take_email(attacker, member.email)

    services.participant_erase(participant=attacker, by=UserFactory(roles=[Role.ADMIN]), reason="SAR-2")

    planned.refresh_from_db()
    assert (planned.state, planned.recipient_email) == (Reminder.State.PLANNED, "lou.member@test.example")
    assert inv.Participant.objects.get(pk=member.pk).may_be_contacted


def test_an_application_is_the_persons_only_through_the_register_link_or_the_hire():
    participant = ParticipantFactory(name="Jo Linkedperson", email="jo.linked@test.example")
    linked = ApplicationFactory(
        applicant_name="Jo Linkedperson",
        email="jo.linked.other@test.example",  # a different address: the link, not the address, counts
        source=rm.Application.Source.INVOLVEMENT_REGISTER,
        participant=participant,
    )
    # The same address, but nothing the system made ties it to the entry (decided in docs/privacy.md).
    unlinked = ApplicationFactory(applicant_name="Jo Linkedperson", email="jo.linked@test.example")

    assert person_from_participant(participant).application_ids == [linked.pk]
    assert unlinked.pk not in person_from_participant(participant).application_ids


def test_a_register_member_without_a_login_who_is_hired_is_one_person_with_their_employment():
    participant = ParticipantFactory(name="Dee Hiredfromregister", email="dee.hired@test.example")
    application = ApplicationFactory(
        applicant_name="Dee Hiredfromregister",
        email="dee.hired@test.example",
        source=rm.Application.Source.INVOLVEMENT_REGISTER,
        participant=participant,
    )
    hr = hr_user()
    application = accepted(application, by=hr)
    clear_checks(application, by=hr)
    worker = recruitment_services.application_hire(application=application, employee_number="E9001", by=hr)

    person = person_from_participant(participant)

    assert person.worker_ids == [worker.pk]
    assert person.user_ids == [worker.user_id]
    assert person.application_ids == [application.pk]


# --- finding 3: erasure finds reminders and admin entries by link, never by their words ---------------


def test_erasing_someone_named_like_a_reminders_words_leaves_every_other_reminder_whole():
    supervisor = UserFactory(roles=[Role.SUPERVISOR])
    for _ in range(3):
        worker = PeerWorkerFactory(supervisors=[supervisor])
        SupervisionSessionFactory(worker=worker, held_on=timezone.localdate() - dt.timedelta(days=90))
    reminders_plan()
    about_supervision = Reminder.objects.filter(subject_line__icontains="supervision")
    assert about_supervision.filter(state=Reminder.State.PLANNED).count() >= 3  # else this proves nothing
    every_reminder = list(Reminder.objects.order_by("pk").values())

    other_session = pm.SupervisionSession.objects.first()
    entry = LogEntry.objects.create(
        user=supervisor,
        content_type=ContentType.objects.get_for_model(pm.SupervisionSession),
        object_id=str(other_session.pk),
        object_repr=str(other_session),
        action_flag=CHANGE,
        change_message='[{"changed": {"fields": ["Supervision notes"]}}]',
    )
    participant = _attacker()
    client_for_user(participant.user).patch(
        reverse("api:participant-detail", kwargs={"pk": participant.pk}),
        {"name": "Supervision"},
        format="json",
    )
    inv.Participant.objects.filter(pk=participant.pk).update(name="Supervision")
    participant.refresh_from_db()

    erasure = services.participant_erase(
        participant=participant, by=UserFactory(roles=[Role.ADMIN]), reason="SAR-2026-102"
    )

    assert list(Reminder.objects.order_by("pk").values()) == every_reminder
    assert "reminders.reminder" not in erasure.counts
    entry.refresh_from_db()
    assert entry.object_repr == str(other_session)
    assert "Supervision notes" in entry.change_message


# --- sign-ins: the login that held the address at the time -----------------------------------------


def test_a_sign_in_belongs_to_the_login_that_held_the_address_at_the_time():
    earlier = UserFactory(email="shared.address@test.example")
    SignIn.objects.create(
        username="shared.address@test.example",
        ip_address="192.0.2.1",
        user_agent="Earlier holder",
        path_info="/",
    )
    earlier.email = "earlier.moved.on@test.example"
    earlier.save()
    later = UserFactory(email="shared.address@test.example")
    SignIn.objects.create(
        username="shared.address@test.example",
        ip_address="192.0.2.2",
        user_agent="Later holder",
        path_info="/",
    )

    assert [s.user_agent for s in sign_ins(Person(users=[later]))] == ["Later holder"]
    assert [s.user_agent for s in sign_ins(Person(users=[earlier]))] == ["Earlier holder"]


# --- reminders to register members without a login: linked by the entry, not the address ---------


def test_a_register_members_reminders_are_theirs_through_the_entry_even_without_a_login():
    member = ParticipantFactory(name="Mo Nologinperson", email="mo.nologin@test.example")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    starts = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time(14)))
    activity = ActivityFactory(starts_at=starts, leads=[UserFactory()])
    ParticipationFactory(activity=activity, participant=member, status="accepted")
    reminders_plan()
    theirs = Reminder.objects.get(rule="involvement.activity_tomorrow", recipient_user=None)
    assert (theirs.recipient_type, theirs.recipient_id) == ("participant", str(member.pk))

    records, _ = _everything(
        services.subject_access_export(
            person=person_from_participant(member), subject=f"participant-{member.pk}", by=None
        ).content
    )
    assert [row["subject_line"] for row in records["reminders"]] == [theirs.subject_line]

    services.participant_erase(participant=member, by=UserFactory(roles=[Role.ADMIN]), reason="SAR-3")
    theirs.refresh_from_db()
    assert theirs.state == Reminder.State.DISMISSED
    assert theirs.recipient_email == f"erased-reminder-{theirs.pk}@erased.invalid"
    assert where_text_appears("mo.nologin@test.example", "Mo Nologinperson") == []
    # The lead's reminder about the same activity goes on.
    assert Reminder.objects.get(rule="involvement.activity_tomorrow", recipient_user__isnull=False).state == (
        Reminder.State.PLANNED
    )
