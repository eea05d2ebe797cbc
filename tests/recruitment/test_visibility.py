"""Recruitment rules the API and the pages both ask: whose panel seat a score is for, who hires."""

from __future__ import annotations

import pytest

from accounts.errors import NotPermitted
from accounts.roles import Role
from recruitment.errors import RecruitmentError
from recruitment.visibility import check_may_hire, scoring_seat
from tests.factories import ParticipantFactory, UserFactory
from tests.recruitment.factories import ApplicationFactory
from tests.recruitment.late_stage import hr_user, interview

pytestmark = pytest.mark.django_db


@pytest.fixture
def panel():
    """An interview with a member of staff, a register member with a login and one without."""
    staff = UserFactory(roles=[Role.SUPERVISOR])
    with_login = ParticipantFactory(user=UserFactory(roles=[Role.PARTICIPANT]))
    without_login = ParticipantFactory()
    made = interview(
        panel=[
            {"user": staff, "lived_experience": True},
            {"participant": with_login},
            {"participant": without_login},
        ]
    )
    seats = {
        "staff": made.panel.get(user=staff),
        "with_login": made.panel.get(participant=with_login),
        "without_login": made.panel.get(participant=without_login),
    }
    return made, staff, seats


class TestScoringSeat:
    def test_a_panel_member_scores_in_their_own_seat_whatever_they_name(self, panel):
        made, staff, seats = panel
        assert scoring_seat(interview=made, user=staff) == seats["staff"]
        assert scoring_seat(interview=made, user=staff, asked=seats["without_login"]) == seats["staff"]

    def test_a_register_member_with_a_login_scores_in_their_seat(self, panel):
        made, _, seats = panel
        member = seats["with_login"].participant.user
        assert scoring_seat(interview=made, user=member) == seats["with_login"]

    def test_someone_not_on_the_panel_is_refused_naming_interview(self, panel):
        made, _, _ = panel
        with pytest.raises(RecruitmentError) as refused:
            scoring_seat(interview=made, user=UserFactory(roles=[Role.SUPERVISOR]))
        assert (refused.value.field, refused.value.message) == (
            "interview",
            "You are not on this interview's panel.",
        )

    @pytest.mark.parametrize("role", [Role.HR, Role.ADMIN])
    def test_hr_not_on_the_panel_must_say_whose_scores(self, panel, role):
        made, _, seats = panel
        user = UserFactory(roles=[role])
        with pytest.raises(RecruitmentError) as refused:
            scoring_seat(interview=made, user=user)
        assert (refused.value.field, refused.value.message) == ("panel_member", "Say whose scores these are.")
        assert scoring_seat(interview=made, user=user, asked=seats["without_login"]) == seats["without_login"]

    @pytest.mark.parametrize("seat", ["staff", "with_login"])
    def test_hr_does_not_score_for_anyone_with_a_login(self, panel, seat):
        made, _, seats = panel
        with pytest.raises(RecruitmentError) as refused:
            scoring_seat(interview=made, user=hr_user(), asked=seats[seat])
        assert refused.value.field == "panel_member"

    def test_hr_on_the_panel_scores_in_their_own_seat(self):
        hr = hr_user()
        made = interview(panel=[{"user": hr, "lived_experience": True}])
        seat = made.panel.get()
        assert scoring_seat(interview=made, user=hr) == seat
        assert scoring_seat(interview=made, user=hr, asked=seat) == seat


class TestWhoHires:
    @pytest.mark.parametrize("role", [Role.HR, Role.ADMIN])
    def test_hr_and_admins_hire(self, role):
        check_may_hire(UserFactory(roles=[role]))

    def test_the_hiring_manager_does_not(self):
        manager = ApplicationFactory().vacancy.hiring_manager
        with pytest.raises(NotPermitted) as refused:
            check_may_hire(manager)
        assert refused.value.message == "Only HR can hire; the hiring manager can follow the checks."
