"""Who may see and change peer workforce records (registered with accounts.visibility).

HR sees everyone. A line manager sees the workers they manage and the workers in their teams;
a supervisor sees their supervisees; a peer worker sees their own record. Nobody else sees
anything, board members included (they get aggregates from the charter). Wellness plans and
adjustments are narrower still: the worker, their own line manager and HR. Managing a team does
not make someone the line manager of everyone in it: health is shared with the one person the
worker reports to, not with every manager who shares their team. Onboarding steps are wider by
one: whoever owns a step sees it (and marks it), whether or not they see the worker otherwise.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.errors import NotPermitted
from accounts.models import User
from accounts.roles import Role
from accounts.visibility import Action, Visibility, may_create, register, restrict
from peers import models as m

WORKFORCE_ROLES = (
    Role.HR,
    Role.LINE_MANAGER,
    Role.SUPERVISOR,
    Role.PEER_WORKER,
    Role.INVOLVEMENT_LEAD,
    Role.FINANCE,
)


def is_hr(user: User) -> bool:
    return user.has_role(Role.HR)


def worker_condition(user: User, prefix: str = "") -> Q:
    """Rows (of PeerWorker, or of a model pointing at one via `prefix`) this user may see."""
    condition = Q(**{f"{prefix}user": user})
    if user.has_role(Role.LINE_MANAGER):
        condition |= Q(**{f"{prefix}line_manager": user}) | Q(**{f"{prefix}team__in": user.teams.all()})
    if user.has_role(Role.SUPERVISOR):
        condition |= Q(**{f"{prefix}supervisors": user})
    return condition


def manager_condition(user: User, prefix: str = "") -> Q:
    """Workers this user line-manages (directly, or through their teams)."""
    if not user.has_role(Role.LINE_MANAGER):
        return Q(pk__in=[])
    return Q(**{f"{prefix}line_manager": user}) | Q(**{f"{prefix}team__in": user.teams.all()})


def own_line_manager_condition(user: User, prefix: str = "") -> Q:
    """Workers whose own line manager this user is (not everyone in the teams they manage)."""
    if not user.has_role(Role.LINE_MANAGER):
        return Q(pk__in=[])
    return Q(**{f"{prefix}line_manager": user})


def manages_wellbeing(user: User, worker: m.PeerWorker) -> bool:
    """Whether `user` reads and decides `worker`'s wellbeing records: HR, or their own line manager."""
    if is_hr(user):
        return True
    return user.has_role(Role.LINE_MANAGER) and worker.line_manager_id == user.pk


def _scoped(queryset: QuerySet, condition: Q) -> QuerySet:
    # A subquery of ids keeps joins through supervisors from duplicating rows.
    return queryset.filter(pk__in=queryset.model.objects.filter(condition).values("pk"))


class HROnly(Visibility):
    def scope(self, queryset: QuerySet, user: User, action: Action) -> QuerySet:
        return queryset if is_hr(user) else queryset.none()

    def may_create(self, user: User) -> bool:
        return is_hr(user)


class Reference(HROnly):
    """The pathway and frameworks: every member of staff reads them; HR edits them."""

    def scope(self, queryset: QuerySet, user: User, action: Action) -> QuerySet:
        if is_hr(user) or (action == "view" and user.has_role(*WORKFORCE_ROLES)):
            return queryset
        return queryset.none()


for _model in (
    m.CompetenceDomain,
    m.Competence,
    m.TrainingCourse,
    m.PathwayLevel,
    m.SupervisionPolicy,
    m.OnboardingTemplateItem,
):
    register(type(f"{_model.__name__}Visibility", (Reference,), {"model": _model}))


@register
class PeerWorkerVisibility(HROnly):
    model = m.PeerWorker

    def scope(self, queryset: QuerySet, user: User, action: Action) -> QuerySet:
        if is_hr(user):
            return queryset
        if action == "view":
            return _scoped(queryset, worker_condition(user))
        if action == "change":
            return _scoped(queryset, manager_condition(user))
        return queryset.none()


