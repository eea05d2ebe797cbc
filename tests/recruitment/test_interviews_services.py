"""Interview services: panels with lived experience, scores, and the outcome that pays register members."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from involvement import services as involvement_services
from involvement.errors import InvolvementConflict
from involvement.models import Activity, Participant, Participation, PaymentClaim
from recruitment import models as rm
from recruitment import services
from recruitment.errors import RecruitmentConflict, RecruitmentError
from tests.factories import ParticipantFactory, PaymentClaimFactory, UserFactory
from tests.recruitment.factories import ApplicationFactory, VacancyFactory, move_to
from tests.recruitment.late_stage import hr_user, interview, panel_rate

pytestmark = pytest.mark.django_db


def _written() -> tuple[int, ...]:
    return (
        rm.Interview.objects.count(),
        rm.PanelMember.objects.count(),
        Activity.objects.count(),
        Participation.objects.count(),
    )


def _schedule(application, panel, **kwargs):
    starts = kwargs.pop("starts_at", timezone.now() + dt.timedelta(days=3))
    return services.interview_schedule(
        application=application,
        starts_at=starts,
        ends_at=kwargs.pop("ends_at", starts + dt.timedelta(hours=1)),
        panel=panel,
        by=hr_user(),
        **kwargs,
    )


class TestSchedule:
    def test_register_member_gets_a_panel_place_on_the_activity(self):
        person = ParticipantFactory()
        app = ApplicationFactory()
        made = _schedule(app, [{"user": app.vacancy.hiring_manager}, {"participant": person}])
        seat = made.panel.get(participant=person)
        assert seat.lived_experience is True
        assert seat.participation.role == "panel_member"
        assert seat.participation.status == "accepted"
        assert made.activity.kind.code == "interview-panel"
        assert app.applicant_name not in made.activity.title  # the candidate stays private

    @pytest.mark.parametrize(
        ("panel", "override", "field"),
        [
            ([], "", "panel"),
            ([{"user": "manager"}], "", "panel"),  # lived-experience role, nobody with lived experience
        ],
    )
    def test_refusals_name_the_panel_and_write_nothing(self, panel, override, field):
        app = ApplicationFactory()
        panel = [{"user": app.vacancy.hiring_manager} for _ in panel]
        before = _written()
        with pytest.raises(RecruitmentError) as refused:
            _schedule(app, panel, panel_override_reason=override)
        assert refused.value.field == field
        assert _written() == before

    def test_an_override_reason_lets_a_staff_only_panel_through(self):
        app = ApplicationFactory()
        made = _schedule(
            app, [{"user": app.vacancy.hiring_manager}], panel_override_reason="Lived-experience member ill"
        )
        assert made.panel.count() == 1

    def test_a_role_without_lived_experience_needs_no_such_member(self):
        app = ApplicationFactory(vacancy=VacancyFactory(lived_experience_role=False))
        assert _schedule(app, [{"user": app.vacancy.hiring_manager}]).pk

    def test_end_before_start_is_refused_naming_ends_at(self):
        app = ApplicationFactory()
        starts = timezone.now() + dt.timedelta(days=2)
        before = _written()
        with pytest.raises(ValidationError) as refused:
            _schedule(
                app,
                [{"participant": ParticipantFactory()}],
                starts_at=starts,
                ends_at=starts - dt.timedelta(hours=1),
            )
        assert "ends_at" in refused.value.message_dict
        assert _written() == before

    def test_a_register_member_without_consent_is_refused_naming_the_panel(self):
        app = ApplicationFactory()
        person = ParticipantFactory(consent_given_at=None)
        before = _written()
        with pytest.raises(RecruitmentError) as refused:
            _schedule(app, [{"user": app.vacancy.hiring_manager}, {"participant": person}])
        assert refused.value.field == "panel"
        assert "consent" in refused.value.message
        assert refused.value.status_code == 400
        assert _written() == before

    def test_the_same_register_member_twice_is_refused_naming_the_panel(self):
        app = ApplicationFactory()
        person = ParticipantFactory()
        with pytest.raises(RecruitmentError) as refused:
            _schedule(app, [{"participant": person}, {"participant": person}])
        assert refused.value.field == "panel"
        assert rm.Interview.objects.count() == 0


class TestUpdateAndCancel:
    def test_moving_the_interview_moves_the_panel_activity(self):
        made = interview(panel=[{"participant": ParticipantFactory()}], starts_in=dt.timedelta(days=2))
        later = made.starts_at + dt.timedelta(days=1)
        services.interview_update(
            interview=made, by=hr_user(), starts_at=later, ends_at=later + dt.timedelta(hours=1)
        )
        made.activity.refresh_from_db()
        assert made.activity.starts_at == later
        assert made.activity.length_hours == Decimal("1.00")

    def test_clearing_the_override_on_a_staff_only_panel_is_refused(self):
        made = interview(
            panel=[{"user": UserFactory()}],
            panel_override_reason="No one available",
            starts_in=dt.timedelta(days=2),
        )
        with pytest.raises(RecruitmentError) as refused:
            services.interview_update(interview=made, by=hr_user(), panel_override_reason="")
        assert refused.value.field == "panel_override_reason"
        made.refresh_from_db()
        assert made.panel_override_reason == "No one available"

    def test_cancelling_cancels_the_activity_and_removes_the_interview(self):
        made = interview(panel=[{"participant": ParticipantFactory()}], starts_in=dt.timedelta(days=2))
        activity = made.activity
        services.interview_cancel(interview=made, by=hr_user())
        activity.refresh_from_db()
        assert activity.status == Activity.Status.CANCELLED
        assert not rm.Interview.objects.filter(pk=made.pk).exists()

    def test_a_decided_interview_can_be_neither_moved_nor_cancelled(self):
        made = interview()
        services.interview_record_outcome(interview=made, outcome="appointable", by=hr_user())
        with pytest.raises(RecruitmentConflict):
            services.interview_update(interview=made, by=hr_user(), location="Elsewhere")
        with pytest.raises(RecruitmentConflict):
            services.interview_cancel(interview=made, by=hr_user())
        assert rm.Interview.objects.filter(pk=made.pk, location="Room 4, Test House").exists()


class TestScores:
    def _setup(self):
        made = interview()
        criterion = services.criterion_create(
            vacancy=made.application.vacancy, name="Uses lived experience well", max_score=5, by=hr_user()
        )
        return made, made.panel.get(), criterion

    @pytest.mark.parametrize("value", [0, 6])
    def test_out_of_range_is_refused_naming_score(self, value):
        made, seat, criterion = self._setup()
        with pytest.raises(RecruitmentError) as refused:
            services.score_record(
                interview=made, panel_member=seat, criterion=criterion, score=value, by=hr_user()
            )
        assert refused.value.field == "score"
        assert rm.Score.objects.count() == 0

    def test_scoring_again_changes_the_score(self):
        made, seat, criterion = self._setup()
        services.score_record(interview=made, panel_member=seat, criterion=criterion, score=2, by=hr_user())
        services.score_record(interview=made, panel_member=seat, criterion=criterion, score=4, by=hr_user())
        assert list(rm.Score.objects.values_list("score", flat=True)) == [4]

    def test_no_scores_after_the_outcome(self):
        made, seat, criterion = self._setup()
        services.interview_record_outcome(interview=made, outcome="not_appointable", by=hr_user())
        with pytest.raises(RecruitmentConflict):
            services.score_record(
                interview=made, panel_member=seat, criterion=criterion, score=3, by=hr_user()
            )
        assert rm.Score.objects.count() == 0

    def test_a_criterion_of_another_vacancy_is_refused(self):
        made, seat, _ = self._setup()
        other = services.criterion_create(vacancy=VacancyFactory(), name="Other", by=hr_user())
        with pytest.raises(RecruitmentError) as refused:
            services.score_record(interview=made, panel_member=seat, criterion=other, score=3, by=hr_user())
        assert refused.value.field == "criterion"


class TestOutcome:
    def test_register_members_are_marked_attended_and_paid_the_panel_rate(self):
        panel_rate(Decimal("75.00"))
        paid, waived = ParticipantFactory(), ParticipantFactory(payment_preference="none")
        made = interview(
            panel=[{"participant": paid}, {"participant": waived}],
            starts_in=dt.timedelta(hours=-4),
            length=dt.timedelta(hours=1, minutes=30),
        )
        services.interview_record_outcome(interview=made, outcome="appointable", by=hr_user(), notes="Strong")
        made.refresh_from_db()
        assert (made.outcome, made.outcome_notes) == ("appointable", "Strong")
        for person in (paid, waived):
            participation = Participation.objects.get(participant=person, activity=made.activity)
            assert participation.role == "panel_member"
            assert participation.attendance == "attended"
            assert participation.hours == Decimal("1.50")
        claim = PaymentClaim.objects.get(participant=paid)
        assert (claim.rate_unit, claim.rate_amount, claim.involvement_amount) == (
            "session",
            Decimal("75.00"),
            Decimal("75.00"),
        )
        assert not PaymentClaim.objects.filter(participant=waived).exists()  # chose no payment
        made.activity.refresh_from_db()
        assert made.activity.status == Activity.Status.HELD

    def test_before_the_interview_starts_is_a_conflict(self):
        made = interview(starts_in=dt.timedelta(hours=2))
        with pytest.raises(RecruitmentConflict):
            services.interview_record_outcome(interview=made, outcome="appointable", by=hr_user())
        made.refresh_from_db()
        assert made.outcome == "pending"

    def test_a_second_outcome_is_a_conflict(self):
        made = interview()
        services.interview_record_outcome(interview=made, outcome="appointable", by=hr_user())
        with pytest.raises(RecruitmentConflict):
            services.interview_record_outcome(interview=made, outcome="not_appointable", by=hr_user())
        made.refresh_from_db()
        assert made.outcome == "appointable"

    def test_when_the_claim_cannot_be_made_the_outcome_is_not_saved(self, monkeypatch):
        panel_rate()
        person = ParticipantFactory()
        made = interview(panel=[{"participant": person}])

        def refuse(**kwargs):
            raise InvolvementConflict("The claims ledger is closed.")

        monkeypatch.setattr(involvement_services, "payment_claim_create", refuse)
        with pytest.raises(InvolvementConflict):
            services.interview_record_outcome(interview=made, outcome="appointable", by=hr_user())
        made.refresh_from_db()
        assert made.outcome == "pending" and made.outcome_at is None
        participation = Participation.objects.get(participant=person)
        assert participation.attendance != "attended"
        assert PaymentClaim.objects.count() == 0
        made.activity.refresh_from_db()
        assert made.activity.status == Activity.Status.OPEN

    def test_one_member_already_claimed_undoes_the_others_claim_and_the_outcome(self):
        panel_rate()
        first, second = ParticipantFactory(), ParticipantFactory()
        made = interview(panel=[{"participant": first}, {"participant": second}])
        taken = made.panel.get(participant=second).participation
        PaymentClaimFactory(participation=taken, participant=second, hours=Decimal("2.00"))
        with pytest.raises(InvolvementConflict):
            services.interview_record_outcome(interview=made, outcome="appointable", by=hr_user())
        made.refresh_from_db()
        assert made.outcome == "pending"
        assert not PaymentClaim.objects.filter(participant=first).exists()
        assert Participation.objects.get(participant=first).attendance != "attended"

    def test_a_participant_paid_in_expenses_only_gets_a_claim_with_no_involvement_payment(self):
        panel_rate(Decimal("60.00"))
        person = ParticipantFactory(payment_preference=Participant.PaymentPreference.EXPENSES_ONLY)
        made = interview(panel=[{"participant": person}])
        services.interview_record_outcome(interview=made, outcome="appointable", by=hr_user())
        claim = PaymentClaim.objects.get(participant=person)
        assert claim.involvement_amount == Decimal("0.00") and claim.rate_amount == Decimal("60.00")


def test_interview_stage_is_not_required_but_an_ended_application_is_refused():
    app = move_to(ApplicationFactory(), "interview")
    rejected = app.vacancy.stages.get(code="rejected")
    services.application_advance(application=app, to_stage=rejected, by=hr_user(), reason="Withdrew")
    with pytest.raises(RecruitmentConflict):
        _schedule(app, [{"user": app.vacancy.hiring_manager, "lived_experience": True}])
    assert rm.Interview.objects.count() == 0


def test_a_score_is_changed_never_deleted():
    made = interview()
    criterion = services.criterion_create(vacancy=made.application.vacancy, name="Values", by=hr_user())
    score = services.score_record(
        interview=made, panel_member=made.panel.get(), criterion=criterion, score=3, by=hr_user()
    )
    with pytest.raises(RecruitmentConflict) as refused:
        services.score_delete(score=score, by=hr_user())
    assert "change the score instead" in refused.value.message
    assert rm.Score.objects.filter(pk=score.pk).exists()
