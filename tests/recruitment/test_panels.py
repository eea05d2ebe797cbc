"""What the hiring pages read and are told about panels: register members found only by their exact
contact details, staff who may sit, the interviews a person sits on with their scores counted, the
seat a register refusal is about, and the checks that stand between an accepted offer and the hire."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.roles import Role
from recruitment import selectors, services
from recruitment.errors import RecruitmentError
from tests.factories import ParticipantFactory, UserFactory
from tests.recruitment.factories import ApplicationFactory, move_to
from tests.recruitment.late_stage import accepted, hr_user, interview

pytestmark = pytest.mark.django_db


def test_a_register_member_is_found_by_their_whole_email_or_phone_only():
    person = ParticipantFactory(email="Rowan.Quince@test.example", phone="07700 900123", name="Rowan Quince")
    ParticipantFactory(email="someone@test.example", phone="")
    assert list(selectors.register_members_named(" rowan.quince@TEST.example ")) == [person]
    assert list(selectors.register_members_named("+44 (0)7700-900123")) == [person]
    for partial in ("quince", "Rowan Quince", "quince@test.example", "900123", "", "   "):
        assert not selectors.register_members_named(partial).exists(), partial


def test_staff_who_may_sit_on_a_panel_are_active_and_employed():
    peer = UserFactory(roles=[Role.PEER_WORKER])
    manager = UserFactory(roles=[Role.LINE_MANAGER, Role.SUPERVISOR])
    UserFactory(roles=[Role.PARTICIPANT])
    UserFactory(roles=[Role.BOARD_MEMBER])
    UserFactory(roles=[Role.HR], is_active=False)
    assert set(selectors.panel_staff_choices()) == {peer, manager}


def test_the_interviews_a_person_sits_on_count_their_own_scores_and_put_the_undecided_first():
    hr = hr_user()
    app = move_to(ApplicationFactory(), "interview")
    criteria = [
        services.criterion_create(vacancy=app.vacancy, name=name, by=hr, order=order)
        for order, name in enumerate(["Values", "Experience", "Teamwork"])
    ]
    member = UserFactory(roles=[Role.LINE_MANAGER])
    other = UserFactory(roles=[Role.LINE_MANAGER])
    register_login = UserFactory(roles=[Role.PARTICIPANT])
    person = ParticipantFactory(user=register_login)
    decided = interview(
        app, panel=[{"user": member, "lived_experience": True}], starts_in=dt.timedelta(days=-2)
    )
    later = interview(
        app,
        panel=[{"user": member, "lived_experience": True}, {"user": other}, {"participant": person}],
        starts_in=dt.timedelta(days=3),
    )
    interview(app, panel=[{"user": other, "lived_experience": True}])  # not theirs
    seat = later.panel.get(user=member)
    for criterion in criteria[:2]:
        services.score_record(interview=later, panel_member=seat, criterion=criterion, score=4, by=member)
    services.score_record(
        interview=later, panel_member=later.panel.get(user=other), criterion=criteria[2], score=2, by=other
    )
    services.interview_record_outcome(interview=decided, outcome="appointable", by=hr)
    rows = list(selectors.interviews_sat_on(member))
    assert [row.pk for row in rows] == [later.pk, decided.pk]
    assert [(row.my_scores, row.criteria_count) for row in rows] == [(2, 3), (0, 3)]
    # A register member with a login sits through their register entry.
    assert [row.pk for row in selectors.interviews_sat_on(register_login)] == [later.pk]


def test_each_seat_counts_the_criteria_it_has_scored():
    app = move_to(ApplicationFactory(), "interview")
    criterion = services.criterion_create(vacancy=app.vacancy, name="Values", by=hr_user())
    member = UserFactory(roles=[Role.LINE_MANAGER])
    made = interview(
        app, panel=[{"user": member, "lived_experience": True}, {"participant": ParticipantFactory()}]
    )
    services.score_record(
        interview=made, panel_member=made.panel.get(user=member), criterion=criterion, score=3, by=member
    )
    seats = selectors.interview_panels().get(pk=made.pk).panel.all()
    assert [(seat.user_id is not None, seat.scored) for seat in seats] == [(True, 1), (False, 0)]


def test_the_registers_refusal_says_which_seat_it_is_about():
    app = move_to(ApplicationFactory(), "interview")
    starts = timezone.now() + dt.timedelta(days=2)
    with pytest.raises(RecruitmentError) as refused:
        services.interview_schedule(
            application=app,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=1),
            panel=[
                {"user": app.vacancy.hiring_manager},
                {"participant": ParticipantFactory()},
                {"participant": ParticipantFactory(consent_given_at=None)},
            ],
            by=hr_user(),
        )
    assert (refused.value.field, refused.value.seat) == ("panel", 2)
    assert "consent" in refused.value.message


def test_the_checks_outstanding_are_the_required_ones_not_clear_in_the_standards_order():
    app = accepted()
    hr = hr_user()
    for kind, status in (("dbs", "in_progress"), ("identity", "clear"), ("work_health", "not_required")):
        check = app.checks.get(kind=kind)
        services.check_update(check=check, by=hr, status=status)
    assert services.checks_outstanding(app.checks.order_by("-kind")) == [
        "Right to work",
        "Professional registration and qualifications",
        "Employment history and references",
        "Criminal record check (DBS)",
    ]
