"""Applications over the API: applying, moving through the pipeline, its history, adjustments, who sees what.

Equality monitoring answers go in with the application and never come out of any endpoint.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import AccessLog
from accounts.roles import Role
from recruitment import services
from recruitment.models import AdjustmentRequest, Application, EqualityMonitoring, StageMove
from tests.api.battery import ReadBattery, RefusesWrites, ResourceBattery
from tests.conftest import client_for_user
from tests.factories import ParticipantFactory, PartnerOrganisationFactory, UserFactory
from tests.recruitment.factories import ApplicationFactory, VacancyFactory, move_to
from tests.recruitment.late_stage import interview, panel_rate

NOW = timezone.now()
_n = itertools.count(1)

# Answers no other field would hold, so finding one anywhere in a response means a leak.
EQUALITY = {
    "age_band": "55_64",
    "ethnic_group": "mixed",
    "disabled": "yes",
    "sex": "female",
    "gender_same_as_at_birth": "no",
    "lgb_plus": "yes",
}
EQUALITY_WORDS = ["equality", *EQUALITY, "55_64", "55 to 64", "Mixed or multiple"]


def url(name: str, pk: int | None = None) -> str:
    return reverse(f"api:{name}", kwargs={"pk": pk} if pk else None)


def application_payload(vacancy=None, **overrides) -> dict:
    number = next(_n)
    payload = {
        "vacancy": (vacancy or VacancyFactory()).pk,
        "applicant_name": f"Test Applicant {number}",
        "email": f"api-applicant{number}@test.example",
        "phone": "07700 900123",
        "source": "open_advert",
        "supporting_statement": "I would like to use my own recovery to support others.",
        "adjustments": ["Interview questions in writing", "A quiet waiting room"],
        "equality": EQUALITY,
    }
    payload.update(overrides)
    return payload


def counts() -> tuple[int, ...]:
    return (
        Application.objects.count(),
        StageMove.objects.count(),
        AdjustmentRequest.objects.count(),
        EqualityMonitoring.objects.count(),
    )


def schedule(application: Application, *panel_users) -> None:
    start = NOW + dt.timedelta(days=3)
    services.interview_schedule(
        application=application,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        panel=[{"user": user, "lived_experience": True} for user in panel_users],
        by=UserFactory(roles=[Role.HR]),
    )


class TestApplicationResource(ResourceBattery):
    basename = "application"
    reader_role = Role.HR
    writer_role = Role.HR
    forbidden_role = Role.LINE_MANAGER
    hidden_from_role = Role.LINE_MANAGER

    def make_object(self) -> Application:
        return ApplicationFactory(adjustments=["Step-free access"], equality=EQUALITY)

    def create_payload(self) -> dict:
        return application_payload()

    def update_payload(self, obj: Application) -> dict:
        return {"applicant_name": "Test Applicant Corrected", "phone": "07700 900999"}

    def test_delete(self):
        # Applications are the recruitment record: they end by moving to withdrawn or rejected.
        application = self.make_object()
        response = client_for_user(UserFactory(roles=[Role.HR])).delete(self.detail_url(application))
        assert response.status_code == 409
        assert "withdrawn" in response.json()["detail"]
        assert Application.objects.filter(pk=application.pk).exists()


class TestStageMoveResource(ReadBattery, RefusesWrites):
    """The history is written only by moving an application: through the API it is read-only."""

    basename = "stage-move"
    reader_role = Role.HR
    hidden_from_role = Role.LINE_MANAGER
    refused_roles = (Role.HR, Role.LINE_MANAGER, Role.ADMIN)

    def make_object(self) -> StageMove:
        return move_to(ApplicationFactory(), "shortlisted").moves.order_by("at", "id").last()

    def create_payload(self) -> dict:
        application = ApplicationFactory()
        return {"application": application.pk, "to_stage": application.stage_id, "reason": "Made up"}

    def update_payload(self, obj: StageMove) -> dict:
        return {"reason": "Rewritten history"}


class TestAdjustmentRequestResource(ResourceBattery):
    basename = "adjustment-request"
    reader_role = Role.HR
    writer_role = Role.HR
    forbidden_role = Role.PEER_WORKER
    hidden_from_role = Role.LINE_MANAGER

    def make_object(self) -> AdjustmentRequest:
        return ApplicationFactory(adjustments=["A British Sign Language interpreter"]).adjustments.get()

    def create_payload(self) -> dict:
        return {"application": ApplicationFactory().pk, "description": "Breaks between exercises"}

    def update_payload(self, obj: AdjustmentRequest) -> dict:
        return {"description": "A BSL interpreter for the whole interview"}

    def test_delete(self):
        # What was asked is part of the record of a legal duty: it is decided, not erased.
        adjustment = self.make_object()
        response = client_for_user(UserFactory(roles=[Role.HR])).delete(self.detail_url(adjustment))
        assert response.status_code == 409
        assert "not provided" in response.json()["detail"]
        assert AdjustmentRequest.objects.filter(pk=adjustment.pk).exists()


@pytest.fixture
def hr(db):
    return client_for_user(UserFactory(roles=[Role.HR]))


@pytest.mark.django_db
class TestApplying:
    def test_hr_records_an_application_with_its_adjustments_and_equality_answers(self, hr):
        vacancy = VacancyFactory()
        response = hr.post(url("application-list"), application_payload(vacancy))
        assert response.status_code == 201, response.content
        body = response.json()
        assert body["stage"]["code"] == "applied"
        assert [a["description"] for a in body["adjustments"]] == [
            "Interview questions in writing",
            "A quiet waiting room",
        ]
        assert all(a["provided"] is None for a in body["adjustments"])
        assert [s["code"] for s in body["allowed_stages"]] == ["shortlisted", "rejected", "withdrawn"]
        application = Application.objects.get(pk=body["id"])
        answers = EqualityMonitoring.objects.get(application=application)
        assert {field: getattr(answers, field) for field in EQUALITY} == EQUALITY
        assert answers.vacancy == vacancy
        assert list(application.moves.values_list("to_stage__code", flat=True)) == ["applied"]
        assert not any(word in response.content.decode() for word in EQUALITY_WORDS)

    def test_equality_answers_are_optional_and_default_to_prefer_not_to_say(self, hr):
        payload = application_payload()
        del payload["equality"]
        response = hr.post(url("application-list"), payload)
        assert response.status_code == 201, response.content
        answers = EqualityMonitoring.objects.get(application_id=response.json()["id"])
        assert answers.ethnic_group == "prefer_not_to_say"

    def test_a_register_applicant_is_linked_to_their_entry(self, hr):
        person = ParticipantFactory()
        payload = application_payload(source="involvement_register", participant=person.pk)
        response = hr.post(url("application-list"), payload)
        assert response.status_code == 201, response.content
        assert response.json()["participant"]["id"] == person.pk
        assert person.applications.count() == 1

    @pytest.mark.parametrize(
        ("overrides", "field"),
        [
            ({"source": "involvement_register"}, "participant"),
            ({"source": "partner_referral"}, "referred_by"),
            ({"source": "headhunted"}, "source"),
            ({"email": "not-an-email"}, "email"),
            ({"applicant_name": ""}, "applicant_name"),
            ({"adjustments": "Step-free access"}, "adjustments"),
            ({"adjustments": [3]}, "adjustments"),
            ({"equality": {**EQUALITY, "religion": "none"}}, "equality.religion"),
            ({"equality": {"ethnic_group": "martian"}}, "equality.ethnic_group"),
            ({"vacancy": 0}, "vacancy"),
        ],
    )
    def test_bad_input_is_refused_naming_the_field_and_nothing_is_written(self, hr, overrides, field):
        payload = {**application_payload(), **overrides}
        before = counts()
        response = hr.post(url("application-list"), payload)
        assert response.status_code == 400, response.content
        assert field in response.json()["errors"], response.json()
        assert counts() == before

    def test_a_partner_referral_names_the_partner(self, hr):
        partner = PartnerOrganisationFactory()
        response = hr.post(
            url("application-list"), application_payload(source="partner_referral", referred_by=partner.pk)
        )
        assert response.status_code == 201, response.content
        assert response.json()["referred_by"]["id"] == partner.pk

    def test_applying_twice_or_to_a_closed_vacancy_is_refused(self, hr):
        vacancy = VacancyFactory()
        payload = application_payload(vacancy)
        assert hr.post(url("application-list"), payload).status_code == 201
        before = counts()
        again = hr.post(url("application-list"), {**payload, "email": payload["email"].upper()})
        assert again.status_code == 400
        assert "email" in again.json()["errors"]
        closed = VacancyFactory(status="closed")
        response = hr.post(url("application-list"), application_payload(closed))
        assert response.status_code == 409
        assert "vacancy" in response.json()["errors"]
        assert counts() == before


@pytest.mark.django_db
class TestAdvance:
    def test_by_code_and_by_id_recording_who_when_and_why(self, hr):
        application = ApplicationFactory()
        response = hr.post(
            url("application-advance", application.pk),
            {"to_stage": "shortlisted", "reason": "Strong statement"},
        )
        assert response.status_code == 200, response.content
        assert response.json()["stage"]["code"] == "shortlisted"
        interview = application.vacancy.stages.get(code="interview")
        response = hr.post(url("application-advance", application.pk), {"to_stage": interview.pk})
        assert response.status_code == 200, response.content
        assert response.json()["stage"]["code"] == "interview"

        history = hr.get(url("stage-move-list"), {"application": application.pk}).json()["results"]
        assert [(m["from_stage"] and m["from_stage"]["code"], m["to_stage"]["code"]) for m in history] == [
            (None, "applied"),
            ("applied", "shortlisted"),
            ("shortlisted", "interview"),
        ]
        assert history[1]["reason"] == "Strong statement"
        assert history[1]["by"]["id"] == hr.user.pk
        assert history[1]["at"]

    def test_a_move_out_of_order_is_refused_naming_the_allowed_stages(self, hr):
        application = ApplicationFactory()
        before = counts()
        response = hr.post(url("application-advance", application.pk), {"to_stage": "offer"})
        assert response.status_code == 409, response.content
        detail = response.json()["detail"]
        assert "Applied" in detail and "Offer" in detail
        assert "Allowed: Shortlisted, Rejected, Withdrawn" in detail
        assert "to_stage" in response.json()["errors"]
        assert counts() == before
        application.refresh_from_db()
        assert application.stage.code == "applied"

    def test_a_move_backwards_or_after_the_end_is_refused(self, hr):
        application = move_to(ApplicationFactory(), "interview")
        assert hr.post(url("application-advance", application.pk), {"to_stage": "applied"}).status_code == 409
        assert (
            hr.post(url("application-advance", application.pk), {"to_stage": "withdrawn"}).status_code == 200
        )
        response = hr.post(url("application-advance", application.pk), {"to_stage": "shortlisted"})
        assert response.status_code == 409
        assert "has ended" in response.json()["detail"]

    def test_hiring_goes_through_its_own_action(self, hr):
        application = move_to(ApplicationFactory(), "checks")
        response = hr.post(url("application-advance", application.pk), {"to_stage": "hired"})
        assert response.status_code == 409
        assert "hire" in response.json()["detail"]

    def test_rejecting_needs_a_reason(self, hr):
        application = ApplicationFactory()
        before = counts()
        response = hr.post(
            url("application-advance", application.pk), {"to_stage": "rejected", "reason": " "}
        )
        assert response.status_code == 400
        assert "reason" in response.json()["errors"]
        assert counts() == before
        response = hr.post(
            url("application-advance", application.pk),
            {"to_stage": "rejected", "reason": "Did not meet the lived-experience criteria"},
        )
        assert response.status_code == 200
        assert response.json()["allowed_stages"] == []

    @pytest.mark.parametrize("to_stage", ["nowhere", "999999", ""])
    def test_an_unknown_stage_is_refused_naming_to_stage(self, hr, to_stage):
        application = ApplicationFactory()
        other_vacancy_stage = ApplicationFactory().vacancy.stages.get(code="shortlisted")
        before = counts()
        for ref in (to_stage, other_vacancy_stage.pk):
            response = hr.post(url("application-advance", application.pk), {"to_stage": ref})
            assert response.status_code == 400, response.content
            assert "to_stage" in response.json()["errors"]
        assert counts() == before


@pytest.mark.django_db
class TestAdjustments:
    def test_decided_as_provided_or_not_with_a_note(self, hr):
        application = ApplicationFactory(adjustments=["Step-free access", "Interpreter"])
        first, second = application.adjustments.all()
        response = hr.post(url("adjustment-request-decide", first.pk), {"provided": True})
        assert response.status_code == 200, response.content
        assert response.json()["provided"] is True and response.json()["decided_at"]

        response = hr.post(url("adjustment-request-decide", second.pk), {"provided": False})
        assert response.status_code == 400
        assert "note" in response.json()["errors"]
        second.refresh_from_db()
        assert (second.provided, second.decided_at) == (None, None)
        response = hr.post(
            url("adjustment-request-decide", second.pk),
            {"provided": False, "note": "No interpreter free that week; the date was moved instead."},
        )
        assert response.status_code == 200
        assert response.json()["provided"] is False

        shown = hr.get(url("application-detail", application.pk)).json()["adjustments"]
        assert [(a["description"], a["provided"]) for a in shown] == [
            ("Step-free access", True),
            ("Interpreter", False),
        ]
        assert hr.get(url("adjustment-request-list"), {"decided": "false"}).json()["results"] == []

    def test_decide_needs_an_answer(self, hr):
        adjustment = ApplicationFactory(adjustments=["Interpreter"]).adjustments.get()
        response = hr.post(url("adjustment-request-decide", adjustment.pk), {"note": "Maybe"})
        assert response.status_code == 400
        assert "provided" in response.json()["errors"]

    def test_the_hiring_manager_asks_and_decides_for_their_own_applicants_only(self):
        manager = UserFactory(roles=[Role.LINE_MANAGER])
        own = ApplicationFactory(vacancy=VacancyFactory(hiring_manager=manager))
        other = ApplicationFactory(adjustments=["Large print"])
        client = client_for_user(manager)
        response = client.post(
            url("adjustment-request-list"), {"application": own.pk, "description": "Morning slot"}
        )
        assert response.status_code == 201, response.content
        assert (
            client.post(
                url("adjustment-request-decide", response.json()["id"]), {"provided": True}
            ).status_code
            == 200
        )
        before = AdjustmentRequest.objects.count()
        response = client.post(
            url("adjustment-request-list"), {"application": other.pk, "description": "Sneaky"}
        )
        assert response.status_code == 400
        assert "application" in response.json()["errors"]
        assert AdjustmentRequest.objects.count() == before
        assert (
            client.post(
                url("adjustment-request-decide", other.adjustments.get().pk), {"provided": True}
            ).status_code
            == 404
        )

    def test_reads_of_adjustments_are_logged(self, hr):
        application = ApplicationFactory(adjustments=["Step-free access"])
        adjustment = application.adjustments.get()
        hr.get(url("adjustment-request-detail", adjustment.pk))
        hr.get(url("application-list"))
        logged = AccessLog.objects.filter(
            user=hr.user, record_type="recruitment.adjustmentrequest", record_id=str(adjustment.pk)
        )
        assert logged.count() == 2


@pytest.mark.django_db
class TestWhoSeesWhat:
    @pytest.fixture
    def world(self):
        manager = UserFactory(roles=[Role.LINE_MANAGER])
        vacancy = VacancyFactory(hiring_manager=manager)
        interviewed = move_to(
            ApplicationFactory(
                vacancy=vacancy, phone="07700 900111", adjustments=["Extra time"], equality=EQUALITY
            ),
            "interview",
        )
        not_interviewed = ApplicationFactory(vacancy=vacancy, equality=EQUALITY)
        elsewhere = ApplicationFactory(equality=EQUALITY)
        panellist = UserFactory(roles=[Role.PEER_WORKER])
        schedule(interviewed, panellist)
        return {
            "manager": manager,
            "vacancy": vacancy,
            "interviewed": interviewed,
            "not_interviewed": not_interviewed,
            "elsewhere": elsewhere,
            "panellist": panellist,
        }

    def ids(self, client, name: str, **params) -> set[int]:
        response = client.get(url(name), params)
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["results"]}

    def test_hr_sees_every_application_with_contact_details(self, hr, world):
        assert self.ids(hr, "application-list") >= {
            world["interviewed"].pk,
            world["not_interviewed"].pk,
            world["elsewhere"].pk,
        }
        body = hr.get(url("application-detail", world["interviewed"].pk)).json()
        assert (body["email"], body["phone"]) == (world["interviewed"].email, "07700 900111")

    def test_the_hiring_manager_sees_and_moves_their_own_vacancy_applications_only(self, world):
        client = client_for_user(world["manager"])
        own = {world["interviewed"].pk, world["not_interviewed"].pk}
        assert self.ids(client, "application-list") == own
        assert client.get(url("application-detail", world["interviewed"].pk)).json()["email"]
        assert client.get(url("application-detail", world["elsewhere"].pk)).status_code == 404
        assert self.ids(client, "stage-move-list") == set(
            StageMove.objects.filter(application__in=own).values_list("pk", flat=True)
        )
        response = client.post(
            url("application-advance", world["not_interviewed"].pk), {"to_stage": "shortlisted"}
        )
        assert response.status_code == 200
        response = client.post(url("application-advance", world["elsewhere"].pk), {"to_stage": "shortlisted"})
        assert response.status_code == 404
        # Recording applications is HR's job.
        before = counts()
        payload = application_payload(world["vacancy"])
        assert client.post(url("application-list"), payload).status_code == 403
        assert counts() == before

    def test_another_line_manager_sees_nothing(self, world):
        client = client_for_user(UserFactory(roles=[Role.LINE_MANAGER]))
        assert self.ids(client, "application-list") == set()
        assert client.get(url("application-detail", world["interviewed"].pk)).status_code == 404
        assert (
            client.post(
                url("application-advance", world["interviewed"].pk), {"to_stage": "offer"}
            ).status_code
            == 404
        )
        assert self.ids(client, "stage-move-list") == set()
        assert self.ids(client, "adjustment-request-list") == set()

    def test_a_panel_member_reads_only_the_application_they_interview_without_contact_details(self, world):
        client = client_for_user(world["panellist"])
        assert self.ids(client, "application-list") == {world["interviewed"].pk}
        body = client.get(url("application-detail", world["interviewed"].pk)).json()
        assert (body["email"], body["phone"], body["participant"]) == (None, None, None)
        assert [a["description"] for a in body["adjustments"]] == ["Extra time"]
        assert body["supporting_statement"]
        assert client.get(url("application-detail", world["not_interviewed"].pk)).status_code == 404
        # Reading is all: moving the applicant on is for HR and the hiring manager.
        response = client.post(url("application-advance", world["interviewed"].pk), {"to_stage": "offer"})
        assert response.status_code == 403
        assert (
            client.patch(url("application-detail", world["interviewed"].pk), {"phone": "1"}).status_code
            == 403
        )
        assert self.ids(client, "stage-move-list") == set()
        assert self.ids(client, "adjustment-request-list") == set()

    @pytest.mark.parametrize(
        "role", [Role.INVOLVEMENT_LEAD, Role.BOARD_MEMBER, Role.PEER_WORKER, Role.PARTICIPANT, Role.FINANCE]
    )
    def test_other_roles_see_nothing(self, world, role):
        user = UserFactory(roles=[role])
        if role == Role.PARTICIPANT:
            ParticipantFactory(user=user)
        client = client_for_user(user)
        for name in ("application-list", "stage-move-list", "adjustment-request-list"):
            assert self.ids(client, name) == set()
        application = world["interviewed"]
        assert client.get(url("application-detail", application.pk)).status_code == 404
        assert client.get(url("stage-move-detail", application.moves.first().pk)).status_code == 404
        assert (
            client.get(url("adjustment-request-detail", application.adjustments.get().pk)).status_code == 404
        )

    @pytest.mark.parametrize(
        "who",
        [
            Role.HR,
            Role.ADMIN,
            "manager",
            "panellist",
            Role.LINE_MANAGER,
            Role.INVOLVEMENT_LEAD,
            Role.BOARD_MEMBER,
            Role.PEER_WORKER,
            Role.PARTICIPANT,
        ],
    )
    def test_no_response_for_any_role_contains_equality_answers(self, world, who):
        user = world[who] if who in world else UserFactory(roles=[who])
        client = client_for_user(user)
        application, vacancy = world["interviewed"], world["vacancy"]
        paths = [
            url("application-list"),
            url("application-detail", application.pk),
            url("application-detail", world["elsewhere"].pk),
            url("vacancy-list"),
            url("vacancy-detail", vacancy.pk),
            url("vacancy-pipeline", vacancy.pk),
            url("stage-move-list"),
            url("adjustment-request-list"),
            url("adjustment-request-detail", application.adjustments.get().pk),
        ]
        bodies = [client.get(path).content.decode() for path in paths]
        bodies.append(
            client.post(
                url("application-advance", world["not_interviewed"].pk), {"to_stage": "shortlisted"}
            ).content.decode()
        )
        for path, body in zip([*paths, "advance"], bodies, strict=True):
            json.loads(body)
            for word in EQUALITY_WORDS:
                assert word not in body, f"{word!r} in the response to {path} for {who}"


@pytest.mark.django_db
class TestApplicationFilters:
    def test_filters(self, hr):
        vacancy = VacancyFactory()
        plain = ApplicationFactory(vacancy=vacancy)
        person = ParticipantFactory()
        linked = move_to(
            ApplicationFactory(vacancy=vacancy, source="involvement_register", participant=person),
            "shortlisted",
        )
        partner = ApplicationFactory(
            vacancy=vacancy, source="partner_referral", referred_by=PartnerOrganisationFactory()
        )
        Application.objects.filter(pk=plain.pk).update(applied_at=NOW - dt.timedelta(days=20))
        elsewhere = ApplicationFactory()

        def ids(**params) -> set[int]:
            response = hr.get(url("application-list"), params)
            assert response.status_code == 200, response.content
            return {row["id"] for row in response.json()["results"]}

        assert ids(vacancy=vacancy.pk) == {plain.pk, linked.pk, partner.pk}
        assert ids(vacancy=vacancy.pk, stage="shortlisted") == {linked.pk}
        assert ids(vacancy=vacancy.pk, stage="applied") == {plain.pk, partner.pk}
        assert ids(source="partner_referral") == {partner.pk}
        assert ids(vacancy=vacancy.pk, participant="true") == {linked.pk}
        assert ids(vacancy=vacancy.pk, participant="false") == {plain.pk, partner.pk}
        assert ids(vacancy=vacancy.pk, applied_before=(NOW - dt.timedelta(days=1)).isoformat()) == {plain.pk}
        assert elsewhere.pk in ids(applied_after=(NOW - dt.timedelta(days=1)).isoformat())
        assert plain.pk not in ids(applied_after=(NOW - dt.timedelta(days=1)).isoformat())
        response = hr.get(url("application-list"), {"equality": "mixed"})
        assert response.status_code == 400

        moves = hr.get(url("stage-move-list"), {"vacancy": vacancy.pk}).json()["results"]
        assert {m["application"]["id"] for m in moves} == {plain.pk, linked.pk, partner.pk}
        assert len(moves) == 4


@pytest.mark.django_db
class TestPanelMembersAndTheRegister:
    """Being on the involvement register says the applicant uses services: the panel never learns it."""

    @pytest.fixture
    def panel(self):
        manager = UserFactory(roles=[Role.LINE_MANAGER])
        vacancy = VacancyFactory(hiring_manager=manager)
        staff = UserFactory(roles=[Role.LINE_MANAGER])  # manages people, but not this vacancy
        seat_holder = UserFactory(roles=[Role.PARTICIPANT])
        ParticipantFactory(user=seat_holder)
        panel_rate()
        on_register = move_to(
            ApplicationFactory(
                vacancy=vacancy, source="involvement_register", participant=ParticipantFactory()
            ),
            "interview",
        )
        referred = move_to(
            ApplicationFactory(
                vacancy=vacancy, source="partner_referral", referred_by=PartnerOrganisationFactory()
            ),
            "interview",
        )
        advert = move_to(ApplicationFactory(vacancy=vacancy), "interview")
        for application in (on_register, referred, advert):
            interview(
                application,
                panel=[
                    {"user": staff, "lived_experience": True},
                    {"participant": seat_holder.participant},
                ],
            )
        return {
            "manager": manager,
            "staff": staff,
            "seat_holder": seat_holder,
            "on_register": on_register,
            "referred": referred,
            "advert": advert,
            "all": {on_register.pk, referred.pk, advert.pk},
        }

    def ids(self, client, **params) -> set[int]:
        response = client.get(url("application-list"), params)
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["results"]}

    @pytest.mark.parametrize("who", ["staff", "seat_holder"])
    def test_a_panel_member_is_not_told_how_the_applicant_came(self, panel, who):
        client = client_for_user(panel[who])
        rows = client.get(url("application-list")).json()["results"]
        assert {row["id"] for row in rows} == panel["all"]
        for row in rows:
            route = (row["source"], row["participant"], row["referred_by"], row["email"], row["phone"])
            assert route == (None, None, None, None, None), row
        body = client.get(url("application-detail", panel["on_register"].pk)).content.decode()
        assert "involvement_register" not in body
        assert "/involvement/participants/" not in body

    @pytest.mark.parametrize("who", ["staff", "seat_holder"])
    def test_a_panel_member_cannot_filter_out_who_is_on_the_register(self, panel, who):
        client = client_for_user(panel[who])
        # Filters pick on what the list shows them: no source and no register entry on any row.
        for source in ("involvement_register", "partner_referral", "open_advert", "internal_move"):
            assert self.ids(client, source=source) == set()
        assert self.ids(client, participant="true") == set()
        assert self.ids(client, participant="false") == panel["all"]

    @pytest.mark.parametrize("who", ["manager", "hr"])
    def test_hr_and_the_hiring_manager_keep_the_source_and_its_filters(self, panel, who, hr):
        client = hr if who == "hr" else client_for_user(panel["manager"])
        body = client.get(url("application-detail", panel["on_register"].pk)).json()
        assert body["source"] == "involvement_register"
        assert body["participant"]["id"] == panel["on_register"].participant_id
        referred = client.get(url("application-detail", panel["referred"].pk)).json()
        assert referred["referred_by"]["id"] == panel["referred"].referred_by_id
        vacancy = panel["advert"].vacancy_id
        assert self.ids(client, vacancy=vacancy, source="involvement_register") == {panel["on_register"].pk}
        assert self.ids(client, vacancy=vacancy, participant="true") == {panel["on_register"].pk}
        assert self.ids(client, vacancy=vacancy, participant="false") == {
            panel["referred"].pk,
            panel["advert"].pk,
        }

    def test_a_hiring_manager_on_someone_elses_panel_sees_the_route_only_for_their_own_vacancy(self, panel):
        # The same person can be both: the rule is per application, not per person.
        own = move_to(
            ApplicationFactory(
                vacancy=VacancyFactory(hiring_manager=panel["staff"]),
                source="involvement_register",
                participant=ParticipantFactory(),
            ),
            "shortlisted",
        )
        client = client_for_user(panel["staff"])
        assert self.ids(client, source="involvement_register") == {own.pk}
        assert self.ids(client, participant="true") == {own.pk}
        assert self.ids(client, participant="false") == panel["all"]
        assert client.get(url("application-detail", own.pk)).json()["source"] == "involvement_register"
        assert client.get(url("application-detail", panel["on_register"].pk)).json()["source"] is None

    @pytest.mark.parametrize(
        ("name", "param"),
        [
            ("application-list", "vacancy"),
            ("stage-move-list", "vacancy"),
            ("stage-move-list", "application"),
            ("adjustment-request-list", "vacancy"),
            ("adjustment-request-list", "application"),
        ],
    )
    def test_an_id_you_may_not_see_answers_like_one_that_does_not_exist(self, panel, name, param):
        client = client_for_user(panel["manager"])
        elsewhere = move_to(ApplicationFactory(adjustments=["Test: a ramp"]), "shortlisted")
        hidden = elsewhere.pk if param == "application" else elsewhere.vacancy_id
        unseen = client.get(url(name), {param: hidden})
        made_up = client.get(url(name), {param: 10**9})
        assert unseen.status_code == made_up.status_code == 200
        assert unseen.json()["results"] == made_up.json()["results"] == []
        mine = move_to(
            ApplicationFactory(vacancy=panel["advert"].vacancy, adjustments=["Test: large print"]),
            "shortlisted",
        )
        own = mine.pk if param == "application" else mine.vacancy_id
        assert client.get(url(name), {param: own}).json()["results"]
