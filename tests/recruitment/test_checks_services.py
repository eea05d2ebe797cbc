"""Pre-employment checks and the hire they gate: the peer worker and the final move in one transaction."""

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from accounts.errors import NotPermitted
from accounts.models import User
from accounts.roles import Role
from peers.models import PeerWorker
from recruitment import models as rm
from recruitment import services
from recruitment.errors import RecruitmentConflict, RecruitmentError
from tests.factories import ParticipantFactory, UserFactory
from tests.peers.factories import PeerWorkerFactory
from tests.recruitment.factories import ApplicationFactory, VacancyFactory
from tests.recruitment.late_stage import accepted, clear_checks, hr_user

pytestmark = pytest.mark.django_db


def _check(application, kind):
    return application.checks.get(kind=kind)


class TestChecks:
    def test_dbs_recheck_is_due_three_years_after_the_certificate(self):
        app = accepted()
        issued = timezone.localdate() - dt.timedelta(days=10)
        check = services.check_update(
            check=_check(app, "dbs"), by=hr_user(), status="clear", dbs_certificate_date=issued
        )
        assert check.recheck_due == issued + relativedelta(years=3)

    @override_settings(RECRUITMENT_DBS_RECHECK_YEARS=2)
    def test_the_recheck_interval_is_a_setting(self):
        app = accepted()
        issued = timezone.localdate()
        check = services.check_update(check=_check(app, "dbs"), by=hr_user(), dbs_certificate_date=issued)
        assert check.recheck_due == issued + relativedelta(years=2)

    def test_dbs_cannot_clear_without_a_certificate_date(self):
        app = accepted()
        with pytest.raises(RecruitmentError) as refused:
            services.check_update(check=_check(app, "dbs"), by=hr_user(), status="clear")
        assert refused.value.field == "dbs_certificate_date"
        assert _check(app, "dbs").status == "not_started"

    def test_only_dbs_has_a_certificate_date(self):
        app = accepted()
        with pytest.raises(RecruitmentError) as refused:
            services.check_update(
                check=_check(app, "identity"), by=hr_user(), dbs_certificate_date=timezone.localdate()
            )
        assert refused.value.field == "dbs_certificate_date"

    def test_not_required_and_back_again(self):
        app = accepted()
        check = services.check_update(check=_check(app, "registration"), by=hr_user(), required=False)
        assert (check.required, check.status) == (False, "not_required")
        check = services.check_update(check=check, by=hr_user(), required=True)
        assert (check.required, check.status) == (True, "not_started")


