"""A client generated from the schema the project serves works: every module imports, and one
journey through the main roles runs with it, every answer parsing into its model.

This is what a trust's integrator does: point openapi-python-client (PyPI) at /api/schema/ and
use what it makes. If the schema misdescribes the API (an inline object whose generated name
collides with a resource, a request body declared as an object where an id is taken, a status
code the schema does not list) generation drops parts of the client or a call here fails.

Each answer is also checked against the schema itself (schemathesis): its status code is one the
operation documents and its body has the documented shape, nullability included, which the
generated models alone do not check.
"""

from __future__ import annotations

import datetime as dt
import importlib
import io
import pkgutil
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
import schemathesis
from django.utils import timezone

from accounts.roles import Role
from involvement.models import Activity, Participant
from recruitment import services as recruitment_services
from tests.factories import (
    TEST_PASSWORD,
    ParticipantFactory,
    RateCardEntryFactory,
    TeamFactory,
    UserFactory,
)
from tests.recruitment.factories import VacancyFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(300)]

CONFIG = Path(__file__).with_name("openapi-client.yaml")
PACKAGE = "trust_api_client"
GENERATOR = Path(sys.executable).with_name("openapi-python-client")


@pytest.fixture(scope="module")
def served_schema(live_server) -> dict:
    response = httpx.get(f"{live_server.url}/api/schema/", headers={"Accept": "application/json"})
    assert response.status_code == 200
    return response.json()


