"""Offers over the API: HR makes and answers them, the hiring manager reads, posts are never overbooked."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from recruitment import models as rm
from tests.api.battery import ResourceBattery, _client
from tests.conftest import client_for_user
from tests.factories import UserFactory
from tests.recruitment.factories import ApplicationFactory, VacancyFactory, move_to
from tests.recruitment.late_stage import clear_checks, interview, offer

pytestmark = pytest.mark.django_db

LIST = "/api/v1/recruitment/offers/"


def _payload(app, **overrides):
    body = {
        "application": app.pk,
        "start_date": (timezone.localdate() + dt.timedelta(days=28)).isoformat(),
        "salary_point": "Band 3, step 1",
        "annual_salary": "24071.00",
    }
    body.update(overrides)
    return body


def _action(obj, name: str) -> str:
    return reverse(f"api:offer-{name}", kwargs={"pk": obj.pk})


class TestOfferResource(ResourceBattery):
    basename = "offer"
    reader_role = Role.HR
    writer_role = Role.HR
    forbidden_role = Role.LINE_MANAGER
    hidden_from_role = Role.LINE_MANAGER

    def make_object(self):
        return offer()

    def create_payload(self):
        return _payload(move_to(ApplicationFactory(), "offer"))

    def update_payload(self, obj):
        return {"salary_point": "Band 4, step 2"}

    def test_update(self):
        """An offer is not edited (withdraw it and make another): PATCH is not offered at all."""
        obj = self.make_object()
        response = _client(self.writer_role).patch(
            self.detail_url(obj), self.update_payload(obj), format="json"
        )
        assert response.status_code == 405
        obj.refresh_from_db()
        assert obj.salary_point == "Band 3, step 1"

    def test_change_forbidden_for_wrong_role(self):
        obj = self.make_object()
        client = _client(self.forbidden_role)
        assert client.patch(self.detail_url(obj), self.update_payload(obj), format="json").status_code == 405
        assert client.delete(self.detail_url(obj)).status_code == 404
        assert client.post(_action(obj, "withdraw")).status_code == 404
        obj.refresh_from_db()
        assert obj.status == "made"

    def test_delete(self):
        """Offers are kept on record: a delete is refused (withdraw instead) and the row stays."""
        obj = self.make_object()
        response = _client(self.writer_role).delete(self.detail_url(obj))
        assert response.status_code == 409
        assert "withdraw" in response.json()["detail"]
        assert rm.Offer.objects.filter(pk=obj.pk, status="made").exists()


class TestMaking:
    def test_hr_makes_it_and_the_hiring_manager_cannot(self):
        app = move_to(ApplicationFactory(), "offer")
        manager = client_for_user(app.vacancy.hiring_manager)
        assert manager.post(LIST, _payload(app), format="json").status_code == 403
        assert not rm.Offer.objects.exists()
        response = _client(Role.HR).post(LIST, _payload(app), format="json")
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["status"] == "made" and body["vacancy"]["id"] == app.vacancy_id
        assert body["made_by"]["id"]

    @pytest.mark.parametrize("status", ["filled", "withdrawn"])
    def test_no_offer_on_a_filled_or_withdrawn_vacancy(self, status):
        app = move_to(ApplicationFactory(), "offer")
        rm.Vacancy.objects.filter(pk=app.vacancy_id).update(status=status)
        response = _client(Role.HR).post(LIST, _payload(app), format="json")
        assert response.status_code == 409
        assert "vacancy" in response.json()["errors"]
        assert status in response.json()["detail"]
        assert not rm.Offer.objects.exists()

    def test_no_offer_for_more_posts_than_remain(self):
        vacancy = VacancyFactory(posts=1)
        offer(ApplicationFactory(vacancy=vacancy))
        response = _client(Role.HR).post(LIST, _payload(ApplicationFactory(vacancy=vacancy)), format="json")
        assert response.status_code == 409
        message = "All 1 post(s) for this vacancy are already offered or filled."
        assert response.json()["detail"] == message
        assert response.json()["errors"] == {"application": [message]}
        assert rm.Offer.objects.count() == 1

    def test_a_second_live_offer_to_the_same_person_is_409(self):
        made = offer(ApplicationFactory(vacancy=VacancyFactory(posts=2)))
        response = _client(Role.HR).post(LIST, _payload(made.application), format="json")
        assert response.status_code == 409
        assert rm.Offer.objects.count() == 1

    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"salary_point": ""}, "salary_point"),
            ({"annual_salary": "-1"}, "annual_salary"),
            ({"start_date": "2001-01-01"}, "start_date"),
            ({"start_date": "soon"}, "start_date"),
            ({"application": 999999}, "application"),
        ],
    )
    def test_bad_input_is_400_naming_the_field(self, change, field):
        app = move_to(ApplicationFactory(), "offer")
        response = _client(Role.HR).post(LIST, _payload(app, **change), format="json")
        assert response.status_code == 400
        assert field in response.json()["errors"]
        assert not rm.Offer.objects.exists()


class TestAnswering:
    def test_accepting_opens_the_six_checks(self):
        made = offer()
        response = _client(Role.HR).post(_action(made, "accept"))
        assert response.status_code == 200, response.content
        assert response.json()["status"] == "accepted"
        kinds = set(made.application.checks.values_list("kind", flat=True))
        assert kinds == set(rm.CheckKind.values)

    def test_declining_frees_the_post_and_opens_no_checks(self):
        made = offer()
        response = _client(Role.HR).post(_action(made, "decline"))
        assert response.json()["status"] == "declined"
        assert not rm.PreEmploymentCheck.objects.exists()
        again = _client(Role.HR).post(_action(made, "accept"))
        assert again.status_code == 409
        made.refresh_from_db()
        assert made.status == "declined"

    def test_accepted_the_application_is_at_the_checks_and_is_hired_without_a_move_by_hand(self):
        made = offer()
        hr = client_for_user(UserFactory(roles=[Role.HR]))
        assert hr.post(_action(made, "accept")).status_code == 200
        application = reverse("api:application-detail", kwargs={"pk": made.application_id})
        assert hr.get(application).json()["stage"]["code"] == "checks"
        moves = hr.get("/api/v1/recruitment/stage-moves/", {"application": made.application_id}).json()
        last = moves["results"][-1]
        assert (last["to_stage"]["code"], last["by"]["id"], last["reason"]) == (
            "checks",
            hr.user.pk,
            "Offer accepted",
        )
        clear_checks(made.application)
        hire = reverse("api:application-hire", kwargs={"pk": made.application_id})
        response = hr.post(hire, {"employee_number": "E-ACCEPTED-1"}, format="json")
        assert response.status_code == 201, response.content
        assert hr.get(application).json()["stage"]["code"] == "hired"

    def test_declined_the_application_ends_as_withdrawn(self):
        made = offer()
        hr = _client(Role.HR)
        assert hr.post(_action(made, "decline")).status_code == 200
        application = hr.get(reverse("api:application-detail", kwargs={"pk": made.application_id})).json()
        assert application["stage"]["code"] == "withdrawn"

    def test_withdrawing(self):
        made = offer()
        response = _client(Role.HR).post(_action(made, "withdraw"))
        assert response.json()["status"] == "withdrawn"
        assert _client(Role.HR).post(_action(made, "withdraw")).status_code == 409

    @pytest.mark.parametrize("name", ["accept", "decline", "withdraw"])
    def test_the_hiring_manager_reads_but_cannot_answer(self, name):
        made = offer()
        manager = client_for_user(made.application.vacancy.hiring_manager)
        assert manager.get(f"{LIST}{made.pk}/").status_code == 200
        assert [row["id"] for row in manager.get(LIST).json()["results"]] == [made.pk]
        assert manager.post(_action(made, name)).status_code == 403
        made.refresh_from_db()
        assert made.status == "made"

    def test_a_panel_member_does_not_see_offers(self):
        staff = UserFactory(roles=[Role.PEER_WORKER])
        app = move_to(ApplicationFactory(), "interview")
        interview(app, panel=[{"user": staff, "lived_experience": True}])
        made = offer(app)
        client = client_for_user(staff)
        assert client.get(f"{LIST}{made.pk}/").status_code == 404
        assert client.get(LIST).json()["results"] == []

    def test_filters(self):
        first, second = offer(), offer()
        hr = _client(Role.HR)
        rows = hr.get(LIST, {"vacancy": first.application.vacancy_id}).json()["results"]
        assert [r["id"] for r in rows] == [first.pk]
        rows = hr.get(LIST, {"status": "made", "application": second.application_id}).json()["results"]
        assert [r["id"] for r in rows] == [second.pk]
        assert hr.get(LIST, {"colour": "red"}).status_code == 400