class TestHire:
    def test_outstanding_checks_are_named_in_the_standards_order_and_nothing_is_written(self):
        app = accepted()
        clear_checks(app, leave=("right_to_work", "dbs"))
        users, stage = User.objects.count(), app.stage_id
        with pytest.raises(RecruitmentConflict) as refused:
            services.application_hire(application=app, employee_number="E100", by=hr_user())
        assert refused.value.message.endswith("Not clear yet: Right to work, Criminal record check (DBS).")
        assert refused.value.field == "checks"
        assert not PeerWorker.objects.exists()
        assert User.objects.count() == users + 1  # only the HR user the call made
        app.refresh_from_db()
        assert app.stage_id == stage

    def test_a_check_not_required_does_not_hold_up_the_hire(self):
        app = accepted()
        clear_checks(app, leave=("registration",))
        services.check_update(check=_check(app, "registration"), by=hr_user(), required=False)
        assert services.application_hire(application=app, employee_number="E101", by=hr_user()).pk

    def test_hire_needs_an_accepted_offer(self):
        app = ApplicationFactory()
        with pytest.raises(RecruitmentConflict) as refused:
            services.application_hire(application=app, employee_number="E102", by=hr_user())
        assert refused.value.field == "offer"

    def test_the_new_peer_worker_follows_the_vacancy_and_offer(self):
        vacancy = VacancyFactory(posts=1)
        app = accepted(ApplicationFactory(vacancy=vacancy), start_in_days=14)
        clear_checks(app)
        worker = services.application_hire(application=app, employee_number="E103", by=hr_user())
        offer = app.offers.get(status="accepted")
        assert worker.user.email == app.email
        assert worker.user.has_role(Role.PEER_WORKER)
        assert (worker.level, worker.band, worker.team) == (vacancy.level, vacancy.band, vacancy.team)
        assert worker.line_manager == vacancy.hiring_manager
        assert worker.start_date == offer.start_date
        assert worker.probation_review_date == offer.start_date + relativedelta(months=6)
        assert worker.status == PeerWorker.Status.PRE_START
        app.refresh_from_db()
        vacancy.refresh_from_db()
        assert app.stage.code == "hired" and app.hired_worker == worker
        assert app.moves.filter(to_stage__code="hired").count() == 1
        assert vacancy.status == "filled"

    @override_settings(RECRUITMENT_PROBATION_MONTHS=3)
    def test_a_start_today_is_on_probation_and_the_review_follows_the_setting(self):
        app = accepted(start_in_days=0)
        clear_checks(app)
        worker = services.application_hire(application=app, employee_number="E104", by=hr_user())
        assert worker.status == PeerWorker.Status.PROBATION
        assert worker.probation_review_date == timezone.localdate() + relativedelta(months=3)

    def test_the_vacancy_is_filled_only_when_every_post_is_hired(self):
        vacancy = VacancyFactory(posts=2)
        first, second = (accepted(ApplicationFactory(vacancy=vacancy)) for _ in range(2))
        for app, number in ((first, "E105"), (second, "E106")):
            clear_checks(app)
            services.application_hire(application=app, employee_number=number, by=hr_user())
            vacancy.refresh_from_db()
            assert vacancy.status == ("open" if number == "E105" else "filled")

    def test_a_register_member_with_a_login_keeps_it_and_gains_the_peer_worker_role(self):
        login = UserFactory(roles=[Role.PARTICIPANT], email="register.login@test.example")
        person = ParticipantFactory(user=login)
        # Applied with another email: the register link, not the email, finds the login.
        app = ApplicationFactory(
            participant=person, source="involvement_register", email="other.address@test.example"
        )
        app = accepted(app)
        clear_checks(app)
        users = User.objects.count()
        worker = services.application_hire(application=app, employee_number="E107", by=hr_user())
        assert worker.user == login
        assert User.objects.count() == users + 1  # the HR user only
        login.refresh_from_db()
        login.__dict__.pop("role_names", None)
        assert login.has_role(Role.PARTICIPANT) and login.has_role(Role.PEER_WORKER)

    def test_a_used_employee_number_undoes_everything(self):
        PeerWorkerFactory(employee_number="E200")
        app = accepted()
        clear_checks(app)
        users, stage = User.objects.count(), app.stage_id
        with pytest.raises(ValidationError) as refused:
            services.application_hire(application=app, employee_number="E200", by=hr_user())
        assert "employee_number" in refused.value.message_dict
        assert User.objects.count() == users + 1  # the HR user only: the applicant's account was undone
        assert not User.objects.filter(email=app.email).exists()
        assert PeerWorker.objects.count() == 1
        app.refresh_from_db()
        assert app.stage_id == stage and app.hired_worker is None
        assert not app.moves.filter(to_stage__code="hired").exists()

    def test_twice_is_a_conflict(self):
        app = accepted()
        clear_checks(app)
        services.application_hire(application=app, employee_number="E108", by=hr_user())
        with pytest.raises(RecruitmentConflict):
            services.application_hire(application=app, employee_number="E109", by=hr_user())
        assert PeerWorker.objects.count() == 1
        assert rm.Application.objects.get(pk=app.pk).hired_worker.employee_number == "E108"


