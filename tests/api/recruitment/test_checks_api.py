"""Pre-employment checks and the hire over the API: HR works them, the hiring manager follows them."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from peers.models import PeerWorker
from recruitment import models as rm
from tests.api.battery import ResourceBattery, _client
from tests.conftest import client_for_user
from tests.factories import ParticipantFactory, UserFactory
from tests.peers.factories import PeerWorkerFactory
from tests.recruitment.factories import ApplicationFactory, VacancyFactory
from tests.recruitment.late_stage import accepted, clear_checks, interview

pytestmark = pytest.mark.django_db

LIST = "/api/v1/recruitment/checks/"


def _detail(check) -> str:
    return reverse("api:pre-employment-check-detail", kwargs={"pk": check.pk})


def _hire_url(application) -> str:
    return reverse("api:application-hire", kwargs={"pk": application.pk})


class TestPreEmploymentCheckResource(ResourceBattery):
    basename = "pre-employment-check"
    reader_role = Role.HR
    writer_role = Role.HR
    forbidden_role = Role.LINE_MANAGER
    hidden_from_role = Role.LINE_MANAGER

    def make_object(self):
        return accepted().checks.get(kind="identity")

    def create_payload(self):
        return {"application": accepted().pk, "kind": "identity"}

    def update_payload(self, obj):
        return {"status": "in_progress", "notes": "Passport seen; awaiting utility bill."}

    def test_create(self):
        """Checks are opened by accepting an offer: there is no POST, and nothing is written."""
        payload = self.create_payload()
        before = rm.PreEmploymentCheck.objects.count()
        response = _client(self.writer_role).post(self.list_url(), payload, format="json")
        assert response.status_code == 405
        assert rm.PreEmploymentCheck.objects.count() == before

    def test_create_forbidden_for_wrong_role(self):
        payload = self.create_payload()
        before = rm.PreEmploymentCheck.objects.count()
        response = _client(self.forbidden_role).post(self.list_url(), payload, format="json")
        assert response.status_code == 405
        assert set(response.json()) == {"detail", "errors"}
        assert rm.PreEmploymentCheck.objects.count() == before

    def test_delete(self):
        """Checks are kept on record: a delete is refused (409) and the row stays."""
        obj = self.make_object()
        response = _client(self.writer_role).delete(self.detail_url(obj))
        assert response.status_code == 409
        assert rm.PreEmploymentCheck.objects.filter(pk=obj.pk).exists()


class TestChecks:
    def test_clearing_dbs_records_when_the_recheck_is_due(self):
        app = accepted()
        dbs = app.checks.get(kind="dbs")
        issued = timezone.localdate() - dt.timedelta(days=3)
        response = _client(Role.HR).patch(
            _detail(dbs), {"status": "clear", "dbs_certificate_date": issued.isoformat()}, format="json"
        )
        assert response.status_code == 200, response.content
        assert response.json()["recheck_due"] == (issued + relativedelta(years=3)).isoformat()

    @override_settings(RECRUITMENT_DBS_RECHECK_YEARS=2)
    def test_the_recheck_interval_follows_the_setting(self):
        dbs = accepted().checks.get(kind="dbs")
        issued = timezone.localdate()
        response = _client(Role.HR).patch(
            _detail(dbs), {"dbs_certificate_date": issued.isoformat()}, format="json"
        )
        assert response.json()["recheck_due"] == (issued + relativedelta(years=2)).isoformat()
        dbs.refresh_from_db()
        assert dbs.recheck_due == issued + relativedelta(years=2)

    def test_recheck_due_is_not_written_directly(self):
        dbs = accepted().checks.get(kind="dbs")
        response = _client(Role.HR).patch(_detail(dbs), {"recheck_due": "2099-01-01"}, format="json")
        assert response.status_code == 200
        dbs.refresh_from_db()
        assert dbs.recheck_due is None

    @pytest.mark.parametrize(
        ("kind", "body", "field"),
        [
            ("dbs", {"status": "clear"}, "dbs_certificate_date"),  # no certificate date
            ("identity", {"dbs_certificate_date": "2024-01-01"}, "dbs_certificate_date"),
            ("dbs", {"dbs_certificate_date": "2999-01-01"}, "dbs_certificate_date"),
            ("identity", {"status": "done"}, "status"),
        ],
    )
    def test_bad_input_is_400_naming_the_field_and_nothing_changes(self, kind, body, field):
        check = accepted().checks.get(kind=kind)
        response = _client(Role.HR).patch(_detail(check), body, format="json")
        assert response.status_code == 400
        assert field in response.json()["errors"]
        check.refresh_from_db()
        assert (check.status, check.dbs_certificate_date) == ("not_started", None)

    def test_not_required(self):
        check = accepted().checks.get(kind="registration")
        response = _client(Role.HR).patch(_detail(check), {"required": False}, format="json")
        assert response.json()["status"] == "not_required"

    def test_the_hiring_manager_reads_but_cannot_change(self):
        app = accepted()
        manager = client_for_user(app.vacancy.hiring_manager)
        rows = manager.get(LIST, {"application": app.pk}).json()["results"]
        assert len(rows) == 6
        check = app.checks.get(kind="identity")
        assert manager.get(_detail(check)).status_code == 200
        response = manager.patch(_detail(check), {"status": "clear"}, format="json")
        assert response.status_code == 403
        assert manager.delete(_detail(check)).status_code == 403
        check.refresh_from_db()
        assert check.status == "not_started"

    def test_a_panel_member_does_not_see_checks(self):
        staff = UserFactory(roles=[Role.PEER_WORKER])
        app = ApplicationFactory()
        interview(app, panel=[{"user": staff, "lived_experience": True}])
        app = accepted(app)
        client = client_for_user(staff)
        assert client.get(LIST).json()["results"] == []
        assert client.get(_detail(app.checks.first())).status_code == 404

    def test_filter_recheck_due_before(self):
        app = accepted()
        dbs = app.checks.get(kind="dbs")
        _client(Role.HR).patch(
            _detail(dbs),
            {"dbs_certificate_date": (timezone.localdate() - relativedelta(years=3)).isoformat()},
        )
        rows = _client(Role.HR).get(LIST, {"recheck_due_before": timezone.localdate().isoformat()})
        assert [r["id"] for r in rows.json()["results"]] == [dbs.pk]


class TestHire:
    def _counts(self):
        return (PeerWorker.objects.count(), User.objects.count(), rm.StageMove.objects.count())

    def test_outstanding_checks_are_named_and_nothing_is_written(self):
        app = accepted()
        clear_checks(app, leave=("right_to_work", "dbs"))
        hr = _client(Role.HR)
        before, stage = self._counts(), app.stage_id
        response = hr.post(_hire_url(app), {"employee_number": "E300"}, format="json")
        assert response.status_code == 409
        assert "Not clear yet: Right to work, Criminal record check (DBS)" in response.json()["detail"]
        assert list(response.json()["errors"]) == ["checks"]
        assert self._counts() == before
        app.refresh_from_db()
        assert app.stage_id == stage and app.hired_worker is None

    def test_hr_hires_and_the_peer_worker_is_made_from_the_vacancy_and_offer(self):
        vacancy = VacancyFactory(posts=1)
        app = accepted(ApplicationFactory(vacancy=vacancy), start_in_days=10)
        clear_checks(app)
        response = _client(Role.HR).post(_hire_url(app), {"employee_number": "E301"}, format="json")
        assert response.status_code == 201, response.content
        body = response.json()
        start = app.offers.get().start_date
        assert body["employee_number"] == "E301"
        assert body["level"]["id"] == vacancy.level_id and body["band"] == vacancy.band
        assert body["team"]["id"] == vacancy.team_id
        assert body["line_manager"]["id"] == vacancy.hiring_manager_id
        assert body["start_date"] == start.isoformat()
        assert body["probation_review_date"] == (start + relativedelta(months=6)).isoformat()
        assert body["status"] == "pre_start"
        app.refresh_from_db()
        vacancy.refresh_from_db()
        assert app.stage.code == "hired" and app.hired_worker_id == body["id"]
        move = app.moves.get(to_stage__code="hired")
        assert move.from_stage.code == "checks"
        assert vacancy.status == "filled"

    def test_the_vacancy_stays_open_until_every_post_is_hired(self):
        vacancy = VacancyFactory(posts=2)
        app = accepted(ApplicationFactory(vacancy=vacancy))
        clear_checks(app)
        assert _client(Role.HR).post(_hire_url(app), {"employee_number": "E302"}).status_code == 201
        vacancy.refresh_from_db()
        assert vacancy.status == "open"

    def test_an_applicant_with_a_participant_login_keeps_their_roles(self):
        login = UserFactory(roles=[Role.PARTICIPANT])
        person = ParticipantFactory(user=login)
        app = accepted(
            ApplicationFactory(participant=person, source="involvement_register", email=login.email)
        )
        clear_checks(app)
        users = User.objects.count()
        response = _client(Role.HR).post(_hire_url(app), {"employee_number": "E303"}, format="json")
        assert response.status_code == 201, response.content
        assert response.json()["user"]["id"] == login.pk
        assert User.objects.count() == users + 1  # the HR user making the call, no new account
        login = User.objects.get(pk=login.pk)
        assert login.has_role(Role.PARTICIPANT) and login.has_role(Role.PEER_WORKER)

    def test_an_application_with_a_staff_members_address_is_409_and_leaves_their_account_alone(self):
        staff = UserFactory(roles=[Role.FINANCE], email="finance.officer@test.example")
        app = accepted(ApplicationFactory(email=staff.email))
        clear_checks(app)
        hr = _client(Role.HR)
        before, stage = self._counts(), app.stage_id
        response = hr.post(_hire_url(app), {"employee_number": "E308"}, format="json")
        assert response.status_code == 409, response.content
        assert list(response.json()["errors"]) == ["user"]
        assert "already belongs to an account" in response.json()["detail"]
        assert self._counts() == before
        assert not PeerWorker.objects.filter(user=staff).exists()
        assert not User.objects.get(pk=staff.pk).has_role(Role.PEER_WORKER)
        app.refresh_from_db()
        assert app.stage_id == stage and app.hired_worker is None

    def test_hr_names_the_applicants_own_account_to_hire_them_into_it(self):
        returning = UserFactory(roles=[Role.PARTICIPANT])
        app = accepted(ApplicationFactory(email=returning.email))
        clear_checks(app)
        body = {"employee_number": "E309", "user": returning.pk}
        response = _client(Role.HR).post(_hire_url(app), body, format="json")
        assert response.status_code == 201, response.content
        assert response.json()["user"]["id"] == returning.pk
        assert User.objects.get(pk=returning.pk).has_role(Role.PEER_WORKER)

    def test_an_unknown_account_is_400_naming_user(self):
        app = accepted()
        clear_checks(app)
        body = {"employee_number": "E310", "user": 999999}
        response = _client(Role.HR).post(_hire_url(app), body, format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["user"]
        assert not PeerWorker.objects.exists()

    def test_a_used_employee_number_is_400_and_undoes_the_whole_hire(self):
        PeerWorkerFactory(employee_number="E304")
        app = accepted()
        clear_checks(app)
        hr = _client(Role.HR)
        before, stage = self._counts(), app.stage_id
        response = hr.post(_hire_url(app), {"employee_number": "E304"}, format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["employee_number"]
        assert self._counts() == before
        assert not User.objects.filter(email=app.email).exists()
        app.refresh_from_db()
        assert app.stage_id == stage and app.hired_worker is None

    def test_a_missing_employee_number_is_400(self):
        app = accepted()
        clear_checks(app)
        response = _client(Role.HR).post(_hire_url(app), {}, format="json")
        assert response.status_code == 400
        assert "employee_number" in response.json()["errors"]
        assert not PeerWorker.objects.exists()

    def test_the_hiring_manager_gets_403_and_others_404(self):
        app = accepted()
        clear_checks(app)
        body = {"employee_number": "E305"}
        assert client_for_user(app.vacancy.hiring_manager).post(_hire_url(app), body).status_code == 403
        for role in (Role.LINE_MANAGER, Role.PEER_WORKER, Role.PARTICIPANT):
            assert _client(role).post(_hire_url(app), body).status_code == 404
        assert (
            _client(Role.HR).post(reverse("api:application-hire", kwargs={"pk": 999999}), body).status_code
            == 404
        )
        assert not PeerWorker.objects.exists()
        app.refresh_from_db()
        assert app.stage.code == "checks"

    def test_hiring_twice_is_409(self):
        app = accepted()
        clear_checks(app)
        hr = _client(Role.HR)
        assert hr.post(_hire_url(app), {"employee_number": "E306"}).status_code == 201
        assert hr.post(_hire_url(app), {"employee_number": "E307"}).status_code == 409
        assert PeerWorker.objects.count() == 1
