"""A believable, synthetic year of involvement for the demo trust. No real person's details.

Past events are written as history (rows as they would have been left), future ones through
the services. Seeded from a fixed number, so every laptop gets the same year.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.models import Team, User
from involvement import models as m

DEMO_DOMAIN = "demo.example"
FIRST = [
    "Avery",
    "Bailey",
    "Casey",
    "Dale",
    "Eden",
    "Finley",
    "Gray",
    "Harley",
    "Indy",
    "Jules",
    "Kit",
    "Lane",
    "Marley",
    "Noel",
    "Oakley",
    "Parker",
    "Quinn",
    "Reese",
    "Sage",
    "Tate",
    "Umi",
    "Vale",
    "Wren",
    "Yael",
    "Zion",
    "Arden",
    "Blair",
    "Cameron",
    "Darcy",
    "Ellis",
]
LAST = [
    "Ashdown",
    "Brookfield",
    "Copperfield",
    "Dunmore",
    "Elmwood",
    "Fairhaven",
    "Glenmoor",
    "Hollins",
    "Ivybridge",
    "Juniper",
    "Kestrel",
    "Larkspur",
    "Millbank",
    "Northcote",
    "Oakridge",
    "Pennywell",
]
PRONOUNS = ["she/her", "he/him", "they/them", "", "she/they"]
PARTNERS = [
    ("Lantern Voluntary Services (demo)", m.PartnerOrganisation.Kind.VOLUNTARY),
    ("Greenway Carers Network (demo)", m.PartnerOrganisation.Kind.COMMUNITY),
    ("Northgate Faith Forum (demo)", m.PartnerOrganisation.Kind.FAITH),
    ("Harbour Recovery Co-operative (demo)", m.PartnerOrganisation.Kind.SOCIAL_ENTERPRISE),
    ("Open Door Community Project (demo)", m.PartnerOrganisation.Kind.COMMUNITY),
]
# (title, kind code, rung) for one-off activities; rungs lean to the top of the ladder, as they should.
ACTIVITIES = [
    ("Co-designing the crisis plan template", "co-production-workshop", m.Rung.CO_DESIGN),
    ("Carers' experience listening event", "consultation-event", m.Rung.CONSULTATION),
    ("Recovery college course co-production", "co-production-workshop", m.Rung.CO_PRODUCTION),
    ("Reviewing the discharge leaflet", "document-review", m.Rung.CONSULTATION),
    ("Peer support worker interview panel", "interview-panel", m.Rung.ENGAGEMENT),
    ("Training new staff: lived experience session", "training-delivery", m.Rung.CO_PRODUCTION),
    ("Ward environment walk-round and evaluation", "monitoring-evaluation", m.Rung.ENGAGEMENT),
    ("Peer support group for carers", "peer-support-group", m.Rung.CO_PRODUCTION),
    ("Information session: new community model", "consultation-event", m.Rung.INFORMING),
    ("Co-designing the welcome pack for Oak Ward", "co-production-workshop", m.Rung.CO_DESIGN),
    ("Feedback survey design with service users", "monitoring-evaluation", m.Rung.CO_DESIGN),
    ("Digital access workshop", "co-production-workshop", m.Rung.ENGAGEMENT),
]


def _person_name(rng: random.Random, index: int) -> str:
    return f"{FIRST[index % len(FIRST)]} {LAST[(index * 7 + rng.randrange(len(LAST))) % len(LAST)]}"


@transaction.atomic
def seed() -> dict[str, int]:
    if m.Participant.objects.filter(email__endswith=f"@{DEMO_DOMAIN}").exists():
        return {}
    rng = random.Random(2026)  # noqa: S311 - demo data, not security
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    lead = User.objects.filter(groups__name="involvement_lead").first()
    teams = list(Team.objects.filter(kind=Team.Kind.TEAM))
    themes = list(m.Theme.objects.all())
    kinds = {k.code: k for k in m.ActivityKind.objects.all()}
    if not (lead and teams and kinds):
        return {}

    partners = [
        m.PartnerOrganisation.objects.get_or_create(name=name, defaults={"kind": kind})[0]
        for name, kind in PARTNERS
    ]
    for partner in partners:
        m.PartnerContact.objects.get_or_create(
            organisation=partner,
            name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            defaults={"job_title": "Partnership coordinator", "email": f"contact@{partner.pk}.{DEMO_DOMAIN}"},
        )

    participants = []
    for index in range(80):
        joined = (now - dt.timedelta(days=rng.randrange(30, 720))).date()
        withdrawn = index % 19 == 7
        status = m.Participant.Status.PAUSED if index % 23 == 5 else m.Participant.Status.ACTIVE
        person = m.Participant.objects.create(
            name=_person_name(rng, index),
            pronouns=rng.choice(PRONOUNS),
            email=f"register{index:03d}@{DEMO_DOMAIN}",
            phone=f"07700 900{index:03d}",  # Ofcom's range reserved for drama: never a real number
            postal_address=f"{index + 1} Demo Street\nTestville",
            payroll_reference=f"DEMO-PAY-{index:04d}",
            preferred_contact=rng.choice(m.Participant.ContactMethod.values),
            experience=rng.choice(m.Participant.Experience.values),
            accessibility_needs=rng.choice(["", "", "Step-free access", "Large print", "BSL interpreter"]),
            consent_given_at=timezone.make_aware(dt.datetime.combine(joined, dt.time(10))),
            consent_purposes="Invitations to activities and consultations",
            consent_withdrawn_at=now - dt.timedelta(days=20) if withdrawn else None,
            sharing_level=rng.choice(m.Participant.SharingLevel.values),
            payment_preference=rng.choices(m.Participant.PaymentPreference.values, weights=[7, 2, 1])[0],
            status=status,
            referred_by=rng.choice(partners) if index % 4 == 0 else None,
            joined_on=joined,
        )
        person.topics.set(rng.sample(themes, k=2))
        person.teams_of_interest.set(rng.sample(teams, k=1))
        participants.append(person)
    participant_login = User.objects.filter(email=f"participant@{DEMO_DOMAIN}").first()
    if participant_login:
        participants[0].user = participant_login
        participants[0].save(update_fields=["user"])
    contactable = [p for p in participants if p.may_be_contacted]

    activities: list[m.Activity] = []
    series = m.ActivitySeries.objects.create(
        title="Service user and carer steering group", frequency="monthly", occurrences=14, created_by=lead
    )
    first_meeting = (now - dt.timedelta(days=365)).replace(hour=14)
    for month in range(14):
        start = first_meeting + dt.timedelta(days=30 * month)
        activities.append(
            _activity(
                series.title, kinds["steering-group"], m.Rung.CO_PRODUCTION, start, 2, teams[0], lead, series
            )
        )
    for index in range(40):
        title, kind, rung = ACTIVITIES[index % len(ACTIVITIES)]
        start = (now - dt.timedelta(days=rng.randrange(-60, 360))).replace(hour=rng.choice([10, 13, 18]))
        activity = _activity(
            title, kinds[kind], rung, start, rng.choice([2, 3]), rng.choice(teams), lead, None
        )
        activity.partners.set(rng.sample(partners, k=rng.randrange(0, 2)))
        activities.append(activity)

    participations = 0
    for activity in activities:
        activity.themes.set(rng.sample(themes, k=2))
        invitees = rng.sample(contactable, k=min(len(contactable), rng.randrange(6, 15)))
        for person in invitees:
            past = activity.ends_at < now
            accepted = rng.random() < 0.8
            attended = past and accepted and rng.random() < 0.85
            m.Participation.objects.create(
                activity=activity,
                participant=person,
                role=m.ParticipationRole.PANEL_MEMBER
                if activity.kind.code == "interview-panel"
                else (
                    m.ParticipationRole.CO_FACILITATOR
                    if rng.random() < 0.1
                    else m.ParticipationRole.PARTICIPANT
                ),
                status=m.Participation.Status.ACCEPTED if accepted else m.Participation.Status.DECLINED,
                invited_at=activity.starts_at - dt.timedelta(days=21),
                invited_by=lead,
                responded_at=activity.starts_at - dt.timedelta(days=rng.randrange(2, 20)),
                attendance=(
                    m.Participation.Attendance.ATTENDED
                    if attended
                    else (
                        m.Participation.Attendance.NO_SHOW
                        if past and accepted
                        else m.Participation.Attendance.UNKNOWN
                    )
                ),
                hours=activity.length_hours if attended else (Decimal("0") if past and accepted else None),
            )
            participations += 1
        _finish(activity, now, rng)
    counts = {
        "participants": len(participants),
        "activities": len(activities),
        "participations": participations,
    }
    counts.update(_money(lead, kinds, activities, now, rng))
    counts.update(_consultations(lead, contactable, themes, activities, now, rng))
    return counts


def _activity(title, kind, rung, start, hours, team, lead, series) -> m.Activity:
    activity = m.Activity.objects.create(
        title=title,
        kind=kind,
        rung=rung,
        team=team,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=hours),
        venue="Demo Resource Centre, Room 2",
        capacity=16,
        series=series,
        accessibility_arrangements="Step-free access; hearing loop; quiet room available.",
    )
    activity.leads.set([lead])
    return activity


def _finish(activity: m.Activity, now: dt.datetime, rng: random.Random) -> None:
    """Move each activity to where it would be today: future ones open, past ones closed with a report."""
    if activity.starts_at > now:
        activity.status = (
            m.Activity.Status.OPEN if activity.starts_at - now < dt.timedelta(days=45) else "planned"
        )
    elif rng.random() < 0.05:
        activity.status = m.Activity.Status.CANCELLED
        activity.cancelled_reason = "Venue unavailable"
    elif now - activity.ends_at < dt.timedelta(days=7):
        activity.status = m.Activity.Status.HELD
    else:
        attended = activity.participations.filter(attendance="attended").count()
        activity.status = m.Activity.Status.CLOSED
        activity.closed_at = activity.ends_at + dt.timedelta(days=3)
        activity.report_summary = f"{attended} people took part and shared their experience of the service."
        activity.report_attendee_count = attended
        activity.report_changes_agreed = rng.choice(
            [
                "Clearer wording agreed for the letter people receive after assessment.",
                "Evening sessions added so carers who work can attend.",
                "Waiting area to be redecorated with people who use it.",
                "Crisis plan template to include who the person wants contacted.",
            ]
        )
    activity.save()


# Illustrative demo rates only: each trust sets its own rate card.
RATES = [
    ("co-production-workshop", "participant", "hour", "15.00"),
    ("co-production-workshop", "co_facilitator", "hour", "20.00"),
    ("steering-group", "participant", "session", "40.00"),
    ("steering-group", "co_facilitator", "session", "60.00"),
    ("interview-panel", "panel_member", "session", "75.00"),
    ("training-delivery", "co_facilitator", "hour", "25.00"),
    ("document-review", "participant", "hour", "15.00"),
    ("consultation-event", "participant", "hour", "15.00"),
    ("monitoring-evaluation", "participant", "hour", "15.00"),
]


def _money(lead, kinds, activities, now, rng) -> dict[str, int]:
    """A rate card, and claims for past attendance at every stage from submitted to paid."""
    from involvement import selectors, services
    from involvement.errors import InvolvementError

    finance = User.objects.filter(groups__name="finance").first()
    for kind, role, unit, amount in RATES:
        if (
            kind in kinds
            and not m.RateCardEntry.objects.filter(activity_kind=kinds[kind], role=role).exists()
        ):
            services.rate_card_entry_create(
                by=lead, activity_kind=kinds[kind], role=role, unit=unit, amount=Decimal(amount)
            )
    attended = m.Participation.objects.filter(
        activity__in=[a for a in activities if a.ends_at < now],
        attendance=m.Participation.Attendance.ATTENDED,
    ).select_related("activity")
    claims = 0
    for participation in attended:
        if rng.random() > 0.6:
            continue
        travel = [
            {
                "kind": "travel",
                "amount": Decimal(rng.choice(["3.20", "5.60", "12.40"])),
                "receipt_reference": f"BUS-{participation.pk}",
                "description": "Return bus fare",
            }
        ]
        try:
            claim = services.payment_claim_create(
                participation=participation, by=lead, expenses=travel if rng.random() < 0.5 else []
            )
        except InvolvementError:
            continue  # someone who chose no payment at all: no claim, as they asked
        claims += 1
        age = now - participation.activity.ends_at
        if age > dt.timedelta(days=20):
            over = selectors.over_threshold(selectors.claim_tax_year_total(claim))
            note = "Demo: talked through how the payments could affect their benefits." if over else ""
            services.payment_claim_approve(claim=claim, by=lead, benefits_conversation=note)
            if age > dt.timedelta(days=40) and finance:
                services.payment_claim_mark_paid(
                    claim=claim,
                    by=finance,
                    paid_on=timezone.localdate(),
                    payment_reference=f"DEMO-PAYROLL-{timezone.localdate():%Y%m}",
                )
        elif age > dt.timedelta(days=10) and rng.random() < 0.1:
            services.payment_claim_reject(claim=claim, by=lead, reason="Duplicate of a paper claim")
    return {"payment claims": claims}


CONSULTATIONS = [
    ("Draft crisis care pathway", "Tell us what would make the crisis pathway work for you.", -120, -90),
    ("Carers' charter refresh", "How should the trust support carers over the next three years?", -40, -5),
    ("New community mental health model", "Comment on the plan for neighbourhood teams.", -10, 20),
    ("Digital access strategy", "How do you want to use online services?", 15, 45),
]
SAID = [
    ("The discharge letter is full of jargon.", "Rewrite the letter with people who have received one."),
    (
        "Evening sessions would let working carers take part.",
        "Hold one steering group a quarter in the evening.",
    ),
    ("Nobody told me who to call in a crisis.", "Put the crisis line number on every appointment letter."),
    ("The waiting room feels cold and unwelcoming.", "Redecorate with people who use the service."),
    ("Payments take too long to arrive.", "Pay involvement claims within 30 days."),
    ("Peer workers should be on the ward at weekends.", "Trial weekend peer support on Oak Ward."),
]


def _consultations(lead, contactable, themes, activities, now, rng) -> dict[str, int]:
    """Consultations at every stage, their responses, and "you said, we did" with outcomes."""
    from involvement import services

    responses = 0
    made = []
    for title, summary, opens_in, closes_in in CONSULTATIONS:
        consultation = services.consultation_create(
            by=lead,
            title=title,
            summary=summary,
            owner=lead,
            opens_at=now + dt.timedelta(days=opens_in),
            closes_at=now + dt.timedelta(days=closes_in),
        )
        consultation.themes.set(rng.sample(themes, k=2))
        made.append(consultation)
        if opens_in > 0:
            continue  # still a draft
        # History: written as it would have been left, since its dates have passed.
        m.Consultation.objects.filter(pk=consultation.pk).update(status=m.Consultation.Status.OPEN)
        for person in rng.sample(contactable, k=12):
            m.ConsultationInvitation.objects.create(
                consultation=consultation,
                participant=person,
                invited_at=consultation.opens_at,
                invited_by=lead,
            )
            if rng.random() < 0.6:
                response = m.ConsultationResponse.objects.create(
                    consultation=consultation,
                    participant=person,
                    body="I would like the plan to say more about what happens after a crisis.",
                    submitted_at=min(now, consultation.opens_at + dt.timedelta(days=rng.randrange(1, 20))),
                )
                response.themes.set(rng.sample(themes, k=1))
                responses += 1
        if closes_in < 0:
            published = closes_in < -60
            m.Consultation.objects.filter(pk=consultation.pk).update(
                status=m.Consultation.Status.OUTCOME_PUBLISHED if published else m.Consultation.Status.CLOSED,
                closed_at=consultation.closes_at,
                outcome_summary="The pathway now starts with the person's own crisis plan."
                if published
                else "",
                outcome_published_at=consultation.closes_at + dt.timedelta(days=21) if published else None,
            )

    closed_activities = [a for a in activities if a.status == m.Activity.Status.CLOSED]
    items = 0
    for index, (said, action) in enumerate(SAID):
        source = {"consultation": made[0]} if index < 2 else {"activity": closed_activities[index]}
        item = services.feedback_item_create(
            by=lead,
            you_said=said,
            action=action,
            action_owner=lead,
            action_due=(now + dt.timedelta(days=30 * (index - 2))).date(),
            themes=rng.sample(themes, k=1),
            **source,
        )
        items += 1
        if index < 4:
            services.feedback_action_update(
                item=item, by=lead, status=m.FeedbackItem.ActionStatus.DONE, we_did=f"We did it: {action}"
            )
            services.feedback_item_publish(item=item, by=lead)
        elif index == 4:
            services.feedback_action_update(
                item=item, by=lead, status=m.FeedbackItem.ActionStatus.IN_PROGRESS
            )
    return {"consultations": len(made), "consultation responses": responses, "feedback items": items}
