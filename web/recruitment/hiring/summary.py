"""What the hiring area adds to an application's page (web/recruitment/vacancies): its interviews,
offer, checks and hire, as context for `web/recruitment/hiring/_on_application.html`.

Each part is read through its selector and `restrict()`, so a person sees only what the API would
show them (a panel member their own interview, never the offer or the checks), in a fixed number of
queries however many interviews, panel members and checks there are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from accounts.models import User
from accounts.visibility import may_create, restrict
from recruitment import selectors
from recruitment.models import Application, CheckKind, Interview, Offer, PanelMember, PreEmploymentCheck
from recruitment.services import checks_outstanding
from web.recruitment.hiring.common import application_href


@dataclass
class Seat:
    member: PanelMember
    name: str
    lived_experience: bool
    on_register: bool
    scored: int
    of: int
    mine: bool
    score_href: str = ""  # where this person (or HR for them) records the scores, if the viewer may

    @property
    def scores_done(self) -> bool:
        return self.of > 0 and self.scored >= self.of


@dataclass
class InterviewRow:
    interview: Interview
    seats: list[Seat]
    href: str
    may_change: bool
    sees_all_scores: bool
    my_seat: Seat | None = None


@dataclass
class CheckRow:
    check: PreEmploymentCheck
    href: str = ""


def seat_name(member: PanelMember) -> str:
    return member.user.display_name if member.user is not None else member.participant.name  # type: ignore[union-attr]


def _is_mine(member: PanelMember, user: User) -> bool:
    return member.user_id == user.pk or (
        member.participant is not None and member.participant.user_id == user.pk
    )


def interview_row(interview: Interview, user: User, *, may_change: bool, hr: bool) -> InterviewRow:
    """One interview as the viewer sees it: the panel, each seat's scores counted (only their own
    for a panel member: the others' scores are not theirs to see), and where to record scores."""
    criteria = len(interview.application.vacancy.criteria.all())
    pending = interview.outcome == Interview.Outcome.PENDING
    seats: list[Seat] = []
    mine: Seat | None = None
    for member in interview.panel.all():
        seat = Seat(
            member=member,
            name=seat_name(member),
            lived_experience=member.lived_experience,
            on_register=member.participant_id is not None,
            scored=member.scored,  # type: ignore[attr-defined]
            of=criteria,
            mine=_is_mine(member, user),
        )
        if pending and seat.mine:
            seat.score_href = reverse("web:recruitment:hiring-scores", kwargs={"pk": interview.pk})
        elif pending and hr and member.participant is not None and member.participant.user_id is None:
            # A register member without a login scores on paper; HR types the sheet in.
            seat.score_href = reverse(
                "web:recruitment:hiring-scores-for", kwargs={"pk": interview.pk, "seat": member.pk}
            )
        if seat.mine:
            mine = seat
        seats.append(seat)
    return InterviewRow(
        interview=interview,
        seats=seats,
        href=reverse("web:recruitment:hiring-interview", kwargs={"pk": interview.pk}),
        may_change=may_change,
        sees_all_scores=may_change or hr,
        my_seat=mine,
    )


def standard_order(check: PreEmploymentCheck) -> int:
    return CheckKind.values.index(check.kind)


def for_application(request: HttpRequest, application: Application) -> dict[str, Any]:
    """What the application page's hiring section shows, given to the partial as `hiring`:
    `interviews` (InterviewRow), `offers` (latest first) and `live_offer`, `checks` (CheckRow, in the
    standards' order) and `outstanding` (required checks not yet clear), `flags` (what the viewer
    may do now) and `links` (the hiring pages for this application)."""
    user: User = request.user  # type: ignore[assignment]
    pk = application.pk
    hr = may_create(user, Offer)  # HR (and admins): offers, checks and the hire are theirs
    may_change_application = restrict(Application.objects.filter(pk=pk), user, "change").exists()
    interviews = list(
        restrict(selectors.interview_panels(), user).filter(application_id=pk).order_by("starts_at", "pk")
    )
    changeable = set(
        restrict(Interview.objects.filter(application_id=pk), user, "change").values_list("pk", flat=True)
    )
    offers = list(
        restrict(selectors.offer_list(), user).filter(application_id=pk).order_by("-made_at", "-pk")
    )
    live = next(
        (offer for offer in offers if offer.status in (Offer.Status.MADE, Offer.Status.ACCEPTED)), None
    )
    checks = sorted(restrict(selectors.check_list(), user).filter(application_id=pk), key=standard_order)
    ended = application.stage.is_end
    hired = application.hired_worker_id is not None
    accepted = live is not None and live.status == Offer.Status.ACCEPTED
    flags = {
        "hr": hr,
        "may_schedule": may_change_application and may_create(user, Interview) and not ended and not hired,
        "may_offer": hr and live is None and not ended and not hired,
        "may_answer": hr and live is not None and live.status == Offer.Status.MADE,
        "may_withdraw": hr and live is not None and not hired,
        "sees_checks": hr or may_change_application,
        "may_hire": hr and accepted and bool(checks) and not hired and not ended,
        "hired": hired,
        "ended": ended,
    }
    links = {
        "application": application_href(application),
        "schedule": reverse("web:recruitment:hiring-schedule", kwargs={"pk": pk}),
        "offer": reverse("web:recruitment:hiring-offer", kwargs={"pk": pk}),
        "checks": reverse("web:recruitment:hiring-checks", kwargs={"pk": pk}),
        "hire": reverse("web:recruitment:hiring-hire", kwargs={"pk": pk}),
    }
    if live is not None:
        links["answer"] = reverse("web:recruitment:hiring-offer-answer", kwargs={"pk": live.pk})
        links["withdraw"] = reverse("web:recruitment:hiring-offer-withdraw", kwargs={"pk": live.pk})
    return {
        "application": application,
        "interviews": [interview_row(i, user, may_change=i.pk in changeable, hr=hr) for i in interviews],
        "offers": offers,
        "live_offer": live,
        "checks": [
            CheckRow(check, reverse("web:recruitment:hiring-check", kwargs={"pk": check.pk}) if hr else "")
            for check in checks
        ],
        "outstanding": checks_outstanding(checks),
        "flags": flags,
        "links": links,
    }
