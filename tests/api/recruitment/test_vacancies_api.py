"""Vacancies, criteria and the pipeline board over the API: who sees what, bad dates, deleting, filters."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from recruitment import services
from recruitment.models import Application, Criterion, Vacancy, VacancyStage
from tests.api.battery import ResourceBattery
from tests.conftest import client_for_user
from tests.factories import ParticipantFactory, TeamFactory, UserFactory
from tests.peers.factories import _level
from tests.recruitment.factories import ApplicationFactory, VacancyFactory, move_to

NOW = timezone.now()
_n = itertools.count(1)


def url(name: str, pk: int | None = None) -> str:
    return reverse(f"api:{name}", kwargs={"pk": pk} if pk else None)


def iso(moment: dt.datetime) -> str:
    return moment.isoformat()


def vacancy_payload(**overrides) -> dict:
    payload = {
        "title": f"Peer support worker {next(_n)}",
        "level": _level().pk,
        "team": TeamFactory().pk,
        "hiring_manager": UserFactory(roles=[Role.LINE_MANAGER]).pk,
        "posts": 2,
        "lived_experience_criteria": "Lived experience of mental health challenges and recovery.",
        "advert_text": "Join our team.",
        "opens_at": iso(NOW + dt.timedelta(days=1)),
        "closes_at": iso(NOW + dt.timedelta(days=29)),
    }
    payload.update(overrides)
    return payload


class TestVacancyResource(ResourceBattery):
    basename = "vacancy"
    reader_role = Role.HR
    writer_role = Role.HR
    forbidden_role = Role.LINE_MANAGER
    hidden_from_role = Role.LINE_MANAGER

    def make_object(self) -> Vacancy:
        return VacancyFactory()

    def create_payload(self) -> dict:
        return vacancy_payload()

    def update_payload(self, obj: Vacancy) -> dict:
        return {"title": f"Senior peer support worker {next(_n)}", "posts": 3}

    def test_delete(self):
        # A draft nobody applied to goes; a vacancy that was advertised is withdrawn instead (409).
        client = client_for_user(UserFactory(roles=[Role.HR]))
        draft = VacancyFactory(status=Vacancy.Status.DRAFT)
        assert client.delete(self.detail_url(draft)).status_code == 204
        assert not Vacancy.objects.filter(pk=draft.pk).exists()
        assert not VacancyStage.objects.filter(vacancy_id=draft.pk).exists()

        for vacancy in (VacancyFactory(), ApplicationFactory().vacancy):
            response = client.delete(self.detail_url(vacancy))
            assert response.status_code == 409, response.content
            assert "withdraw" in response.json()["detail"]
            assert Vacancy.objects.filter(pk=vacancy.pk).exists()


class TestCriterionResource(ResourceBattery):
    basename = "criterion"
    reader_role = Role.HR
    writer_role = Role.HR
    forbidden_role = Role.PEER_WORKER
    hidden_from_role = Role.LINE_MANAGER

    def make_object(self) -> Criterion:
        return services.criterion_create(
            vacancy=VacancyFactory(), name="Uses their own experience well", by=UserFactory(roles=[Role.HR])
        )

    def create_payload(self) -> dict:
        return {"vacancy": VacancyFactory().pk, "name": "Listening", "max_score": 5, "order": 1}

    def update_payload(self, obj: Criterion) -> dict:
        return {"name": "Listening without judging", "max_score": 10}


@pytest.fixture
def hr(db):
    return client_for_user(UserFactory(roles=[Role.HR]))


@pytest.mark.django_db
class TestVacancyRules:
    def test_created_as_a_draft_with_the_default_stages(self, hr):
        response = hr.post(url("vacancy-list"), vacancy_payload())
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["status"] == "draft"
        assert body["band"] == _level().band
        assert [s["code"] for s in body["stages"]][:3] == ["applied", "shortlisted", "interview"]
        assert body["template"]["display"] == "Standard"

    @pytest.mark.parametrize("closes", [dt.timedelta(days=-1), dt.timedelta(0)])
    def test_closing_before_opening_is_refused_naming_closes_at(self, hr, closes):
        opens = NOW + dt.timedelta(days=5)
        before = (Vacancy.objects.count(), VacancyStage.objects.count())
        response = hr.post(
            url("vacancy-list"), vacancy_payload(opens_at=iso(opens), closes_at=iso(opens + closes))
        )
        assert response.status_code == 400, response.content
        assert list(response.json()["errors"]) == ["closes_at"]
        assert (Vacancy.objects.count(), VacancyStage.objects.count()) == before

    def test_moving_the_closing_date_before_the_opening_date_is_refused(self, hr):
        vacancy = VacancyFactory()
        response = hr.patch(url("vacancy-detail", vacancy.pk), {"closes_at": iso(vacancy.opens_at)})
        assert response.status_code == 400
        assert "closes_at" in response.json()["errors"]
        response = hr.patch(
            url("vacancy-detail", vacancy.pk), {"opens_at": iso(vacancy.closes_at + dt.timedelta(hours=1))}
        )
        assert response.status_code == 400
        assert "closes_at" in response.json()["errors"]
        closes = vacancy.closes_at
        vacancy.refresh_from_db()
        assert vacancy.closes_at == closes

    def test_a_hiring_manager_must_be_a_line_manager(self, hr):
        before = Vacancy.objects.count()
        payload = vacancy_payload(hiring_manager=UserFactory(roles=[Role.PEER_WORKER]).pk)
        response = hr.post(url("vacancy-list"), payload)
        assert response.status_code == 400
        assert "hiring_manager" in response.json()["errors"]
        assert Vacancy.objects.count() == before

    def test_open_close_and_withdraw(self, hr):
        vacancy = VacancyFactory(status=Vacancy.Status.DRAFT)
        response = hr.post(url("vacancy-open", vacancy.pk))
        assert (response.status_code, response.json()["status"]) == (200, "open")
        response = hr.post(url("vacancy-close", vacancy.pk))
        assert (response.status_code, response.json()["status"]) == (200, "closed")
        assert response.json()["closed_at"]
        response = hr.post(url("vacancy-open", vacancy.pk))
        assert response.status_code == 409
        assert "status" in response.json()["errors"]
        response = hr.post(url("vacancy-withdraw", vacancy.pk))
        assert (response.status_code, response.json()["status"]) == (200, "withdrawn")
        response = hr.patch(url("vacancy-detail", vacancy.pk), {"title": "Too late"})
        assert response.status_code == 409
        vacancy.refresh_from_db()
        assert vacancy.title != "Too late"

    def test_closing_a_draft_is_refused_and_nothing_changes(self, hr):
        vacancy = VacancyFactory(status=Vacancy.Status.DRAFT)
        response = hr.post(url("vacancy-close", vacancy.pk))
        assert response.status_code == 409
        vacancy.refresh_from_db()
        assert (vacancy.status, vacancy.closed_at) == ("draft", None)

    def test_opening_after_the_closing_date_is_refused_naming_closes_at(self, hr):
        vacancy = VacancyFactory(
            status=Vacancy.Status.DRAFT,
            opens_at=NOW - dt.timedelta(days=10),
            closes_at=NOW - dt.timedelta(days=1),
        )
        response = hr.post(url("vacancy-open", vacancy.pk))
        assert response.status_code == 400
        assert "closes_at" in response.json()["errors"]
        vacancy.refresh_from_db()
        assert vacancy.status == "draft"


@pytest.mark.django_db
class TestVacancyPermissions:
    def test_a_hiring_manager_reads_their_own_and_changes_nothing(self):
        manager = UserFactory(roles=[Role.LINE_MANAGER])
        own, other = VacancyFactory(hiring_manager=manager), VacancyFactory()
        client = client_for_user(manager)
        assert [row["id"] for row in client.get(url("vacancy-list")).json()["results"]] == [own.pk]
        assert client.get(url("vacancy-detail", own.pk)).status_code == 200
        assert client.get(url("vacancy-pipeline", own.pk)).status_code == 200
        assert client.get(url("vacancy-detail", other.pk)).status_code == 404
        assert client.get(url("vacancy-pipeline", other.pk)).status_code == 404
        # HR owns the advert and its dates.
        assert client.patch(url("vacancy-detail", own.pk), {"title": "Mine now"}).status_code == 403
        assert client.post(url("vacancy-close", own.pk)).status_code == 403
        assert client.delete(url("vacancy-detail", own.pk)).status_code == 403
        assert client.post(url("vacancy-close", other.pk)).status_code == 404
        own.refresh_from_db()
        assert (own.title, own.status) != ("Mine now", "closed")

    @pytest.mark.parametrize(
        "role",
        [Role.LINE_MANAGER, Role.INVOLVEMENT_LEAD, Role.BOARD_MEMBER, Role.PEER_WORKER, Role.PARTICIPANT],
    )
    def test_other_roles_see_no_vacancy(self, role):
        vacancy = VacancyFactory()
        client = client_for_user(UserFactory(roles=[role]))
        assert client.get(url("vacancy-list")).json()["results"] == []
        assert client.get(url("vacancy-detail", vacancy.pk)).status_code == 404
        assert client.get(url("vacancy-pipeline", vacancy.pk)).status_code == 404

    def test_a_panel_member_does_not_see_the_vacancy(self):
        application = move_to(ApplicationFactory(), "interview")
        panellist = UserFactory(roles=[Role.PEER_WORKER])
        start = NOW + dt.timedelta(days=3)
        services.interview_schedule(
            application=application,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=1),
            panel=[{"user": panellist, "lived_experience": True}],
            by=UserFactory(roles=[Role.HR]),
        )
        client = client_for_user(panellist)
        assert client.get(url("vacancy-detail", application.vacancy_id)).status_code == 404
        assert client.get(url("vacancy-pipeline", application.vacancy_id)).status_code == 404


@pytest.mark.django_db
class TestCriteria:
    def test_the_hiring_manager_writes_criteria_for_their_own_vacancy_only(self):
        manager = UserFactory(roles=[Role.LINE_MANAGER])
        own, other = VacancyFactory(hiring_manager=manager), VacancyFactory()
        client = client_for_user(manager)
        response = client.post(url("criterion-list"), {"vacancy": own.pk, "name": "Hope", "max_score": 4})
        assert response.status_code == 201, response.content
        criterion_id = response.json()["id"]
        assert client.patch(url("criterion-detail", criterion_id), {"order": 2}).status_code == 200

        before = Criterion.objects.count()
        response = client.post(url("criterion-list"), {"vacancy": other.pk, "name": "Hope"})
        assert response.status_code == 400
        assert "vacancy" in response.json()["errors"]
        assert Criterion.objects.count() == before

        theirs = services.criterion_create(vacancy=other, name="Theirs", by=manager)
        assert client.get(url("criterion-detail", theirs.pk)).status_code == 404
        assert client.delete(url("criterion-detail", criterion_id)).status_code == 204

    def test_a_score_out_of_the_allowed_range_is_refused(self, hr):
        before = Criterion.objects.count()
        response = hr.post(
            url("criterion-list"), {"vacancy": VacancyFactory().pk, "name": "Hope", "max_score": 0}
        )
        assert response.status_code == 400
        assert "max_score" in response.json()["errors"]
        assert Criterion.objects.count() == before

    def test_the_vacancy_shows_its_criteria_in_order(self, hr):
        vacancy = VacancyFactory()
        by = UserFactory(roles=[Role.HR])
        services.criterion_create(vacancy=vacancy, name="Second", order=2, by=by)
        services.criterion_create(vacancy=vacancy, name="First", order=1, by=by)
        body = hr.get(url("vacancy-detail", vacancy.pk)).json()
        assert [c["name"] for c in body["criteria"]] == ["First", "Second"]
        rows = hr.get(url("criterion-list"), {"vacancy": vacancy.pk}).json()["results"]
        assert [row["name"] for row in rows] == ["First", "Second"]


@pytest.mark.django_db
class TestVacancyFilters:
    def test_filters(self, hr):
        manager = UserFactory(roles=[Role.LINE_MANAGER])
        team = TeamFactory()
        early = VacancyFactory(
            hiring_manager=manager,
            team=team,
            lived_experience_role=False,
            opens_at=NOW - dt.timedelta(days=60),
            closes_at=NOW - dt.timedelta(days=30),
            status=Vacancy.Status.CLOSED,
        )
        late = VacancyFactory(team=team, status=Vacancy.Status.DRAFT, opens_at=NOW + dt.timedelta(days=5))

        def ids(**params) -> set[int]:
            response = hr.get(url("vacancy-list"), params)
            assert response.status_code == 200, response.content
            return {row["id"] for row in response.json()["results"]}

        assert ids(team=team.pk) == {early.pk, late.pk}
        assert ids(status="closed") == {early.pk}
        assert ids(hiring_manager=manager.pk) == {early.pk}
        assert ids(lived_experience_role="false") == {early.pk}
        assert ids(team=team.pk, opens_after=iso(NOW)) == {late.pk}
        assert ids(team=team.pk, opens_before=iso(NOW)) == {early.pk}
        assert ids(team=team.pk, closes_before=iso(NOW)) == {early.pk}
        assert ids(team=team.pk, closes_after=iso(NOW)) == {late.pk}
        assert early.pk in ids(level=early.level_id)
        response = hr.get(url("vacancy-list"), {"stauts": "open"})
        assert response.status_code == 400
        assert "stauts" in response.json()["errors"]


@pytest.mark.django_db
class TestPipelineBoard:
    def test_stages_in_order_with_their_cards_and_counts(self, hr):
        vacancy = VacancyFactory()
        waiting = ApplicationFactory(vacancy=vacancy, adjustments=["Step-free access", "Extra time"])
        shortlisted = move_to(ApplicationFactory(vacancy=vacancy), "shortlisted")
        person = ParticipantFactory()
        from_register = ApplicationFactory(vacancy=vacancy, source="involvement_register", participant=person)
        ApplicationFactory()  # another vacancy's: not on this board

        response = hr.get(url("vacancy-pipeline", vacancy.pk))
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["vacancy"]["id"] == vacancy.pk
        assert body["total"] == 3
        assert [s["code"] for s in body["stages"]] == [
            "applied",
            "shortlisted",
            "interview",
            "offer",
            "checks",
            "hired",
            "rejected",
            "withdrawn",
        ]
        by_code = {s["code"]: s for s in body["stages"]}
        assert by_code["applied"]["count"] == 2
        assert [c["id"] for c in by_code["applied"]["applications"]] == [waiting.pk, from_register.pk]
        card = by_code["applied"]["applications"][0]
        assert card == {
            "id": waiting.pk,
            "url": card["url"],
            "name": waiting.applicant_name,
            "source": "open_advert",
            "stage_entered_at": card["stage_entered_at"],
            "days_in_stage": 0,
            "adjustments_count": 2,
        }
        assert by_code["applied"]["applications"][1]["source"] == "involvement_register"
        assert [c["id"] for c in by_code["shortlisted"]["applications"]] == [shortlisted.pk]
        assert by_code["hired"]["count"] == 0 and by_code["hired"]["applications"] == []

    def test_days_in_stage_count_from_the_last_move(self, hr):
        application = ApplicationFactory()
        Application.objects.filter(pk=application.pk).update(
            stage_entered_at=NOW - dt.timedelta(days=9, hours=1)
        )
        body = hr.get(url("vacancy-pipeline", application.vacancy_id)).json()
        assert body["stages"][0]["applications"][0]["days_in_stage"] == 9

    def test_the_board_costs_the_same_queries_for_2_and_40_applications(self, hr):
        def board_queries(how_many: int) -> int:
            vacancy = VacancyFactory()
            for index in range(how_many):
                application = ApplicationFactory(vacancy=vacancy, adjustments=["Quiet room"])
                if index % 3 == 0:
                    move_to(application, "shortlisted")
            with CaptureQueriesContext(connection) as queries:
                response = hr.get(url("vacancy-pipeline", vacancy.pk))
            assert response.status_code == 200
            assert response.json()["total"] == how_many
            return len(queries)

        few, many = board_queries(2), board_queries(40)
        assert few == many, f"the board makes {many} queries for 40 applications and {few} for 2"
        assert many <= 8
