"""Interviews and scores over the API: who schedules, who sees, what the panel is shown, and pay."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from involvement import services as involvement_services
from involvement.errors import InvolvementConflict
from involvement.models import Activity, Participation, PaymentClaim
from recruitment import models as rm
from recruitment import services
from tests.api.battery import ResourceBattery
from tests.conftest import client_for_user
from tests.factories import ParticipantFactory, UserFactory
from tests.recruitment.factories import ApplicationFactory, VacancyFactory
from tests.recruitment.late_stage import hr_user, interview, panel_rate

pytestmark = pytest.mark.django_db

LIST = "/api/v1/recruitment/interviews/"
SCORES = "/api/v1/recruitment/scores/"


def _detail(obj) -> str:
    return reverse("api:interview-detail", kwargs={"pk": obj.pk})


def _outcome_url(obj) -> str:
    return reverse("api:interview-outcome", kwargs={"pk": obj.pk})


def _client(*roles):
    return client_for_user(UserFactory(roles=list(roles)))


def _written() -> tuple[int, ...]:
    return (
        rm.Interview.objects.count(),
        rm.PanelMember.objects.count(),
        Activity.objects.count(),
        Participation.objects.count(),
    )


def _payload(application, **overrides):
    starts = timezone.now() + dt.timedelta(days=3)
    body = {
        "application": application.pk,
        "starts_at": starts.isoformat(),
        "ends_at": (starts + dt.timedelta(hours=1)).isoformat(),
        "location": "Room 4, Test House",
        "online_link": "",
        "panel": [{"user": application.vacancy.hiring_manager.pk, "lived_experience": True}],
    }
    body.update(overrides)
    return body


def _criterion(vacancy, name="Listens well", max_score=5):
    return services.criterion_create(vacancy=vacancy, name=name, max_score=max_score, by=hr_user())


class TestInterviewResource(ResourceBattery):
    basename = "interview"
    reader_role = Role.HR
    writer_role = Role.HR
    forbidden_role = Role.PEER_WORKER
    hidden_from_role = Role.LINE_MANAGER
    max_list_queries = 12

    def make_object(self):
        app = ApplicationFactory(adjustments=["Breaks every half hour"])
        _criterion(app.vacancy)
        return interview(
            app,
            panel=[{"user": app.vacancy.hiring_manager}, {"participant": ParticipantFactory()}],
            starts_in=dt.timedelta(days=2),
        )

    def create_payload(self):
        return _payload(ApplicationFactory())

    def update_payload(self, obj):
        return {"location": "Room 9, Test House"}


class TestScoreResource(ResourceBattery):
    basename = "score"
    reader_role = Role.HR
    writer_role = Role.HR
    forbidden_role = Role.PEER_WORKER
    hidden_from_role = Role.LINE_MANAGER

    def _interview(self):
        app = ApplicationFactory()
        made = interview(app, panel=[{"participant": ParticipantFactory()}])
        return made, made.panel.get(), _criterion(app.vacancy)

    def make_object(self):
        made, seat, criterion = self._interview()
        return services.score_record(
            interview=made, panel_member=seat, criterion=criterion, score=3, by=hr_user()
        )

    def create_payload(self):
        made, seat, criterion = self._interview()
        return {"interview": made.pk, "panel_member": seat.pk, "criterion": criterion.pk, "score": 4}

    def update_payload(self, obj):
        return {"score": 5, "comment": "Clear examples from their own recovery."}

    def test_delete(self):
        """Scores are the record of the panel's decision: a delete is refused and the row stays."""
        obj = self.make_object()
        response = _client(self.writer_role).delete(self.detail_url(obj))
        assert response.status_code == 409, response.content
        assert rm.Score.objects.filter(pk=obj.pk).exists()


