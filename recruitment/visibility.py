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

from accounts.errors import NotPermitted
from accounts.models import User
from accounts.roles import Role
from accounts.visibility import Action, Visibility, may_create, register
from peers.models import PeerWorker
from recruitment import models as m
from recruitment.errors import RecruitmentError


def is_hr(user: User) -> bool:
    return user.has_role(Role.HR)


def may_report_equality(user: User) -> bool:
    """Equality answers are special-category data: even in aggregate, only HR reports on them."""
    return is_hr(user)


def analytics_vacancies(user: User) -> QuerySet | None:
    """The vacancies `user` may see recruitment analytics for: None for all of them (HR), the ones
    they are hiring for (a hiring manager), or none at all (an empty queryset)."""
    if is_hr(user):
        return None
    return m.Vacancy.objects.filter(hiring_manager=user)


def may_report_analytics(user: User) -> bool:
    """HR, and a hiring manager with at least one vacancy, see recruitment analytics."""
    vacancies = analytics_vacancies(user)
    return vacancies is None or vacancies.exists()


def _panel_q(user: User, prefix: str) -> tuple[Q, Q]:
    """Interviews (through `prefix`) with this user on the panel, as staff or via their register entry."""
    return Q(**{f"{prefix}panel__user": user}), Q(**{f"{prefix}panel__participant__user": user})


def _scoped(queryset: QuerySet, *conditions: Q) -> QuerySet:
    """Rows meeting any of `conditions`, each one path of joins.

    Each condition is its own subquery (`id IN (...) OR id IN (...)`), never one OR across every
    join: on tables the planner has no statistics for yet (rows written in the same transaction)
    PostgreSQL joined all of them before filtering, and a panel member's score list ran for many
    minutes (seen in CI, issue 14 item 6).
    """
    matches = Q(pk__in=[])
    for condition in conditions:
        matches |= Q(pk__in=queryset.model.objects.filter(condition).values("pk"))
    return queryset.filter(matches)


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


def may_score_for_others(user: User) -> bool:
    """HR (and admins) record scores for register members on a panel who have no login."""
    return is_hr(user) or user.has_role(Role.ADMIN)


def own_seat(interview: m.Interview, user: User) -> m.PanelMember | None:
    """The user's seat on this interview's panel, as staff or through their register entry."""
    return interview.panel.filter(Q(user=user) | Q(participant__user=user)).first()


def scoring_seat(*, interview: m.Interview, user: User, asked: m.PanelMember | None = None) -> m.PanelMember:
    """Whose scores `user` is recording: their own seat, or (HR) a register member's who has no login.

    `asked` is the seat the user named, if any; anyone who may not score for others gets their own.
    """
    own = own_seat(interview, user)
    if not may_score_for_others(user) or asked is None:
        if own is None:
            if may_score_for_others(user):
                raise RecruitmentError("Say whose scores these are.", field="panel_member")
            raise RecruitmentError("You are not on this interview's panel.", field="interview")
        return own
    if asked == own:
        return own
    participant = asked.participant  # None for a member of staff
    if participant is None or participant.user_id is not None:
        raise RecruitmentError(
            "Panel members with a login record their own scores; HR records only for register "
            "members without one.",
            field="panel_member",
        )
    return asked


def check_may_hire(user: User) -> None:
    """Only HR (and admins) hire; the hiring manager follows the checks but does not make the worker."""
    if not may_create(user, PeerWorker):
        raise NotPermitted("Only HR can hire; the hiring manager can follow the checks.")


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
        conditions = [Q(vacancy__hiring_manager=user)]
        if action == "view":
            conditions += _panel_q(user, "interviews__")
        return _scoped(queryset, *conditions)


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
        conditions = [Q(application__vacancy__hiring_manager=user)]
        if action == "view":
            conditions += _panel_q(user, "")
        return _scoped(queryset, *conditions)


@register
class ScoreVisibility(HRRuns):
    """HR and the hiring manager read all scores; a panel member reads and writes only their own."""

    model = m.Score
    manager_path = "interview__application__vacancy__"

    def scope(self, queryset, user, action):
        if is_hr(user):
            return queryset
        own = (Q(panel_member__user=user), Q(panel_member__participant__user=user))
        if action == "view":
            return _scoped(queryset, *own, Q(interview__application__vacancy__hiring_manager=user))
        return _scoped(queryset, *own)

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
