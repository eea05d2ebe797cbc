"""factory_boy factories for recruitment; every value is synthetic."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from accounts.roles import Role
from recruitment import models as rm
from recruitment import services
from tests.factories import TeamFactory, UserFactory
from tests.peers.factories import _level


class VacancyFactory(factory.django.DjangoModelFactory):
    """An open vacancy with its stages copied from the default template (through the service)."""

    class Meta:
        model = rm.Vacancy

    title = factory.Sequence(lambda n: f"Peer support worker {n}")
    level = factory.LazyFunction(_level)
    team = factory.SubFactory(TeamFactory)
    hiring_manager = factory.SubFactory(UserFactory, roles=[Role.LINE_MANAGER])
    posts = 1
    lived_experience_role = True
    lived_experience_criteria = "Personal lived experience of mental health challenges and recovery."
    advert_text = "Join our team of peer support workers."
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=21))

    @classmethod
    def _create(cls, model_class, *args, status=rm.Vacancy.Status.OPEN, **kwargs):
        by = UserFactory(roles=[Role.HR])
        vacancy = services.vacancy_create(by=by, **kwargs)
        if status != vacancy.status:
            rm.Vacancy.objects.filter(pk=vacancy.pk).update(status=status)
            vacancy.refresh_from_db()
        return vacancy


class ApplicationFactory(factory.django.DjangoModelFactory):
    """An application made through the service (first stage, equality answers stored apart)."""

    class Meta:
        model = rm.Application

    vacancy = factory.SubFactory(VacancyFactory)
    applicant_name = factory.Sequence(lambda n: f"Test Applicant {n}")
    email = factory.Sequence(lambda n: f"applicant{n}@test.example")
    source = rm.Application.Source.OPEN_ADVERT
    supporting_statement = "I want to use my experience to help others."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.application_create(by=None, **kwargs)


def move_to(application: rm.Application, code: str, by=None) -> rm.Application:
    """Walk an application forward through the stages to `code`, as HR would."""
    by = by or UserFactory(roles=[Role.HR])
    target = application.vacancy.stages.get(code=code)
    while application.stage.order < target.order:
        nxt = (
            application.vacancy.stages.filter(kind="step", order__gt=application.stage.order)
            .order_by("order")
            .first()
        )
        application = services.application_advance(
            application=application, to_stage=nxt, by=by, reason="Test"
        )
    return application