class WorkerRecord(HROnly):
    """Records about one worker: seen by whoever sees the worker; written by managers and HR."""

    writers_include_supervisors = False
    worker_may_add = False

    def scope(self, queryset: QuerySet, user: User, action: Action) -> QuerySet:
        if is_hr(user):
            return queryset
        if action == "view":
            return _scoped(queryset, worker_condition(user, "worker__"))
        condition = manager_condition(user, "worker__")
        if self.writers_include_supervisors and user.has_role(Role.SUPERVISOR):
            condition |= Q(worker__supervisors=user)
        return _scoped(queryset, condition)

    def may_create(self, user: User) -> bool:
        roles = {Role.HR, Role.LINE_MANAGER}
        if self.writers_include_supervisors:
            roles.add(Role.SUPERVISOR)
        if self.worker_may_add:
            roles.add(Role.PEER_WORKER)
        return user.has_role(*roles)


@register
class CompetenceEvidenceVisibility(WorkerRecord):
    model = m.CompetenceEvidence
    writers_include_supervisors = True
    worker_may_add = True  # the worker gathers evidence; a supervisor or manager signs it off


@register
class TrainingRecordVisibility(WorkerRecord):
    model = m.TrainingRecord
    worker_may_add = True


@register
class ProgressionReviewVisibility(WorkerRecord):
    model = m.ProgressionReview


@register
class LevelChangeVisibility(WorkerRecord):
    model = m.LevelChange

    def may_create(self, user: User) -> bool:
        return is_hr(user)


@register
class SupervisionSessionVisibility(WorkerRecord):
    """Sessions: as the worker record, plus the supervisor who held them. Notes are narrower (below)."""

    model = m.SupervisionSession
    writers_include_supervisors = True

    def scope(self, queryset: QuerySet, user: User, action: Action) -> QuerySet:
        if is_hr(user):
            return queryset
        if action == "view":
            return _scoped(queryset, worker_condition(user, "worker__") | Q(supervisor=user))
        return _scoped(queryset, manager_condition(user, "worker__") | Q(supervisor=user))


NOTES_REFUSED = "Only the two people in the session and HR can write its notes."


def may_read_exit_notes(user: User, worker: m.PeerWorker) -> bool:
    """Exit interview notes are for HR alone: someone leaving because of discrimination or the
    workplace culture may be talking about their own line manager or supervisor."""
    return user.has_role(Role.HR, Role.ADMIN)


def may_read_session_notes(user: User, session: m.SupervisionSession) -> bool:
    """The two people in the session, and HR. A manager who was not there does not read them."""
    if user.is_superuser or user.has_role(Role.HR, Role.ADMIN):
        return True
    return user.pk in (session.supervisor_id, session.worker.user_id)


def check_may_write_session_notes(user: User, session: m.SupervisionSession) -> None:
    """Whoever reads a session's notes writes them; anyone else may correct the rest of it."""
    if not may_read_session_notes(user, session):
        raise NotPermitted(NOTES_REFUSED, field="notes")


def check_may_record_session(*, user: User, worker: m.PeerWorker, supervisor: User) -> None:
    """HR and the worker's managers record any session; a supervisor records the ones they held.

    Ask it about a worker `user` may see (a door answers "no such worker" for any other).
    """
    one = m.PeerWorker.objects.filter(pk=worker.pk)
    if restrict(one, user, "change").exists():
        return
    if user.has_role(Role.SUPERVISOR) and one.filter(supervisors=user).exists():
        if supervisor.pk != user.pk:
            raise NotPermitted("You can record only the sessions you held yourself.", field="supervisor")
        return
    raise NotPermitted("You can record sessions only for workers you supervise or manage.")


def check_may_record_training(*, user: User, worker: m.PeerWorker) -> None:
    """Managers and HR record training for the workers they manage; a peer worker for themselves.

    Ask it about a worker `user` may see (a door answers "no such worker" for any other).
    """
    if worker.user_id == user.pk:
        return
    if not restrict(m.PeerWorker.objects.filter(pk=worker.pk), user, "change").exists():
        raise NotPermitted("You can record training only for workers you manage, or for yourself.")


