"""The pathway and frameworks over the API: staff read them, HR edits them, entries in use are retired."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.roles import Role
from peers.models import Competence, CompetenceDomain, PathwayLevel, SupervisionPolicy, TrainingCourse
from tests.api.battery import ResourceBattery
from tests.conftest import client_for_user
from tests.factories import UserFactory
from tests.peers.factories import (
    CompetenceDomainFactory,
    CompetenceEvidenceFactory,
    CompetenceFactory,
    PathwayLevelFactory,
    PeerWorkerFactory,
    SupervisionPolicyFactory,
    TrainingCourseFactory,
    TrainingRecordFactory,
)


class ReferenceBattery(ResourceBattery):
    """Every workforce role reads the pathway; HR edits it; line managers do not; the board sees none."""

    reader_role = Role.PEER_WORKER
    writer_role = Role.HR
    forbidden_role = Role.LINE_MANAGER
    hidden_from_role = Role.BOARD_MEMBER


class TestPathwayLevelResource(ReferenceBattery):
    basename = "pathway-level"

    def make_object(self) -> PathwayLevel:
        level = PathwayLevelFactory()
        level.required_competences.set([CompetenceFactory(), CompetenceFactory()])
        level.required_courses.set([TrainingCourseFactory()])
        return level

    def create_payload(self) -> dict:
        return {
            "code": "senior-test",
            "name": "Senior test peer worker",
            "order": 77,
            "band": "4",
            "required_competences": [CompetenceFactory().pk],
            "required_courses": [TrainingCourseFactory().pk],
        }

    def update_payload(self, obj: PathwayLevel) -> dict:
        return {"name": "Renamed level", "band": "5"}


class TestCompetenceDomainResource(ReferenceBattery):
    basename = "competence-domain"

    def make_object(self) -> CompetenceDomain:
        return CompetenceDomainFactory()

    def create_payload(self) -> dict:
        return {"code": "test-new-domain", "name": "A new test domain", "order": 12}

    def update_payload(self, obj: CompetenceDomain) -> dict:
        return {"name": "Renamed domain", "order": 3}


class TestCompetenceResource(ReferenceBattery):
    basename = "competence"

    def make_object(self) -> Competence:
        return CompetenceFactory()

    def create_payload(self) -> dict:
        return {"domain": CompetenceDomainFactory().pk, "code": "test-listening", "name": "Test listening"}

    def update_payload(self, obj: Competence) -> dict:
        return {"name": "Renamed competence", "is_active": False}


class TestTrainingCourseResource(ReferenceBattery):
    basename = "training-course"

    def make_object(self) -> TrainingCourse:
        return TrainingCourseFactory()

    def create_payload(self) -> dict:
        return {"code": "test-course", "name": "Test course", "category": "statutory", "validity_months": 24}

    def update_payload(self, obj: TrainingCourse) -> dict:
        return {"mandatory": False, "validity_months": 36}


class TestSupervisionPolicyResource(ReferenceBattery):
    basename = "supervision-policy"

    def make_object(self) -> SupervisionPolicy:
        return SupervisionPolicyFactory(level=PathwayLevelFactory(), kind="clinical", frequency_days=56)

    def create_payload(self) -> dict:
        return {"level": PathwayLevelFactory().pk, "kind": "peer", "frequency_days": 28}

    def update_payload(self, obj: SupervisionPolicy) -> dict:
        return {"frequency_days": 42}


@pytest.fixture
def hr(db):
    return client_for_user(UserFactory(roles=[Role.HR]))


def detail(basename: str, pk: int) -> str:
    return reverse(f"api:{basename}-detail", kwargs={"pk": pk})


def listing(basename: str) -> str:
    return reverse(f"api:{basename}-list")


@pytest.mark.django_db
class TestRetiringInsteadOfDeleting:
    def _refused(self, client, basename: str, obj) -> dict:
        response = client.delete(detail(basename, obj.pk))
        assert response.status_code == 409, response.content
        assert "mark" in response.json()["detail"] and "inactive" in response.json()["detail"]
        assert type(obj).objects.filter(pk=obj.pk).exists()
        return response.json()

    def test_a_level_someone_holds_is_kept(self, hr):
        worker = PeerWorkerFactory()
        body = self._refused(hr, "pathway-level", worker.level)
        assert "1 workers" in body["detail"]

    def test_a_domain_with_competences_is_kept(self, hr):
        competence = CompetenceFactory()
        self._refused(hr, "competence-domain", competence.domain)

    def test_a_competence_with_evidence_or_required_by_a_level_is_kept(self, hr):
        evidenced = CompetenceEvidenceFactory().competence
        self._refused(hr, "competence", evidenced)
        required = CompetenceFactory()
        PathwayLevelFactory().required_competences.add(required)
        body = self._refused(hr, "competence", required)
        assert "1 pathway levels" in body["detail"]

    def test_a_course_with_records_is_kept(self, hr):
        course = TrainingRecordFactory().course
        self._refused(hr, "training-course", course)

    def test_marking_inactive_is_how_an_entry_is_retired(self, hr):
        competence = CompetenceEvidenceFactory().competence
        response = hr.patch(detail("competence", competence.pk), {"is_active": False}, format="json")
        assert response.status_code == 200
        competence.refresh_from_db()
        assert competence.is_active is False

    def test_a_policy_can_always_be_deleted(self, hr):
        policy = SupervisionPolicyFactory(level=PeerWorkerFactory().level)
        assert hr.delete(detail("supervision-policy", policy.pk)).status_code == 204
        assert not SupervisionPolicy.objects.filter(pk=policy.pk).exists()


@pytest.mark.django_db
class TestBadInput:
    def test_a_second_policy_for_the_same_level_and_kind_names_kind(self, hr):
        policy = SupervisionPolicyFactory(level=PathwayLevelFactory(), kind="peer")
        response = hr.post(
            listing("supervision-policy"),
            {"level": policy.level_id, "kind": "peer", "frequency_days": 7},
            format="json",
        )
        assert response.status_code == 400, response.content
        assert list(response.json()["errors"]) == ["kind"]
        assert SupervisionPolicy.objects.filter(level=policy.level).count() == 1

    def test_moving_a_policy_onto_a_kind_already_covered_names_kind(self, hr):
        level = PathwayLevelFactory()
        SupervisionPolicyFactory(level=level, kind="peer")
        clinical = SupervisionPolicyFactory(level=level, kind="clinical")
        response = hr.patch(detail("supervision-policy", clinical.pk), {"kind": "peer"}, format="json")
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["kind"]
        clinical.refresh_from_db()
        assert clinical.kind == "clinical"

    @pytest.mark.parametrize("days", [0, 400])
    def test_policy_frequency_out_of_range_names_frequency_days(self, hr, days):
        level = PathwayLevelFactory()
        response = hr.post(
            listing("supervision-policy"),
            {"level": level.pk, "kind": "peer", "frequency_days": days},
            format="json",
        )
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["frequency_days"]
        assert not SupervisionPolicy.objects.filter(level=level).exists()

    def test_two_levels_cannot_share_a_place_on_the_pathway(self, hr):
        taken = PathwayLevelFactory()
        before = PathwayLevel.objects.count()
        response = hr.post(
            listing("pathway-level"),
            {"code": "clash", "name": "Clash", "order": taken.order, "band": "4"},
            format="json",
        )
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["order"]
        assert PathwayLevel.objects.count() == before

    def test_unknown_band_names_band(self, hr):
        response = hr.post(
            listing("pathway-level"), {"code": "odd", "name": "Odd", "order": 88, "band": "12"}, format="json"
        )
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["band"]
        assert not PathwayLevel.objects.filter(code="odd").exists()

    def test_course_validity_of_zero_months_names_validity_months(self, hr):
        response = hr.post(
            listing("training-course"), {"code": "zero", "name": "Zero", "validity_months": 0}, format="json"
        )
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["validity_months"]
        assert not TrainingCourse.objects.filter(code="zero").exists()


@pytest.mark.django_db
class TestPathwayRequirements:
    def test_hr_replaces_what_a_level_requires(self, hr):
        level = PathwayLevelFactory()
        level.required_competences.set([CompetenceFactory()])
        wanted = CompetenceFactory()
        course = TrainingCourseFactory()
        response = hr.patch(
            detail("pathway-level", level.pk),
            {"required_competences": [wanted.pk], "required_courses": [course.pk]},
            format="json",
        )
        assert response.status_code == 200, response.content
        assert [c["id"] for c in response.json()["required_competences"]] == [wanted.pk]
        assert list(level.required_courses.values_list("pk", flat=True)) == [course.pk]

    def test_changing_the_name_leaves_requirements_alone(self, hr):
        level = PathwayLevelFactory()
        kept = CompetenceFactory()
        level.required_competences.set([kept])
        hr.patch(detail("pathway-level", level.pk), {"name": "Only the name"}, format="json")
        assert list(level.required_competences.all()) == [kept]


@pytest.mark.django_db
class TestFilters:
    def _ids(self, client, basename: str, **params) -> set[int]:
        response = client.get(listing(basename), params)
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["results"]}

    def test_competences_by_domain_level_and_active(self, hr):
        a, b = CompetenceFactory(), CompetenceFactory()
        retired = CompetenceFactory(domain=a.domain, is_active=False)
        level = PathwayLevelFactory()
        level.required_competences.add(b)
        assert self._ids(hr, "competence", domain=a.domain_id) == {a.pk, retired.pk}
        assert self._ids(hr, "competence", level=level.pk) == {b.pk}
        assert retired.pk not in self._ids(hr, "competence", is_active="true")

    def test_courses_by_mandatory_category_and_level(self, hr):
        optional = TrainingCourseFactory(mandatory=False, category="leadership")
        mandatory = TrainingCourseFactory(category="statutory")
        level = PathwayLevelFactory()
        level.required_courses.add(optional)
        assert optional.pk not in self._ids(hr, "training-course", mandatory="true")
        assert mandatory.pk in self._ids(hr, "training-course", mandatory="true")
        assert self._ids(hr, "training-course", level=level.pk) == {optional.pk}
        assert optional.pk in self._ids(hr, "training-course", category="leadership")

    def test_levels_by_band_and_policies_by_level_and_kind(self, hr):
        five = PathwayLevelFactory(band="5")
        PathwayLevelFactory(band="6")
        assert five.pk in self._ids(hr, "pathway-level", band="5")
        assert five.pk not in self._ids(hr, "pathway-level", band="6")
        peer = SupervisionPolicyFactory(level=five, kind="peer")
        SupervisionPolicyFactory(level=five, kind="clinical")
        assert self._ids(hr, "supervision-policy", level=five.pk, kind="peer") == {peer.pk}

    def test_domains_by_name(self, hr):
        domain = CompetenceDomainFactory(name="Test relational skills")
        assert domain.pk in self._ids(hr, "competence-domain", name="relational")

    def test_an_unknown_filter_is_refused(self, hr):
        response = hr.get(listing("competence"), {"domian": 1})
        assert response.status_code == 400
        assert list(response.json()["errors"]) == ["domian"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.HR, Role.LINE_MANAGER, Role.SUPERVISOR, Role.PEER_WORKER])
def test_workforce_roles_read_the_framework(role):
    competence = CompetenceFactory()
    client = client_for_user(UserFactory(roles=[role]))
    assert client.get(detail("competence", competence.pk)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.BOARD_MEMBER, Role.PARTICIPANT])
def test_the_board_and_participants_see_none_of_it(role):
    level = PathwayLevelFactory()
    client = client_for_user(UserFactory(roles=[role]))
    assert client.get(detail("pathway-level", level.pk)).status_code == 404
    assert client.get(listing("pathway-level")).json()["results"] == []


@pytest.mark.django_db
def test_only_hr_edits_the_framework():
    competence = CompetenceFactory()
    for role in (Role.LINE_MANAGER, Role.SUPERVISOR, Role.PEER_WORKER):
        client = client_for_user(UserFactory(roles=[role]))
        response = client.patch(detail("competence", competence.pk), {"name": "Changed"}, format="json")
        assert response.status_code == 403, role
    competence.refresh_from_db()
    assert competence.name != "Changed"