class TestScheduling:
    def test_the_hiring_manager_schedules_for_their_own_vacancy_only(self):
        app = ApplicationFactory()
        manager = client_for_user(app.vacancy.hiring_manager)
        response = manager.post(LIST, _payload(app), format="json")
        assert response.status_code == 201, response.content
        other = ApplicationFactory()
        before = _written()
        response = manager.post(LIST, _payload(other), format="json")
        assert response.status_code == 400
        assert "application" in response.json()["errors"]
        assert _written() == before

    @pytest.mark.parametrize("role", [Role.PEER_WORKER, Role.LINE_MANAGER, Role.PARTICIPANT])
    def test_other_roles_cannot_schedule(self, role):
        before = _written()
        response = _client(role).post(LIST, _payload(ApplicationFactory()), format="json")
        assert response.status_code == 403
        assert _written() == before

    def test_a_register_member_on_the_panel_gets_an_accepted_panel_place(self):
        person = ParticipantFactory()
        app = ApplicationFactory()
        response = _client(Role.HR).post(
            LIST, _payload(app, panel=[{"participant": person.pk}]), format="json"
        )
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["panel"][0]["lived_experience"] is True
        participation = Participation.objects.get(participant=person)
        assert (participation.role, participation.status) == ("panel_member", "accepted")
        assert body["activity"]["id"] == participation.activity_id

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"panel": []}, "panel"),
            ({"panel": "nobody"}, "panel"),
            ({"panel": [{"user": "manager"}]}, "panel"),  # lived-experience role, no such member
            ({"panel": [{}]}, "panel.0"),
            ({"ends_before_start": True}, "ends_at"),
            ({"online_link": "not a link"}, "online_link"),
        ],
    )
    def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(self, change, field):
        app = ApplicationFactory()
        body = _payload(app)
        if change.get("panel") == [{"user": "manager"}]:
            change = {"panel": [{"user": app.vacancy.hiring_manager.pk}]}
        if change.pop("ends_before_start", False):
            body["ends_at"] = (timezone.now() + dt.timedelta(days=2)).isoformat()
        body.update(change)
        before = _written()
        response = _client(Role.HR).post(LIST, body, format="json")
        assert response.status_code == 400, response.content
        assert field in response.json()["errors"], response.json()
        assert _written() == before

    def test_missing_panel_is_refused_naming_panel(self):
        body = _payload(ApplicationFactory())
        del body["panel"]
        response = _client(Role.HR).post(LIST, body, format="json")
        assert response.status_code == 400
        assert "panel" in response.json()["errors"]
        assert rm.Interview.objects.count() == 0

    def test_an_override_reason_allows_a_staff_only_panel(self):
        app = ApplicationFactory()
        body = _payload(
            app,
            panel=[{"user": app.vacancy.hiring_manager.pk}],
            panel_override_reason="Our lived-experience panel member is unwell today.",
        )
        response = _client(Role.HR).post(LIST, body, format="json")
        assert response.status_code == 201, response.content

    def test_a_register_member_without_consent_is_refused_naming_the_panel(self):
        person = ParticipantFactory(consent_given_at=None)
        app = ApplicationFactory()
        before = _written()
        response = _client(Role.HR).post(
            LIST,
            _payload(app, panel=[{"user": app.vacancy.hiring_manager.pk}, {"participant": person.pk}]),
            format="json",
        )
        assert response.status_code == 400, response.content
        assert list(response.json()["errors"]) == ["panel"]
        assert "consent" in response.json()["detail"]
        assert _written() == before

    def test_rescheduling_after_the_outcome_is_a_conflict(self):
        made = interview()
        services.interview_record_outcome(interview=made, outcome="appointable", by=hr_user())
        response = _client(Role.HR).patch(_detail(made), {"location": "Elsewhere"}, format="json")
        assert response.status_code == 409
        made.refresh_from_db()
        assert made.location == "Room 4, Test House"

    def test_moving_the_end_before_the_start_is_400_naming_ends_at(self):
        made = interview(starts_in=dt.timedelta(days=2))
        early = (made.starts_at - dt.timedelta(minutes=5)).isoformat()
        response = _client(Role.HR).patch(_detail(made), {"ends_at": early}, format="json")
        assert response.status_code == 400
        assert "ends_at" in response.json()["errors"]
        assert rm.Interview.objects.get(pk=made.pk).ends_at == made.ends_at

    def test_cancelling_tells_register_members_through_the_activity(self):
        made = interview(panel=[{"participant": ParticipantFactory()}], starts_in=dt.timedelta(days=1))
        response = _client(Role.HR).delete(_detail(made))
        assert response.status_code == 204
        made.activity.refresh_from_db()
        assert made.activity.status == Activity.Status.CANCELLED