class Wellbeing(HROnly):
    """Only the worker, their own line manager and HR; never supervisors, never anyone else."""

    def scope(self, queryset: QuerySet, user: User, action: Action) -> QuerySet:
        if is_hr(user):
            return queryset
        return _scoped(queryset, Q(worker__user=user) | own_line_manager_condition(user, "worker__"))

    def may_create(self, user: User) -> bool:
        return user.has_role(Role.HR, Role.LINE_MANAGER, Role.PEER_WORKER)


@register
class WellnessActionPlanVisibility(Wellbeing):
    model = m.WellnessActionPlan

    def scope(self, queryset: QuerySet, user: User, action: Action) -> QuerySet:
        if action == "view":
            return super().scope(queryset, user, action)
        # Written by the worker alone: it is their plan.
        return _scoped(queryset, Q(worker__user=user))

    def may_create(self, user: User) -> bool:
        return user.has_role(Role.PEER_WORKER)


@register
class ReasonableAdjustmentVisibility(Wellbeing):
    model = m.ReasonableAdjustment


# --- onboarding -------------------------------------------------------------------------------


def onboarding_manager_condition(user: User, prefix: str = "") -> Q:
    """Onboarding items (of workers via `prefix`) whose owner and due date this user may change:
    the worker's line manager, or a manager of their team. HR is let through before this is asked."""
    return manager_condition(user, f"{prefix}worker__")


@register
class OnboardingItemVisibility(HROnly):
    """HR: every checklist. A line manager: their team's workers'; a supervisor: their supervisees';
    the worker: their own; and anyone the items they own, whoever the worker is.

    Changing an item (marking it done, its notes) is for its owner, the worker's managers and HR;
    which change each may make (only managers and HR move the owner or the due date) is the
    service's to say, through `may_manage_onboarding`."""

    model = m.OnboardingItem

    def scope(self, queryset: QuerySet, user: User, action: Action) -> QuerySet:
        if is_hr(user):
            return queryset
        if action == "view":
            return _scoped(queryset, worker_condition(user, "worker__") | Q(owner=user))
        if action == "change":
            return _scoped(queryset, onboarding_manager_condition(user) | Q(owner=user))
        if action == "delete":  # a step added by mistake (the service says which may go)
            return _scoped(queryset, onboarding_manager_condition(user))
        return queryset.none()

    def may_create(self, user: User) -> bool:
        return user.has_role(Role.HR, Role.LINE_MANAGER)


def may_manage_onboarding(user: User, worker: m.PeerWorker) -> bool:
    """HR (and admins), or a manager of the worker: they add steps and move owners and due dates."""
    if user.is_superuser or user.has_role(Role.HR, Role.ADMIN):
        return True
    return m.PeerWorker.objects.filter(pk=worker.pk).filter(manager_condition(user)).exists()


def check_may_manage_onboarding(user: User, worker: m.PeerWorker) -> None:
    if not may_manage_onboarding(user, worker):
        raise NotPermitted("Only HR or the worker's line manager can change who does a step or when.")


def check_may_tick_onboarding(user: User, item: m.OnboardingItem) -> None:
    """The step's owner, the worker's managers and HR mark it done or not done."""
    if item.owner_id == user.pk or may_manage_onboarding(user, item.worker):
        return
    raise NotPermitted("Only the person who owns this step, the worker's line manager or HR can mark it.")


def check_may_edit_onboarding_template(user: User) -> None:
    """HR keeps the template (the reference rule's writers, as for the pathway and courses)."""
    if not may_create(user, m.OnboardingTemplateItem):
        raise NotPermitted("Only HR can change the onboarding template.")


def may_see_onboarding_report(user: User) -> bool:
    """The completion report is HR's: they own the data, and it names directorates, not people."""
    return user.is_superuser or user.has_role(Role.HR, Role.ADMIN)


def check_may_start_onboarding(user: User) -> None:
    """HR makes a checklist (on hiring, or later for a worker who has none), as HR starts a worker."""
    if not may_create(user, m.PeerWorker):
        raise NotPermitted("Only HR can start an onboarding checklist.")