class TestHireNeverTakesAnAccountByItsAddress:
    """Applicants type their own email address, so it may be anyone's: a staff member's included."""

    def _staff_member(self) -> User:
        return UserFactory(roles=[Role.INVOLVEMENT_LEAD], email="staff.member@test.example")

    def _nothing_written(self, app, staff, counts) -> None:
        assert (PeerWorker.objects.count(), User.objects.count()) == counts
        assert not PeerWorker.objects.filter(user=staff).exists()
        staff = User.objects.get(pk=staff.pk)
        assert not staff.has_role(Role.PEER_WORKER)
        app.refresh_from_db()
        assert app.stage.code == "checks" and app.hired_worker is None

    @pytest.mark.parametrize("on_register", [False, True], ids=["open advert", "register entry, no login"])
    def test_an_application_with_a_staff_members_address_is_refused_and_nothing_written(self, on_register):
        staff = self._staff_member()
        extra = {"participant": ParticipantFactory(), "source": "involvement_register"} if on_register else {}
        app = accepted(ApplicationFactory(email="Staff.Member@test.example", **extra))
        clear_checks(app)
        hr = hr_user()
        counts = (PeerWorker.objects.count(), User.objects.count())
        with pytest.raises(RecruitmentConflict) as refused:
            services.application_hire(application=app, employee_number="E110", by=hr)
        assert refused.value.field == "user"
        assert "already belongs to an account" in refused.value.message
        self._nothing_written(app, staff, counts)

    def test_hr_names_the_applicants_own_account_explicitly(self):
        returning = UserFactory(roles=[Role.PARTICIPANT], email="returning.worker@test.example")
        app = accepted(ApplicationFactory(email=returning.email))
        clear_checks(app)
        hr = hr_user()
        users = User.objects.count()
        worker = services.application_hire(application=app, employee_number="E111", by=hr, user=returning)
        assert worker.user == returning
        assert User.objects.count() == users  # no new account
        returning = User.objects.get(pk=returning.pk)
        assert returning.has_role(Role.PARTICIPANT) and returning.has_role(Role.PEER_WORKER)

    def test_another_account_than_the_register_entrys_is_refused(self):
        login = UserFactory(roles=[Role.PARTICIPANT])
        app = accepted(
            ApplicationFactory(participant=ParticipantFactory(user=login), source="involvement_register")
        )
        clear_checks(app)
        staff = self._staff_member()
        counts = (PeerWorker.objects.count(), User.objects.count() + 1)  # + the HR user below
        with pytest.raises(RecruitmentConflict) as refused:
            services.application_hire(application=app, employee_number="E112", by=hr_user(), user=staff)
        assert refused.value.field == "user"
        self._nothing_written(app, staff, counts)

    def test_a_free_address_gets_a_new_account_for_the_new_starter(self):
        app = accepted(ApplicationFactory(email="new.starter@test.example"))
        clear_checks(app)
        worker = services.application_hire(application=app, employee_number="E113", by=hr_user())
        assert worker.user.email == "new.starter@test.example"
        assert worker.user.has_role(Role.PEER_WORKER) and not worker.user.has_usable_password()


def test_only_hr_hires_and_a_refusal_writes_nothing():
    app = accepted()
    clear_checks(app)
    stage = app.stage_id
    for someone in (app.vacancy.hiring_manager, UserFactory(roles=[Role.LINE_MANAGER])):
        with pytest.raises(NotPermitted) as refused:
            services.application_hire(application=app, employee_number="E300", by=someone)
        assert refused.value.message == "Only HR can hire; the hiring manager can follow the checks."
    assert not PeerWorker.objects.exists()
    app.refresh_from_db()
    assert (app.stage_id, app.hired_worker_id) == (stage, None)


def test_a_check_is_never_deleted():
    check = accepted().checks.first()
    with pytest.raises(RecruitmentConflict) as refused:
        services.check_delete(check=check, by=hr_user())
    assert "mark one not required" in refused.value.message
    assert rm.PreEmploymentCheck.objects.filter(pk=check.pk).exists()