class TestWhatThePanelSees:
    def _setup(self):
        app = ApplicationFactory(
            phone="07700 900123",
            adjustments=["Questions in writing ten minutes before"],
        )
        _criterion(app.vacancy, "Uses lived experience with care")
        staff = UserFactory(roles=[Role.PEER_WORKER])
        login = UserFactory(roles=[Role.PARTICIPANT])
        person = ParticipantFactory(user=login)
        mine = interview(app, panel=[{"user": staff, "lived_experience": True}, {"participant": person}])
        other = interview()
        return app, staff, login, mine, other

    @pytest.mark.parametrize("who", ["staff", "register"])
    def test_a_panel_member_sees_only_their_interviews(self, who):
        app, staff, login, mine, other = self._setup()
        client = client_for_user(staff if who == "staff" else login)
        listed = client.get(LIST).json()["results"]
        assert [row["id"] for row in listed] == [mine.pk]
        assert client.get(_detail(other)).status_code == 404
        body = client.get(_detail(mine)).json()
        assert body["candidate_name"] == app.applicant_name
        assert body["vacancy"]["id"] == app.vacancy_id
        assert [c["name"] for c in body["criteria"]] == ["Uses lived experience with care"]
        assert [a["description"] for a in body["adjustments"]] == ["Questions in writing ten minutes before"]
        seat = mine.panel.get(user=staff) if who == "staff" else mine.panel.get(participant__user=login)
        assert body["my_seat"] == seat.pk
        text = json.dumps(body)
        assert app.email not in text and "07700" not in text
        assert "email" not in body["panel"][0] and "phone" not in body

    def test_a_panel_member_cannot_change_the_interview_or_record_its_outcome(self):
        _, staff, _, mine, _ = self._setup()
        client = client_for_user(staff)
        assert client.patch(_detail(mine), {"location": "Mine now"}, format="json").status_code == 403
        response = client.post(_outcome_url(mine), {"outcome": "appointable"}, format="json")
        assert response.status_code == 403
        mine.refresh_from_db()
        assert (mine.location, mine.outcome) == ("Room 4, Test House", "pending")

    def test_list_query_count_does_not_grow_for_a_panel_member(self):
        staff = UserFactory(roles=[Role.PEER_WORKER])
        client = client_for_user(staff)

        def one():
            app = ApplicationFactory(adjustments=["Large print"])
            _criterion(app.vacancy)
            interview(
                app, panel=[{"user": staff, "lived_experience": True}, {"participant": ParticipantFactory()}]
            )

        one()
        with CaptureQueriesContext(connection) as few:
            assert client.get(LIST).status_code == 200
        for _ in range(6):
            one()
        with CaptureQueriesContext(connection) as many:
            response = client.get(LIST)
        assert len(response.json()["results"]) == 7
        assert len(many) == len(few)


class TestOutcome:
    def test_the_hiring_manager_records_it_and_register_members_are_paid_the_panel_rate(self):
        panel_rate(Decimal("75.00"))
        person = ParticipantFactory()
        made = interview(panel=[{"participant": person}], length=dt.timedelta(hours=2, minutes=30))
        manager = client_for_user(made.application.vacancy.hiring_manager)
        response = manager.post(
            _outcome_url(made), {"outcome": "appointable", "notes": "Strong values"}, format="json"
        )
        assert response.status_code == 200, response.content
        assert response.json()["outcome"] == "appointable"
        participation = Participation.objects.get(participant=person)
        assert participation.role == "panel_member"
        assert participation.attendance == "attended"
        assert participation.hours == Decimal("2.50")
        claim = PaymentClaim.objects.get(participation=participation)
        assert claim.involvement_amount == Decimal("75.00") and claim.rate_unit == "session"

    def test_before_the_interview_starts_is_409_and_nothing_changes(self):
        person = ParticipantFactory()
        made = interview(panel=[{"participant": person}], starts_in=dt.timedelta(hours=1))
        response = _client(Role.HR).post(_outcome_url(made), {"outcome": "appointable"}, format="json")
        assert response.status_code == 409
        made.refresh_from_db()
        assert made.outcome == "pending"
        assert Participation.objects.get(participant=person).attendance != "attended"

    def test_an_unknown_outcome_is_400_naming_outcome(self):
        made = interview()
        response = _client(Role.HR).post(_outcome_url(made), {"outcome": "maybe"}, format="json")
        assert response.status_code == 400
        assert "outcome" in response.json()["errors"]

    def test_when_the_claim_fails_the_outcome_is_not_saved_either(self, monkeypatch):
        panel_rate()
        person = ParticipantFactory()
        made = interview(panel=[{"participant": person}])

        def refuse(**kwargs):
            raise InvolvementConflict("The claims ledger is closed for the year end.", field="participation")

        monkeypatch.setattr(involvement_services, "payment_claim_create", refuse)
        response = _client(Role.HR).post(_outcome_url(made), {"outcome": "appointable"}, format="json")
        assert response.status_code == 409
        made.refresh_from_db()
        assert made.outcome == "pending" and made.outcome_at is None
        assert Participation.objects.get(participant=person).attendance != "attended"
        assert not PaymentClaim.objects.exists()

    def test_the_line_manager_of_another_vacancy_gets_404(self):
        made = interview()
        response = _client(Role.LINE_MANAGER).post(
            _outcome_url(made), {"outcome": "appointable"}, format="json"
        )
        assert response.status_code == 404


