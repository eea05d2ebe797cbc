"""Who may do what by role: the rules the API and the pages both ask, in the apps that own them."""

from __future__ import annotations

import pytest

from accounts.roles import Role
from charter.visibility import may_read_charter
from involvement.visibility import handles_payments, runs_involvement
from peers.visibility import may_read_exit_notes
from recruitment.visibility import analytics_vacancies, may_report_equality
from tests.factories import UserFactory
from tests.peers.factories import PeerWorkerFactory
from tests.recruitment.factories import VacancyFactory

pytestmark = pytest.mark.django_db

RULES = {
    runs_involvement: {Role.INVOLVEMENT_LEAD, Role.ADMIN},
    handles_payments: {Role.INVOLVEMENT_LEAD, Role.FINANCE, Role.ADMIN},
    may_read_charter: {Role.BOARD_MEMBER, Role.HR, Role.INVOLVEMENT_LEAD, Role.ADMIN},
    may_report_equality: {Role.HR},
}


@pytest.mark.parametrize("rule", list(RULES), ids=lambda rule: rule.__name__)
def test_each_role_rule_lets_in_exactly_its_roles(rule):
    for role in Role:
        assert rule(UserFactory(roles=[role])) is (role in RULES[rule]), (rule.__name__, role)


def test_exit_interview_notes_are_for_hr_only():
    manager, supervisor = UserFactory(roles=[Role.LINE_MANAGER]), UserFactory(roles=[Role.SUPERVISOR])
    worker = PeerWorkerFactory(line_manager=manager, supervisors=[supervisor])
    assert may_read_exit_notes(UserFactory(roles=[Role.HR]), worker)
    assert not may_read_exit_notes(manager, worker)  # the notes may be about them
    assert not may_read_exit_notes(supervisor, worker)
    assert not may_read_exit_notes(UserFactory(roles=[Role.LINE_MANAGER]), worker)


def test_analytics_cover_every_vacancy_for_hr_and_their_own_for_a_hiring_manager():
    manager = UserFactory(roles=[Role.LINE_MANAGER])
    own, _other = VacancyFactory(hiring_manager=manager), VacancyFactory()
    assert analytics_vacancies(UserFactory(roles=[Role.HR])) is None
    assert list(analytics_vacancies(manager)) == [own]
    assert not analytics_vacancies(UserFactory(roles=[Role.PEER_WORKER])).exists()