@pytest.fixture(scope="module")
def generated(served_schema, tmp_path_factory):
    """The client package, generated once from the served schema, importable in this module only."""
    tmp_path = tmp_path_factory.mktemp("client")
    spec = tmp_path / "schema.json"
    spec.write_text(httpx.Response(200, json=served_schema).text)
    result = subprocess.run(
        [str(GENERATOR), "generate", "--path", str(spec), "--config", str(CONFIG), "--meta", "none"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=240,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    # The generator still exits 0 when it drops an operation or a model: any warning is a failure.
    assert "Warning" not in output and "Unable to" not in output, output
    sys.path.insert(0, str(tmp_path))
    yield importlib.import_module(PACKAGE)
    sys.path.remove(str(tmp_path))
    for name in [name for name in sys.modules if name == PACKAGE or name.startswith(f"{PACKAGE}.")]:
        del sys.modules[name]


def _import_everything(package) -> list[str]:
    names = [info.name for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}.")]
    for name in names:
        importlib.import_module(name)
    return names


class SchemaCheck:
    """An httpx response hook: the answer is one the operation documents, in the documented shape."""

    def __init__(self, raw_schema: dict, base_url: str) -> None:
        self.schema = schemathesis.openapi.from_dict(raw_schema)
        self.schema.config.base_url = base_url  # the spec's paths sit under the live server
        self.seen: list[tuple[str, str, int]] = []

    def __call__(self, response: httpx.Response) -> None:
        response.read()
        request = response.request
        path = urlsplit(str(request.url)).path
        operation = self.schema.find_operation_by_path(request.method, path)
        assert operation is not None, f"{request.method} {path} is not in the schema"
        documented = operation.definition.raw["responses"]
        assert str(response.status_code) in documented, (
            f"{request.method} {path} answered {response.status_code}, documented: {sorted(documented)}"
        )
        operation.validate_response(response)
        self.seen.append((request.method, operation.path, response.status_code))


@pytest.fixture
def world():
    """Synthetic people and the records the journey needs but does not make itself."""
    team = TeamFactory(name="Test Community Team")
    rate = RateCardEntryFactory()
    participant_user = UserFactory(roles=[Role.PARTICIPANT], first_name="Sam", last_name="Testperson")
    vacancy = VacancyFactory(team=team)
    hr = UserFactory(roles=[Role.HR])
    criterion = recruitment_services.criterion_create(
        vacancy=vacancy, name="Uses their own experience with care", max_score=5, by=hr
    )
    return {
        "team": team,
        "kind": rate.activity_kind,
        "lead": UserFactory(roles=[Role.INVOLVEMENT_LEAD], teams=[team]),
        "hr": hr,
        "admin": UserFactory(roles=[Role.ADMIN]),
        "participant": ParticipantFactory(user=participant_user, name="Sam Testperson"),
        "vacancy": vacancy,
        "criterion": criterion,
    }


def test_every_module_of_the_generated_client_imports(generated):
    names = _import_everything(generated)
    operations = [name for name in names if ".api." in name and not name.endswith("__init__")]
    assert len(operations) > 250, operations
    models = importlib.import_module(f"{PACKAGE}.models")
    # Brief related records are one component, not inline objects named after their field.
    for name in ("Related", "ActivityKind", "CompetenceDomain"):
        assert hasattr(models, name), name


def test_a_journey_through_the_roles_with_the_generated_client(generated, live_server, served_schema, world):
    check = SchemaCheck(served_schema, live_server.url)
    api = importlib.import_module(f"{PACKAGE}.api")
    m = importlib.import_module(f"{PACKAGE}.models")
    client_module = importlib.import_module(f"{PACKAGE}.client")
    _import_everything(generated)

    def signed_in(email: str):
        anonymous = client_module.Client(
            base_url=live_server.url,
            raise_on_unexpected_status=True,
            httpx_args={"event_hooks": {"response": [check]}},
        )
        token = api.auth.auth_login_create.sync(
            client=anonymous, body=m.LoginRequest(email=email, password=TEST_PASSWORD)
        )
        assert isinstance(token, m.Token), token
        return client_module.AuthenticatedClient(
            base_url=live_server.url,
            token=token.token,
            prefix="Token",
            raise_on_unexpected_status=True,
            httpx_args={"event_hooks": {"response": [check]}},
        )

    def ok(response, model):
        assert response.status_code // 100 == 2, (response.status_code, response.content[:500])
        assert isinstance(response.parsed, model), response.parsed
        return response.parsed

    involvement = api.involvement
    recruitment = api.recruitment

    # The involvement lead adds a person to the register, plans an activity and invites someone.
    lead = signed_in(world["lead"].email)
    new_person = ok(
        involvement.involvement_participants_create.sync_detailed(
            client=lead,
            body=m.ParticipantRequest(
                name="Robin Testperson",
                experience=m.ExperienceEnum.CARER,
                email="robin.testperson@test.example",
                consent_given=True,
                consent_purposes="Involvement activities and interview panels",
            ),
        ),
        m.Participant,
    )
    assert new_person.name == "Robin Testperson" and new_person.status == m.ParticipantStatusEnum.ACTIVE

    starts = timezone.now() + dt.timedelta(days=2)
    activity = ok(
        involvement.involvement_activities_create.sync_detailed(
            client=lead,
            body=m.ActivityRequest(
                title="Co-writing the crisis leaflet",
                kind=world["kind"].pk,
                rung=m.RungEnum.CO_PRODUCTION,
                team=world["team"].pk,
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=2),
                capacity=6,
                venue="Room 2, Test Resource Centre",
            ),
        ),
        m.Activity,
    )
    assert activity.kind.id == world["kind"].pk  # a Related, parsed
    ok(involvement.involvement_activities_open_create.sync_detailed(activity.id, client=lead), m.Activity)
    invited = ok(
        involvement.involvement_activities_invite_create.sync_detailed(
            activity.id, client=lead, body=m.InviteRequest(participant=world["participant"].pk)
        ),
        m.InviteResult,
    )
    assert invited.invited == 1
    place = invited.participations[0]

    # The person invited accepts, from their own login.
    person = signed_in(world["participant"].user.email)
    accepted = ok(
        involvement.involvement_participations_accept_create.sync_detailed(place.id, client=person),
        m.Participation,
    )
    assert accepted.status == m.ParticipationStatusEnum.ACCEPTED

    # The day comes (moved, not waited for); the lead records who came.
    now = timezone.now()
    Activity.objects.filter(pk=activity.id).update(
        starts_at=now - dt.timedelta(hours=2), ends_at=now - dt.timedelta(minutes=5)
    )
    attended = ok(
        involvement.involvement_participations_attendance_create.sync_detailed(
            place.id, client=lead, body=m.AttendanceRequest(attendance=m.AttendanceEnum.ATTENDED)
        ),
        m.Participation,
    )
    assert attended.attendance == m.AttendanceEnum.ATTENDED

    # They claim their payment and two expenses.
    claim = ok(
        involvement.involvement_claims_create.sync_detailed(
            client=person,
            body=m.PaymentClaimRequest(
                participation=place.id,
                expenses=[
                    m.ExpenseLineRequest(kind=m.ExpenseKindEnum.TRAVEL, amount="4.60", description="Bus"),
                    m.ExpenseLineRequest(
                        kind=m.ExpenseKindEnum.CARE, amount="12.00", receipt_reference="R-1"
                    ),
                ],
            ),
        ),
        m.PaymentClaim,
    )
    assert Decimal(claim.expenses_amount) == Decimal("16.60")
    assert Decimal(claim.total_amount) == Decimal(claim.involvement_amount) + Decimal("16.60")
    assert [line.amount for line in claim.expenses] == ["4.60", "12.00"]

    # HR records an application with adjustments, schedules the interview with the new register
    # member on the panel, and enters that member's score (they have no login).
    hr = signed_in(world["hr"].email)
    application = ok(
        recruitment.recruitment_applications_create.sync_detailed(
            client=hr,
            body=m.ApplicationRequest(
                vacancy=world["vacancy"].pk,
                applicant_name="Alex Testapplicant",
                email="alex.testapplicant@test.example",
                source=m.SourceEnum.OPEN_ADVERT,
                adjustments=["Questions in writing ten minutes before", "A quiet room to wait in"],
            ),
        ),
        m.Application,
    )
    assert [item.description for item in application.adjustments] == [
        "Questions in writing ten minutes before",
        "A quiet room to wait in",
    ]
    interview_starts = timezone.now() + dt.timedelta(days=5)
    interview = ok(
        recruitment.recruitment_interviews_create.sync_detailed(
            client=hr,
            body=m.InterviewRequest(
                application=application.id,
                starts_at=interview_starts,
                ends_at=interview_starts + dt.timedelta(hours=1),
                location="Room 4, Test House",
                panel=[
                    m.PanelSeatRequest(user=world["vacancy"].hiring_manager.pk),
                    m.PanelSeatRequest(participant=new_person.id),
                ],
            ),
        ),
        m.Interview,
    )
    seats = {seat.participant.id: seat for seat in interview.panel if seat.participant}
    assert list(seats) == [new_person.id]
    score = ok(
        recruitment.recruitment_scores_create.sync_detailed(
            client=hr,
            body=m.ScoreRequest(
                interview=interview.id,
                panel_member=seats[new_person.id].id,
                criterion=world["criterion"].pk,
                score=4,
                comment="Spoke about their own recovery with care.",
            ),
        ),
        m.Score,
    )
    assert (score.score, score.criterion.name, score.panel_member.id) == (
        4,
        "Uses their own experience with care",
        seats[new_person.id].id,
    )

    # An administrator answers the new register member's subject access request.
    admin = signed_in(world["admin"].email)
    export = api.privacy.privacy_participants_export_retrieve.sync_detailed(new_person.id, client=admin)
    assert export.status_code == 200
    with zipfile.ZipFile(io.BytesIO(export.content)) as archive:
        names = archive.namelist()
        everything = b"".join(archive.read(name) for name in names)
    assert any(name.lower().startswith("readme") for name in names), names
    assert b"Robin Testperson" in everything

    assert Participant.objects.filter(name="Robin Testperson").count() == 1
    assert len(check.seen) >= 15