class TestScores:
    def _setup(self):
        app = ApplicationFactory(vacancy=VacancyFactory())
        staff = UserFactory(roles=[Role.PEER_WORKER])
        colleague = UserFactory(roles=[Role.SUPERVISOR])
        no_login = ParticipantFactory()
        made = interview(
            app,
            panel=[{"user": staff, "lived_experience": True}, {"user": colleague}, {"participant": no_login}],
        )
        return made, staff, colleague, no_login, _criterion(app.vacancy, max_score=5)

    def test_a_panel_member_records_their_own_score_whoever_they_name(self):
        made, staff, colleague, _, criterion = self._setup()
        someone_else = made.panel.get(user=colleague)
        response = client_for_user(staff).post(
            SCORES,
            {"interview": made.pk, "criterion": criterion.pk, "score": 4, "panel_member": someone_else.pk},
            format="json",
        )
        assert response.status_code == 201, response.content
        assert response.json()["panel_member"]["id"] == made.panel.get(user=staff).pk
        assert not rm.Score.objects.filter(panel_member=someone_else).exists()

    def test_a_register_member_with_a_login_records_their_own(self):
        login = UserFactory(roles=[Role.PARTICIPANT])
        person = ParticipantFactory(user=login)
        app = ApplicationFactory()
        made = interview(app, panel=[{"participant": person}])
        criterion = _criterion(app.vacancy)
        client = client_for_user(login)
        response = client.post(
            SCORES, {"interview": made.pk, "criterion": criterion.pk, "score": 5}, format="json"
        )
        assert response.status_code == 201, response.content
        assert response.json()["panel_member"]["id"] == made.panel.get().pk
        assert [r["id"] for r in client.get(SCORES).json()["results"]] == [response.json()["id"]]

    def test_hr_records_for_a_register_member_without_a_login_only(self):
        made, _, colleague, no_login, criterion = self._setup()
        hr = _client(Role.HR)
        seat = made.panel.get(participant=no_login)
        body = {"interview": made.pk, "criterion": criterion.pk, "score": 3, "panel_member": seat.pk}
        assert hr.post(SCORES, body, format="json").status_code == 201
        body["panel_member"] = made.panel.get(user=colleague).pk
        response = hr.post(SCORES, body, format="json")
        assert response.status_code == 400
        assert "panel_member" in response.json()["errors"]
        assert rm.Score.objects.count() == 1

    @pytest.mark.parametrize("value", [0, 6, -1, 1000])
    def test_a_score_out_of_range_is_400_naming_score(self, value):
        made, staff, _, _, criterion = self._setup()
        response = client_for_user(staff).post(
            SCORES, {"interview": made.pk, "criterion": criterion.pk, "score": value}, format="json"
        )
        assert response.status_code == 400
        assert "score" in response.json()["errors"]
        assert rm.Score.objects.count() == 0

    def test_after_the_outcome_scores_are_409(self):
        made, staff, _, _, criterion = self._setup()
        services.interview_record_outcome(interview=made, outcome="appointable", by=hr_user())
        response = client_for_user(staff).post(
            SCORES, {"interview": made.pk, "criterion": criterion.pk, "score": 3}, format="json"
        )
        assert response.status_code == 409
        assert rm.Score.objects.count() == 0

    def test_someone_not_on_the_panel_cannot_score(self):
        made, _, _, _, criterion = self._setup()
        outsider = UserFactory(roles=[Role.PEER_WORKER])
        interview(panel=[{"user": outsider, "lived_experience": True}])  # on another panel only
        response = client_for_user(outsider).post(
            SCORES, {"interview": made.pk, "criterion": criterion.pk, "score": 3}, format="json"
        )
        assert response.status_code == 400
        assert "interview" in response.json()["errors"]
        assert rm.Score.objects.count() == 0

    def test_who_reads_which_scores(self):
        made, staff, colleague, _, criterion = self._setup()
        mine = services.score_record(
            interview=made, panel_member=made.panel.get(user=staff), criterion=criterion, score=4, by=staff
        )
        theirs = services.score_record(
            interview=made,
            panel_member=made.panel.get(user=colleague),
            criterion=criterion,
            score=2,
            by=colleague,
        )
        elsewhere = TestScoreResource().make_object()
        staff_client = client_for_user(staff)
        assert [r["id"] for r in staff_client.get(SCORES).json()["results"]] == [mine.pk]
        assert staff_client.get(f"{SCORES}{theirs.pk}/").status_code == 404
        manager = client_for_user(made.application.vacancy.hiring_manager)
        assert sorted(r["id"] for r in manager.get(SCORES).json()["results"]) == sorted([mine.pk, theirs.pk])
        assert manager.get(f"{SCORES}{elsewhere.pk}/").status_code == 404
        # The hiring manager reads them but does not change them; a member changes only their own.
        assert manager.patch(f"{SCORES}{mine.pk}/", {"score": 1}, format="json").status_code == 403
        assert staff_client.patch(f"{SCORES}{theirs.pk}/", {"score": 5}, format="json").status_code == 404
        assert staff_client.patch(f"{SCORES}{mine.pk}/", {"score": 5}, format="json").status_code == 200
        assert sorted(rm.Score.objects.values_list("score", flat=True)) == [2, 3, 5]
