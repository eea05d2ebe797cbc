"""Who may see and change recruitment records (registered with accounts.visibility).

HR sees and runs everything (equality answers only ever in aggregate: they have no endpoint).
A hiring manager sees their own vacancies and everything under them. A panel member sees
only the interviews they sit on, and scores only their own. Nobody else sees anything.

Within an application a panel member may see, how to reach the applicant and how they came
(their source, their involvement register entry, the partner that referred them) stay with HR
and the hiring manager: being on the register says the person uses services, which is theirs
to tell the panel or not.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.models import User
from accounts.roles import Role
from accounts.visibility import Action, Visibility, register
from recruitment import models as m


def is_hr(user: User) -> bool:
    return user.has_role(Role.HR)


def _panel_q(user: User, prefix: str) -> Q:
    """Interviews (through `prefix`) with this user on the panel, as staff or via their register entry."""
    return Q(**{f"{prefix}panel__user": user}) | Q(**{f"{prefix}panel__participant__user": user})


def _scoped(queryset: QuerySet, condition: Q) -> QuerySet:
    return queryset.filter(pk__in=queryset.model.objects.filter(condition).values("pk"))


def _sees_every_applicant(user: User) -> bool:
    return user.is_superuser or user.has_role(Role.HR, Role.ADMIN)


def applicant_details_condition(user: User) -> Q:
    """Applications whose contact details and route in (source, register entry, referrer) `user` may see."""
    if _sees_every_applicant(user):
        return Q()
    return Q(vacancy__hiring_manager=user)


def sees_applicant_details(user: User, application: m.Application) -> bool:
    """HR and the hiring manager contact applicants and see how they came; a panel member only meets them."""
    return _sees_every_applicant(user) or application.vacancy.hiring_manager_id == user.pk


def applications_from_source(queryset: QuerySet, user: User, source: str) -> QuerySet:
    """Applications that came from `source`, among those whose source `user` may see.

    A filter picks only on what the list shows: where the source is hidden, no source matches.
    """
    return queryset.filter(applicant_details_condition(user), source=source)


def applications_on_register(queryset: QuerySet, user: User, on_register: bool) -> QuerySet:
    """Applications linked (or not) to the involvement register, as `user` is shown them.

    Where the link is hidden from `user` the application shows no register entry, so it counts
    as not linked: the answer is the same whether or not the applicant is on the register.
    """
    linked = m.Application.objects.filter(applicant_details_condition(user), participant__isnull=False)
    ids = linked.values("pk")
    return queryset.filter(pk__in=ids) if on_register else queryset.exclude(pk__in=ids)


class HRRuns(Visibility):
    """HR: everything. Hiring managers: what hangs off their vacancies (`manager_path`)."""

    manager_path = ""
    manager_may_change = True
    manager_may_create = False

    def scope(self, queryset: QuerySet, user: User, action: Action) -> QuerySet:
        if is_hr(user):
            return queryset
        if action == "view" or (action == "change" and self.manager_may_change):
            return _scoped(queryset, Q(**{f"{self.manager_path}hiring_manager": user}))
        return queryset.none()

    def may_create(self, user: User) -> bool:
        if is_hr(user):
            return True
        return self.manager_may_create and m.Vacancy.objects.filter(hiring_manager=user).exists()


@register
class PipelineTemplateVisibility(HRRuns):
    model = m.PipelineTemplate

    def scope(self, queryset, user, action):
        return queryset if is_hr(user) else queryset.none()


@register
class VacancyVisibility(HRRuns):
    model = m.Vacancy
    manager_may_change = False  # HR owns the advert and its dates


@register
class CriterionVisibility(HRRuns):
    model = m.Criterion
    manager_path = "vacancy__"
    manager_may_create = True


@register
class ApplicationVisibility(HRRuns):
    """Applications: HR, the hiring manager, and panel members for the ones they interview."""

    model = m.Application
    manager_path = "vacancy__"

    def scope(self, queryset, user, action):
        if is_hr(user):
            return queryset
        condition = Q(vacancy__hiring_manager=user)
        if action == "view":
            condition |= _panel_q(user, "interviews__")
        return _scoped(queryset, condition)


@register
class AdjustmentRequestVisibility(HRRuns):
    model = m.AdjustmentRequest
    manager_path = "application__vacancy__"
    manager_may_create = True


@register
class InterviewVisibility(HRRuns):
    model = m.Interview
    manager_path = "application__vacancy__"
    manager_may_create = True

    def scope(self, queryset, user, action):
        if is_hr(user):
            return queryset
        condition = Q(application__vacancy__hiring_manager=user)
        if action == "view":
            condition |= _panel_q(user, "")
        return _scoped(queryset, condition)


@register
class ScoreVisibility(HRRuns):
    """HR and the hiring manager read all scores; a panel member reads and writes only their own."""

    model = m.Score
    manager_path = "interview__application__vacancy__"

    def scope(self, queryset, user, action):
        if is_hr(user):
            return queryset
        own = Q(panel_member__user=user) | Q(panel_member__participant__user=user)
        if action == "view":
            return _scoped(queryset, own | Q(interview__application__vacancy__hiring_manager=user))
        return _scoped(queryset, own)

    def may_create(self, user):
        return is_hr(user) or m.PanelMember.objects.filter(Q(user=user) | Q(participant__user=user)).exists()


@register
class OfferVisibility(HRRuns):
    model = m.Offer
    manager_path = "application__vacancy__"
    manager_may_change = False


@register
class PreEmploymentCheckVisibility(HRRuns):
    """Checks are HR's work; the hiring manager may see where they stand."""

    model = m.PreEmploymentCheck
    manager_path = "application__vacancy__"
    manager_may_change = False


@register
class StageMoveVisibility(HRRuns):
    model = m.StageMove
    manager_path = "application__vacancy__"
    manager_may_change = False
