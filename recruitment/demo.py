"""A synthetic year of recruitment for the demo trust: adverts, applicants, panels, offers, hires.

Each step goes through the services, which keep the rules (the first move, the post limit, the
checks, the hire that makes a peer worker); the rows are then dated to when the step happened.
Panels older than a fortnight are written as history rows, as involvement/demo.py does. Seeded
from a fixed number, so every laptop gets the same year. No real person's details.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts.errors import DomainError
from accounts.models import Team, User
from involvement.models import Participant, PartnerOrganisation
from peers import demo as peers_demo
from peers import services as peers
from peers.models import PathwayLevel, PeerWorker
from peers.services.workers import WorkerChanges
from recruitment import models as m
from recruitment import services

DEMO_DOMAIN = "demo.example"
FIRST = [
    "Adair",
    "Bex",
    "Corin",
    "Devon",
    "Emrys",
    "Fen",
    "Gale",
    "Hayden",
    "Ira",
    "Jesse",
    "Kerry",
    "Lindsay",
]
LAST = [
    "Amberfield",
    "Bellweather",
    "Cobblestone",
    "Dunlin",
    "Everglade",
    "Foxhollow",
    "Greenacre",
    "Heathcote",
]
ADJUSTMENTS = [
    "Interview questions sent a day in advance",
    "A quiet room to wait in before the interview",
    "Extra time for the written exercise",
    "Interview held online rather than in person",
    "A break part way through the interview",
    "Large print papers",
    "A BSL interpreter",
]
CRITERIA = [
    "Uses their own lived experience with purpose and care",
    "Builds mutual, hopeful relationships",
    "Works well in a team and knows when to ask for help",
]
EQUALITY = {
    "ethnic_group": {"white": 68, "asian": 10, "black": 8, "mixed": 6, "other": 3, "prefer_not_to_say": 5},
    "disabled": {"yes": 24, "no": 66, "prefer_not_to_say": 10},
    "sex": {"female": 58, "male": 37, "prefer_not_to_say": 5},
    "age_band": {
        "under_25": 12,
        "25_34": 26,
        "35_44": 24,
        "45_54": 20,
        "55_64": 12,
        "65_plus": 2,
        "prefer_not_to_say": 4,
    },
    "lgb_plus": {"yes": 12, "no": 78, "prefer_not_to_say": 10},
    "gender_same_as_at_birth": {"yes": 91, "no": 2, "prefer_not_to_say": 7},
}
SOURCES = {"open_advert": 50, "involvement_register": 25, "partner_referral": 15, "internal_move": 10}


@dataclass(frozen=True)
class Advert:
    title: str
    team: str
    level: str
    opened_days_ago: int
    posts: int
    applications: int
    fate: str  # filled, declined, checks, interviews_soon, open, draft, withdrawn


ADVERTS = [
    Advert("Peer support worker", "cmht-north", "psw", 330, 2, 24, "filled"),
    Advert("Senior peer support worker", "cmht-south", "senior-psw", 290, 1, 12, "filled"),
    Advert("Peer support worker, Oak Ward", "ward-oak", "psw", 250, 2, 18, "filled"),
    Advert("Recovery College peer trainer", "recovery-college", "peer-trainer", 210, 1, 10, "declined"),
    Advert("Peer support worker, crisis and home treatment", "crisis-home", "psw", 170, 2, 22, "filled"),
    Advert("Peer support worker, community rehabilitation", "cmht-south", "psw", 150, 1, 6, "withdrawn"),
    Advert("Youth peer support worker", "camhs-east", "psw", 125, 1, 9, "filled"),
    Advert("Peer support worker", "cmht-north", "psw", 90, 1, 16, "filled"),
    Advert("Peer worker, carers' lead", "involvement-team", "senior-psw", 50, 1, 14, "checks"),
    Advert("Peer support worker, Oak Ward nights", "ward-oak", "psw", 35, 2, 20, "interviews_soon"),
    Advert("Senior peer support worker", "crisis-home", "senior-psw", 10, 1, 7, "open"),
    Advert("Peer trainer, CAMHS", "camhs-east", "peer-trainer", -14, 1, 0, "draft"),
]


def _at(day: dt.datetime, hour: int = 10) -> dt.datetime:
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


class _Year:
    """One pass over the adverts; keeps the people, the clock and the counts."""

    def __init__(self, *, hr, manager, supervisor, peer, teams, levels, register, partners):
        self.rng = random.Random(2027)  # noqa: S311 - demo data, not security
        self.now = timezone.now()
        self.hr, self.manager, self.supervisor, self.peer = hr, manager, supervisor, peer
        self.teams, self.levels, self.partners = teams, levels, partners
        # Some register members sit on panels; others apply. Nobody sits on their own panel.
        self.panel_pool, self.applicant_pool = register[:12], register[12:]
        self.people = 0
        self.hires = 0
        self.counts = {"vacancies": 0, "applications": 0, "interviews": 0, "offers": 0, "hires": 0}

    # --- dating what the services did ---------------------------------------------------------

    def _date_last_move(self, application: m.Application, when: dt.datetime) -> None:
        move = application.moves.order_by("-id").first()
        m.StageMove.objects.filter(pk=move.pk).update(at=when)
        m.Application.objects.filter(pk=application.pk).update(stage_entered_at=when)

    def advance(self, application, code: str, when: dt.datetime, reason: str = "") -> m.Application:
        stage = application.vacancy.stages.get(code=code)
        application = services.application_advance(
            application=application, to_stage=stage, by=self.hr, reason=reason
        )
        self._date_last_move(application, when)
        return application

    # --- the year -----------------------------------------------------------------------------

    def run(self) -> dict[str, int]:
        for advert in ADVERTS:
            self.vacancy(advert)
        return self.counts

    def vacancy(self, advert: Advert) -> None:
        opens = _at(self.now - dt.timedelta(days=advert.opened_days_ago), 9)
        closes = _at(opens + dt.timedelta(days=28), 17)
        level = self.levels[advert.level]
        vacancy = services.vacancy_create(
            by=self.hr,
            title=advert.title,
            level=level,
            team=self.teams[advert.team],
            hiring_manager=self.manager,
            posts=advert.posts,
            lived_experience_role=True,
            lived_experience_criteria="Personal lived experience of mental health challenges and recovery, "
            "and the wish to use it to support others.",
            advert_text=f"Join {self.teams[advert.team].name} as a {level.name.lower()}. "
            "We welcome applications from people on our involvement register.",
            opens_at=opens,
            closes_at=max(closes, self.now + dt.timedelta(hours=1)),
        )
        self.counts["vacancies"] += 1
        for order, name in enumerate(CRITERIA):
            services.criterion_create(vacancy=vacancy, name=name, by=self.hr, order=order)
        if advert.fate == "draft":
            return
        vacancy = services.vacancy_open(vacancy=vacancy, by=self.hr)
        applications = [self.apply(vacancy, opens, min(closes, self.now)) for _ in range(advert.applications)]
        if closes <= self.now:
            m.Vacancy.objects.filter(pk=vacancy.pk).update(closes_at=closes)
            vacancy = services.vacancy_close(vacancy=vacancy, by=None, now=closes)
        if advert.fate == "withdrawn":
            for application in applications:
                self.advance(application, "withdrawn", closes + dt.timedelta(days=2), "Vacancy withdrawn")
            services.vacancy_withdraw(vacancy=vacancy, by=self.hr)
            return
        if advert.fate == "open":
            return
        self.pipeline(vacancy, advert, applications, closes)

    def apply(self, vacancy: m.Vacancy, opens: dt.datetime, until: dt.datetime) -> m.Application:
        rng = self.rng
        source = rng.choices(list(SOURCES), weights=list(SOURCES.values()))[0]
        extra: dict = {}
        taken = set(vacancy.applications.values_list("email", flat=True))
        free = [p for p in self.applicant_pool if p.email not in taken]
        if source == "involvement_register" and free:
            person = rng.choice(free)
            name, email = person.name, person.email
            extra["participant"] = person
        else:
            source = "open_advert" if source == "involvement_register" else source
            self.people += 1
            name = f"{FIRST[self.people % len(FIRST)]} {LAST[(self.people * 5) % len(LAST)]}"
            email = f"applicant{self.people:03d}@{DEMO_DOMAIN}"
        if source == "partner_referral":
            extra["referred_by"] = rng.choice(self.partners) if self.partners else None
            if extra["referred_by"] is None:
                source = "open_advert"
                extra.pop("referred_by")
        asked = rng.sample(ADJUSTMENTS, k=rng.choice([0, 0, 0, 1, 1, 2]))
        application = services.application_create(
            vacancy=vacancy,
            by=None,
            applicant_name=name,
            email=email,
            source=source,
            phone=f"07700 900{self.people % 1000:03d}",  # Ofcom's drama range: never a real number
            supporting_statement="I want to use what helped me in my own recovery to walk alongside others.",
            adjustments=asked,
            equality={q: rng.choices(list(w), weights=list(w.values()))[0] for q, w in EQUALITY.items()},
            **extra,
        )
        span = max(1, int((until - opens).total_seconds() // 3600) - 1)
        applied = opens + dt.timedelta(hours=rng.randrange(span))
        m.Application.objects.filter(pk=application.pk).update(applied_at=applied, stage_entered_at=applied)
        application.moves.update(at=applied)
        decided = applied + dt.timedelta(days=3)
        for adjustment in application.adjustments.all():
            if decided > self.now:
                continue
            provided = rng.random() < 0.85
            services.adjustment_decide(
                adjustment=adjustment,
                provided=provided,
                by=self.hr,
                note="" if provided else "Not possible at the venue; offered an online interview instead.",
            )
            m.AdjustmentRequest.objects.filter(pk=adjustment.pk).update(decided_at=decided)
        self.counts["applications"] += 1
        application.refresh_from_db()
        return application

    def pipeline(self, vacancy, advert: Advert, applications, closes: dt.datetime) -> None:
        rng = self.rng
        shortlist_at = _at(closes + dt.timedelta(days=3))
        invite_at = _at(closes + dt.timedelta(days=4))
        first_interview = _at(closes + dt.timedelta(days=10))
        if invite_at > self.now:
            return
        rng.shuffle(applications)
        count = max(advert.posts + 2, round(len(applications) * 0.45))
        shortlist, rest = applications[:count], applications[count:]
        for application in rest:
            self.advance(application, "rejected", shortlist_at, "Did not show the essential criteria")
        invited = []
        for application in shortlist:
            application = self.advance(application, "shortlisted", shortlist_at)
            if rng.random() < 0.08:
                self.advance(application, "withdrawn", invite_at, "Took another job")
                continue
            invited.append(self.advance(application, "interview", invite_at))

        appointable = []
        for index, application in enumerate(invited):
            starts = first_interview + dt.timedelta(days=index // 3, hours=(index % 3) * 2)
            interview = self.interview(vacancy, application, starts, index)
            if interview.outcome == m.Interview.Outcome.APPOINTABLE:
                appointable.append(application)
            elif interview.outcome == m.Interview.Outcome.NOT_APPOINTABLE:
                self.advance(
                    application, "rejected", starts + dt.timedelta(days=1), "Not appointable at interview"
                )
        if not invited or first_interview + dt.timedelta(days=len(invited) // 3 + 2) > self.now:
            return
        offer_at = _at(first_interview + dt.timedelta(days=len(invited) // 3 + 2), 11)
        chosen, others = appointable[: advert.posts], appointable[advert.posts :]
        for application in others:
            self.advance(application, "rejected", offer_at, "Appointable; no post this time, kept on file")
        for application in chosen:
            self.offer(application, advert, offer_at)

    def interview(self, vacancy, application, starts: dt.datetime, index: int) -> m.Interview:
        rng = self.rng
        ends = starts + dt.timedelta(hours=1)
        person = self.panel_pool[(vacancy.pk + index) % len(self.panel_pool)] if self.panel_pool else None
        appointable = rng.random() < 0.55
        outcome = m.Interview.Outcome.APPOINTABLE if appointable else m.Interview.Outcome.NOT_APPOINTABLE
        self.counts["interviews"] += 1
        if starts < self.now - dt.timedelta(days=14):
            return self._past_interview(vacancy, application, starts, ends, person, outcome, index)
        panel = [{"user": self.manager}]
        panel += [{"participant": person}] if person else [{"user": self.peer, "lived_experience": True}]
        interview = services.interview_schedule(
            application=application,
            starts_at=starts,
            ends_at=ends,
            panel=panel,
            by=self.hr,
            location="Demo Resource Centre, Room 3",
        )
        if starts > self.now:
            return interview  # still to come: the panel has its invitation and nothing more
        for member in interview.panel.all():
            for criterion in vacancy.criteria.all():
                services.score_record(
                    interview=interview,
                    panel_member=member,
                    criterion=criterion,
                    score=rng.randint(3, 5) if appointable else rng.randint(1, 3),
                    by=self.hr,
                )
        try:
            return services.interview_record_outcome(interview=interview, outcome=outcome, by=self.hr)
        except DomainError:
            return interview  # no panel rate on the card: the outcome waits for one

    def _past_interview(self, vacancy, application, starts, ends, person, outcome, index) -> m.Interview:
        """An old panel, written as the rows it left (its register member was paid through involvement)."""
        # Now and then the register member could not come: the panel went ahead with a recorded reason.
        override = "Register member unwell on the day; agreed to go ahead." if index % 7 == 3 else ""
        interview = m.Interview.objects.create(
            application=application,
            starts_at=starts,
            ends_at=ends,
            location="Demo Resource Centre, Room 3",
            panel_override_reason=override,
            outcome=outcome,
            outcome_at=ends,
            outcome_by=self.hr,
            outcome_notes="Strong examples of using lived experience."
            if outcome == m.Interview.Outcome.APPOINTABLE
            else "",
        )
        members = [m.PanelMember.objects.create(interview=interview, user=self.manager)]
        if self.supervisor:
            members.append(m.PanelMember.objects.create(interview=interview, user=self.supervisor))
        if person and not override:
            members.append(
                m.PanelMember.objects.create(interview=interview, participant=person, lived_experience=True)
            )
        appointable = outcome == m.Interview.Outcome.APPOINTABLE
        m.Score.objects.bulk_create(
            m.Score(
                interview=interview,
                panel_member=member,
                criterion=criterion,
                score=self.rng.randint(3, 5) if appointable else self.rng.randint(1, 3),
            )
            for member in members
            for criterion in vacancy.criteria.all()
        )
        return interview

    def offer(self, application, advert: Advert, offer_at: dt.datetime) -> None:
        rng = self.rng
        today = timezone.localdate()
        start = offer_at.date() + dt.timedelta(days=42)
        application = self.advance(application, "offer", offer_at)
        offer = services.offer_make(
            application=application,
            start_date=max(start, today),
            salary_point=f"Band {self.levels[advert.level].band}, entry step point",
            by=self.hr,
        )
        m.Offer.objects.filter(pk=offer.pk).update(made_at=offer_at, start_date=start)
        self.counts["offers"] += 1
        respond_at = offer_at + dt.timedelta(days=3)
        if respond_at > self.now:
            return
        accepted = advert.fate != "declined"
        # The answer moves the application on by itself: to withdrawn, or to the checks.
        services.offer_respond(offer=offer, accepted=accepted, by=self.hr)
        m.Offer.objects.filter(pk=offer.pk).update(responded_at=respond_at)
        self._date_last_move(application, respond_at)
        if not accepted:
            return
        checks_at = respond_at + dt.timedelta(days=rng.randint(10, 20))
        application.refresh_from_db()
        for check in application.checks.all():
            if advert.fate == "checks" and check.kind not in ("identity", "right_to_work"):
                if check.kind == m.CheckKind.DBS:
                    services.check_update(check=check, by=self.hr, status="in_progress")
                continue
            if check.kind == m.CheckKind.REGISTRATION:
                services.check_update(
                    check=check, by=self.hr, required=False, notes="No registration for this role"
                )
                continue
            certificate = min(today, (respond_at + dt.timedelta(days=7)).date())
            services.check_update(
                check=check,
                by=self.hr,
                status="clear",
                dbs_certificate_date=certificate if check.kind == m.CheckKind.DBS else None,
            )
        hire_at = checks_at + dt.timedelta(days=1)
        if advert.fate == "checks" or hire_at > self.now:
            return
        self.hires += 1
        worker = services.application_hire(
            application=application, employee_number=f"DEMO-R{self.hires:04d}", by=self.hr
        )
        self._date_last_move(application, hire_at)
        # Their onboarding checklist, dated from their start and done up to a week ago.
        peers_demo.date_onboarding(worker, today=today, done_before=today - dt.timedelta(days=7))
        # Their life as a peer worker carries on in peers: a supervisor, and probation passed if it is due.
        passed = worker.probation_review_date and worker.probation_review_date < today
        changes: WorkerChanges = {"status": PeerWorker.Status.ACTIVE} if passed else {}
        peers.peer_worker_update(
            worker=worker,
            by=self.manager,
            supervisors=[self.supervisor] if self.supervisor else None,
            **changes,
        )
        self.counts["hires"] += 1
        if application.participant_id:  # now employed: they apply for no more peer posts this year
            self.applicant_pool = [p for p in self.applicant_pool if p.pk != application.participant_id]


@transaction.atomic
def seed() -> dict[str, int]:
    if m.Vacancy.objects.filter(hiring_manager__email=f"manager@{DEMO_DOMAIN}").exists():
        return {}
    hr = User.objects.filter(email=f"hr@{DEMO_DOMAIN}").first()
    manager = User.objects.filter(email=f"manager@{DEMO_DOMAIN}").first()
    teams = {t.code: t for t in Team.objects.filter(code__in={a.team for a in ADVERTS})}
    levels = {level.code: level for level in PathwayLevel.objects.all()}
    needed_levels = {a.level for a in ADVERTS}
    if not (hr and manager and len(teams) == len({a.team for a in ADVERTS}) and needed_levels <= set(levels)):
        return {}
    if not m.PipelineTemplate.objects.filter(is_default=True).exists():
        return {}
    register = list(
        Participant.objects.filter(
            email__endswith=f"@{DEMO_DOMAIN}",
            consent_given_at__isnull=False,
            consent_withdrawn_at__isnull=True,
            status=Participant.Status.ACTIVE,
            user__isnull=True,
        ).order_by("email")
    )
    year = _Year(
        hr=hr,
        manager=manager,
        supervisor=User.objects.filter(email=f"supervisor@{DEMO_DOMAIN}").first(),
        peer=User.objects.filter(email=f"peer@{DEMO_DOMAIN}").first() or hr,
        teams=teams,
        levels=levels,
        register=register,
        partners=list(PartnerOrganisation.objects.filter(name__endswith="(demo)").order_by("name")),
    )
    return year.run()
