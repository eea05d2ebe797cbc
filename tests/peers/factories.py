"""factory_boy factories for the peer workforce; every value is synthetic."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.roles import Role
from peers import models as pm
from tests.factories import TeamFactory, UserFactory


def _level(order: int = 1) -> pm.PathwayLevel:
    level, _ = pm.PathwayLevel.objects.get_or_create(
        order=order,
        defaults={"code": f"level-{order}", "name": f"Test level {order}", "band": str(2 + order)},
    )
    return level


class CompetenceDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.CompetenceDomain
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"domain-{n}")
    name = factory.Sequence(lambda n: f"Test domain {n}")


class CompetenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.Competence
        django_get_or_create = ("code",)

    domain = factory.SubFactory(CompetenceDomainFactory)
    code = factory.Sequence(lambda n: f"competence-{n}")
    name = factory.Sequence(lambda n: f"Test competence {n}")


class TrainingCourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.TrainingCourse
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"course-{n}")
    name = factory.Sequence(lambda n: f"Test course {n}")
    mandatory = True
    validity_months = 12


class PathwayLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.PathwayLevel
        django_get_or_create = ("order",)

    code = factory.Sequence(lambda n: f"level-code-{n}")
    name = factory.Sequence(lambda n: f"Test pathway level {n}")
    order = factory.Sequence(lambda n: 100 + n)
    band = pm.Band.B3


class PeerWorkerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.PeerWorker
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, roles=[Role.PEER_WORKER])
    employee_number = factory.Sequence(lambda n: f"E{n:06d}")
    level = factory.LazyFunction(_level)
    band = factory.LazyAttribute(lambda o: o.level.band)
    team = factory.SubFactory(TeamFactory)
    line_manager = factory.SubFactory(UserFactory, roles=[Role.LINE_MANAGER])
    start_date = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=400))
    contracted_hours = Decimal("30.00")
    status = pm.PeerWorker.Status.ACTIVE

    @factory.post_generation
    def supervisors(self, create, extracted, **kwargs):
        if create and extracted:
            self.supervisors.set(extracted)


class SupervisionPolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.SupervisionPolicy
        django_get_or_create = ("level", "kind")

    level = factory.LazyFunction(_level)
    kind = pm.SupervisionKind.LINE_MANAGEMENT
    frequency_days = 28


class SupervisionSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.SupervisionSession

    worker = factory.SubFactory(PeerWorkerFactory)
    supervisor = factory.SubFactory(UserFactory, roles=[Role.SUPERVISOR])
    kind = pm.SupervisionKind.LINE_MANAGEMENT
    held_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=7))
    duration_minutes = 60
    notes = "Talked through a difficult week; agreed a plan."


class TrainingRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.TrainingRecord

    worker = factory.SubFactory(PeerWorkerFactory)
    course = factory.SubFactory(TrainingCourseFactory)
    completed_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))
    expires_on = factory.LazyAttribute(
        lambda o: (
            o.completed_on + dt.timedelta(days=30 * o.course.validity_months)
            if o.course.validity_months
            else None
        )
    )


class CompetenceEvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.CompetenceEvidence

    worker = factory.SubFactory(PeerWorkerFactory)
    competence = factory.SubFactory(CompetenceFactory)
    description = "Shared my recovery story at a team meeting, with agreed boundaries."


class ProgressionReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.ProgressionReview

    worker = factory.SubFactory(PeerWorkerFactory)
    reviewer = factory.SelfAttribute("worker.line_manager")
    reviewed_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=10))
    outcome = pm.ProgressionReview.Outcome.NOT_YET


class WellnessActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.WellnessActionPlan

    worker = factory.SubFactory(PeerWorkerFactory)
    keeps_me_well = "Walking before work; regular breaks."
    triggers = "Unexpected changes to my rota."
    early_warning_signs = "I go quiet in meetings."
    impact_on_work = "I may need time to reset after difficult calls."
    agreed_support = "A ten-minute check-in with my manager on Mondays."


class ReasonableAdjustmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.ReasonableAdjustment

    worker = factory.SubFactory(PeerWorkerFactory)
    description = "Later start on Mondays."
    status = pm.ReasonableAdjustment.Status.AGREED
    agreed_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=60))
    review_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=120))


class LevelChangeFactory(factory.django.DjangoModelFactory):
    """A promotion in the level history; the worker's own level is left as it is."""

    class Meta:
        model = pm.LevelChange

    worker = factory.SubFactory(PeerWorkerFactory)
    from_level = factory.SelfAttribute("worker.level")
    from_band = factory.SelfAttribute("worker.band")
    to_level = factory.SubFactory(PathwayLevelFactory, band=pm.Band.B4)
    to_band = factory.SelfAttribute("to_level.band")
    effective_date = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))
    reason = pm.LevelChange.Reason.PROMOTION


class OnboardingTemplateItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = pm.OnboardingTemplateItem

    title = factory.Sequence(lambda n: f"Test onboarding step {n}")
    description = "A step every new starter takes."
    owner_role = pm.OnboardingOwner.LINE_MANAGER
    due_days = 7
    order = factory.Sequence(lambda n: 1000 + n)


class OnboardingItemFactory(factory.django.DjangoModelFactory):
    """A step of one worker's checklist, owned by their line manager, due in a week."""

    class Meta:
        model = pm.OnboardingItem

    worker = factory.SubFactory(PeerWorkerFactory)
    title = factory.Sequence(lambda n: f"Test step {n}")
    owner = factory.SelfAttribute("worker.line_manager")
    owner_role = pm.OnboardingOwner.LINE_MANAGER
    due_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=7))
