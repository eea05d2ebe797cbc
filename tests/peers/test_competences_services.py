"""Competence evidence services: who may sign off, and what sign-off locks."""

from __future__ import annotations

import pytest
from django.utils import timezone

from accounts.errors import NotPermitted
from accounts.roles import Role
from peers import services
from peers.errors import PeersConflict, PeersError
from peers.models import CompetenceEvidence
from tests.factories import UserFactory
from tests.peers.factories import CompetenceEvidenceFactory, PeerWorkerFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def test_the_line_manager_signs_off_and_the_evidence_is_then_locked():
    evidence = CompetenceEvidenceFactory()
    manager = evidence.worker.line_manager
    services.competence_evidence_sign_off(evidence=evidence, by=manager)
    evidence.refresh_from_db()
    assert (evidence.signed_off_by, evidence.signed_off_on) == (manager, TODAY)
    with pytest.raises(PeersConflict):
        services.competence_evidence_update(evidence=evidence, by=manager, description="Changed")
    with pytest.raises(PeersConflict):
        services.competence_evidence_delete(evidence=evidence, by=manager)
    assert CompetenceEvidence.objects.filter(pk=evidence.pk, description__startswith="Shared").exists()


def test_a_supervisor_who_is_also_hr_signs_off_as_the_supervisor():
    person = UserFactory(roles=[Role.HR, Role.SUPERVISOR])
    evidence = CompetenceEvidenceFactory(worker=PeerWorkerFactory(supervisors=[person]))
    services.competence_evidence_sign_off(evidence=evidence, by=person)
    evidence.refresh_from_db()
    assert evidence.signed_off_by == person


def test_nobody_else_signs_off():
    evidence = CompetenceEvidenceFactory()
    for user in (evidence.worker.user, UserFactory(roles=[Role.HR]), UserFactory(roles=[Role.ADMIN])):
        with pytest.raises(NotPermitted):
            services.competence_evidence_sign_off(evidence=evidence, by=user)
    evidence.refresh_from_db()
    assert evidence.signed_off_by is None


def test_unsigned_evidence_is_reworded_or_withdrawn():
    evidence = CompetenceEvidenceFactory()
    services.competence_evidence_update(
        evidence=evidence, by=evidence.worker.user, evidence_reference="Log 9"
    )
    evidence.refresh_from_db()
    assert evidence.evidence_reference == "Log 9"
    with pytest.raises(PeersError) as caught:
        services.competence_evidence_update(evidence=evidence, by=evidence.worker.user, description=" ")
    assert caught.value.field == "description"
    services.competence_evidence_delete(evidence=evidence, by=evidence.worker.line_manager)
    assert not CompetenceEvidence.objects.filter(pk=evidence.pk).exists()
