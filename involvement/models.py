"""The involvement register, activities and who took part, consultations, feedback and payments."""

from __future__ import annotations

from decimal import Decimal
from typing import TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Round
from simple_history.models import HistoricalRecords

from accounts.models import Team


class Money(TypedDict):
    max_digits: int
    decimal_places: int


# Pounds and pence, up to £99,999,999.99: spread into every money field and serializer.
MONEY: Money = {"max_digits": 10, "decimal_places": 2}


class Theme(models.Model):
    """A tag for activities and feedback: the "I" statements and the narrative's groupings."""

    class Group(models.TextChoices):
        I_STATEMENT = "i_statement", '"I" statement'
        NARRATIVE = "narrative", "Narrative area"
        TOPIC = "topic", "Topic"

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    group = models.CharField(max_length=20, choices=Group.choices, default=Group.TOPIC)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["group", "name"]

    def __str__(self) -> str:
        return self.name


class ActivityKind(models.Model):
    """The trust-editable list of kinds of activity (workshop, steering group, panel...)."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120, unique=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PartnerOrganisation(models.Model):
    """A voluntary, community, faith or social enterprise (VCFSE) partner."""

    class Kind(models.TextChoices):
        VOLUNTARY = "voluntary", "Voluntary"
        COMMUNITY = "community", "Community"
        FAITH = "faith", "Faith"
        SOCIAL_ENTERPRISE = "social_enterprise", "Social enterprise"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    website = models.URLField(blank=True)
    description = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PartnerContact(models.Model):
    organisation = models.ForeignKey(PartnerOrganisation, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class Participant(models.Model):
    """A service user or carer on the involvement register."""

    class Experience(models.TextChoices):
        SERVICE_USER = "service_user", "Service user"
        CARER = "carer", "Carer"
        BOTH = "both", "Service user and carer"

    class ContactMethod(models.TextChoices):
        EMAIL = "email", "Email"
        PHONE = "phone", "Phone call"
        TEXT = "text", "Text message"
        POST = "post", "Post"

    class SharingLevel(models.TextChoices):
        # Who, beyond involvement leads, may see this person's contact details and needs.
        LEADS_ONLY = "leads_only", "Involvement leads only"
        ACTIVITY_LEADS = "activity_leads", "Also the leads of activities I take part in"

    class PaymentPreference(models.TextChoices):
        PAID = "paid", "Paid involvement and expenses"
        EXPENSES_ONLY = "expenses_only", "Expenses only"
        NONE = "none", "No payment"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        PAUSED = "paused", "Paused"
        LEFT = "left", "Left"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participant",
    )
    name = models.CharField(max_length=200)
    pronouns = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    postal_address = models.TextField(blank=True)
    preferred_contact = models.CharField(
        max_length=10, choices=ContactMethod.choices, default=ContactMethod.EMAIL
    )
    experience = models.CharField(max_length=20, choices=Experience.choices)
    topics = models.ManyToManyField(Theme, blank=True, related_name="interested_participants")
    teams_of_interest = models.ManyToManyField(Team, blank=True, related_name="interested_participants")
    accessibility_needs = models.TextField(blank=True, help_text="Needs and agreed adjustments.")
    consent_given_at = models.DateTimeField(null=True, blank=True)
    consent_purposes = models.CharField(
        max_length=300, blank=True, help_text="What the person agreed to be contacted about."
    )
    consent_withdrawn_at = models.DateTimeField(null=True, blank=True)
    sharing_level = models.CharField(
        max_length=20, choices=SharingLevel.choices, default=SharingLevel.LEADS_ONLY
    )
    payment_preference = models.CharField(
        max_length=20, choices=PaymentPreference.choices, default=PaymentPreference.PAID
    )
    # Bank details stay in the trust's payroll system; this number is how finance finds the person there.
    payroll_reference = models.CharField(
        max_length=50, blank=True, help_text="The trust's payroll or supplier number for this person."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    referred_by = models.ForeignKey(
        PartnerOrganisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals"
    )
    joined_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                name="participant_withdrawal_after_consent",
                condition=Q(consent_withdrawn_at__isnull=True)
                | Q(consent_given_at__isnull=False, consent_withdrawn_at__gte=F("consent_given_at")),
                violation_error_message="Consent can only be withdrawn after it was given.",
            ),
        ]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.consent_withdrawn_at and (
            not self.consent_given_at or self.consent_withdrawn_at < self.consent_given_at
        ):
            raise ValidationError(
                {"consent_withdrawn_at": "Consent can only be withdrawn after it was given."}
            )

    @property
    def may_be_contacted(self) -> bool:
        """Consent given and not withdrawn, and still an active member of the register."""
        return (
            self.consent_given_at is not None
            and self.consent_withdrawn_at is None
            and self.status == self.Status.ACTIVE
        )


class Rung(models.TextChoices):
    """The TLAP ladder of co-production, lowest first."""

    COERCION = "coercion", "Coercion"
    EDUCATING = "educating", "Educating"
    INFORMING = "informing", "Informing"
    CONSULTATION = "consultation", "Consultation"
    ENGAGEMENT = "engagement", "Engagement"
    CO_DESIGN = "co_design", "Co-design"
    CO_PRODUCTION = "co_production", "Co-production"


RUNG_ORDER = {value: index for index, value in enumerate(Rung.values)}


class ActivitySeries(models.Model):
    """A repeating activity (a monthly steering group, say), scheduled once as many occurrences."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", "Weekly"
        FORTNIGHTLY = "fortnightly", "Every two weeks"
        MONTHLY = "monthly", "Monthly"

    title = models.CharField(max_length=200)
    frequency = models.CharField(max_length=20, choices=Frequency.choices)
    occurrences = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "activity series"

    def __str__(self) -> str:
        return f"{self.title} ({self.get_frequency_display().lower()})"


class Activity(models.Model):
    """A co-production activity or event, on one rung of the ladder."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        OPEN = "open", "Open for sign-up"
        HELD = "held", "Held"
        CLOSED = "closed", "Closed"
        CANCELLED = "cancelled", "Cancelled"

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    kind = models.ForeignKey(ActivityKind, on_delete=models.PROTECT, related_name="activities")
    rung = models.CharField(max_length=20, choices=Rung.choices)
    themes = models.ManyToManyField(Theme, blank=True, related_name="activities")
    leads = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="led_activities")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="activities")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    venue = models.CharField(max_length=300, blank=True)
    online_link = models.URLField(blank=True)
    capacity = models.PositiveIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1)], help_text="Empty means no limit."
    )
    accessibility_arrangements = models.TextField(blank=True)
    partners = models.ManyToManyField(PartnerOrganisation, blank=True, related_name="activities")
    series = models.ForeignKey(
        ActivitySeries, null=True, blank=True, on_delete=models.SET_NULL, related_name="activities"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    report_summary = models.TextField(blank=True, help_text="Closing report: what happened.")
    report_attendee_count = models.PositiveIntegerField(null=True, blank=True)
    report_changes_agreed = models.TextField(blank=True, help_text="Closing report: changes agreed.")
    closed_at = models.DateTimeField(null=True, blank=True)
    cancelled_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name_plural = "activities"
        constraints = [
            models.CheckConstraint(
                name="activity_ends_after_start",
                condition=Q(ends_at__gt=F("starts_at")),
                violation_error_message="An activity must end after it starts.",
            ),
            models.CheckConstraint(
                name="activity_capacity_positive",
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                violation_error_message="Capacity must be at least 1, or empty for no limit.",
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"]), models.Index(fields=["rung"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_at:%d %b %Y})"

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "An activity must end after it starts."})

    @property
    def length_hours(self) -> Decimal:
        seconds = Decimal((self.ends_at - self.starts_at).total_seconds())
        return (seconds / Decimal(3600)).quantize(Decimal("0.01"))


class ParticipationRole(models.TextChoices):
    PARTICIPANT = "participant", "Participant"
    CO_FACILITATOR = "co_facilitator", "Co-facilitator"
    PANEL_MEMBER = "panel_member", "Panel member"


class Participation(models.Model):
    """One person's invitation to, place at, and attendance of one activity."""

    class Status(models.TextChoices):
        INVITED = "invited", "Invited"
        ACCEPTED = "accepted", "Has a place"
        WAITLISTED = "waitlisted", "On the waiting list"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrew"

    class Attendance(models.TextChoices):
        UNKNOWN = "unknown", "Not recorded"
        ATTENDED = "attended", "Attended"
        NO_SHOW = "no_show", "Did not attend"

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participations")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="participations")
    role = models.CharField(
        max_length=20, choices=ParticipationRole.choices, default=ParticipationRole.PARTICIPANT
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.INVITED)
    invited_at = models.DateTimeField()
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    attendance = models.CharField(max_length=10, choices=Attendance.choices, default=Attendance.UNKNOWN)
    hours = models.DecimalField(
        max_digits=5, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(Decimal("0"))]
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["activity_id", "invited_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "participant"], name="participation_once_per_activity"
            ),
            models.CheckConstraint(
                name="participation_hours_not_negative",
                condition=Q(hours__isnull=True) | Q(hours__gte=0),
            ),
        ]
        indexes = [models.Index(fields=["activity", "status"])]

    def __str__(self) -> str:
        return f"{self.participant} at {self.activity}"

    def claim_exists(self) -> bool:
        return PaymentClaim.objects.filter(participation_id=self.pk).exists()


class Consultation(models.Model):
    """A document or question put out for comment, with a closing date for feedback."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open for feedback"
        CLOSED = "closed", "Closed"
        OUTCOME_PUBLISHED = "outcome_published", "Outcome published"

    class Audience(models.TextChoices):
        SERVICE_USERS = "service_users", "Service users"
        CARERS = "carers", "Carers"
        SERVICE_USERS_AND_CARERS = "service_users_and_carers", "Service users and carers"
        STAFF = "staff", "Staff"
        EVERYONE = "everyone", "Everyone"

    title = models.CharField(max_length=200)
    summary = models.TextField()
    document_url = models.URLField(blank=True)
    audience = models.CharField(
        max_length=30, choices=Audience.choices, default=Audience.SERVICE_USERS_AND_CARERS
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="owned_consultations"
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="consultations"
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="consultations")
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    outcome_summary = models.TextField(blank=True)
    outcome_published_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="consultation_closes_after_opening",
                condition=Q(closes_at__gt=F("opens_at")),
                violation_error_message="A consultation must close after it opens.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "A consultation must close after it opens."})


class ConsultationInvitation(models.Model):
    """A participant asked for their views on a consultation."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="invitations")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="consultation_invitations"
    )
    invited_at = models.DateTimeField()
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "participant"], name="consultation_invitation_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} invited to {self.consultation}"


class ConsultationResponse(models.Model):
    """Feedback on a consultation, given by a participant or recorded for them by staff."""

    class ReceivedVia(models.TextChoices):
        ONLINE = "online", "Online"
        PAPER = "paper", "Paper form"
        PHONE = "phone", "Phone call"
        OTHER = "other", "Another way"

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="responses")
    participant = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.SET_NULL, related_name="consultation_responses"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField()
    themes = models.ManyToManyField(Theme, blank=True, related_name="consultation_responses")
    submitted_at = models.DateTimeField()
    # Staff entering what someone said on a paper form or a phone call mark it so.
    received_via = models.CharField(max_length=10, choices=ReceivedVia.choices, default=ReceivedVia.ONLINE)
    history = HistoricalRecords()

    class Meta:
        ordering = ["submitted_at", "id"]
        constraints = [
            # One response per person, which they change rather than add to. Comments that belong to
            # no one on the register (a paper form, say) have no participant and are not limited.
            models.UniqueConstraint(
                fields=["consultation", "participant"],
                condition=Q(participant__isnull=False),
                name="consultation_response_once_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"Response to {self.consultation}"


class FeedbackItem(models.Model):
    """ "You said, we did": what people said, the action it led to, and what changed."""

    class ActionStatus(models.TextChoices):
        OPEN = "open", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        NOT_DOING = "not_doing", "Not doing, with reason"

    activity = models.ForeignKey(
        Activity, null=True, blank=True, on_delete=models.CASCADE, related_name="feedback_items"
    )
    consultation = models.ForeignKey(
        Consultation, null=True, blank=True, on_delete=models.CASCADE, related_name="feedback_items"
    )
    you_said = models.TextField()
    themes = models.ManyToManyField(Theme, blank=True, related_name="feedback_items")
    action = models.TextField(help_text="What we will do about it.")
    action_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="feedback_actions"
    )
    action_due = models.DateField()
    action_status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    we_did = models.TextField(blank=True, help_text="The outcome: what changed.")
    completed_on = models.DateField(null=True, blank=True)
    published = models.BooleanField(default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action_due", "id"]
        constraints = [
            models.CheckConstraint(
                name="feedback_from_one_source",
                condition=Q(activity__isnull=False, consultation__isnull=True)
                | Q(activity__isnull=True, consultation__isnull=False),
                violation_error_message="Feedback comes from one activity or one consultation.",
            ),
        ]

    def __str__(self) -> str:
        return self.you_said[:60]

    def clean(self) -> None:
        if bool(self.activity_id) == bool(self.consultation_id):
            raise ValidationError({"activity": "Give either an activity or a consultation, not both."})


class RateCardEntry(models.Model):
    """What the trust pays for a role in a kind of activity: per hour or per session."""

    class Unit(models.TextChoices):
        HOUR = "hour", "Per hour"
        SESSION = "session", "Per session"

    activity_kind = models.ForeignKey(ActivityKind, on_delete=models.PROTECT, related_name="rates")
    role = models.CharField(max_length=20, choices=ParticipationRole.choices)
    unit = models.CharField(max_length=10, choices=Unit.choices)
    amount = models.DecimalField(**MONEY, validators=[MinValueValidator(Decimal("0.00"))])
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["activity_kind__name", "role"]
        verbose_name = "rate card entry"
        verbose_name_plural = "rate card"
        constraints = [
            models.UniqueConstraint(fields=["activity_kind", "role"], name="rate_once_per_kind_and_role"),
            models.CheckConstraint(name="rate_not_negative", condition=Q(amount__gte=0)),
        ]

    def __str__(self) -> str:
        unit = self.get_unit_display().lower()
        return f"{self.activity_kind} / {self.get_role_display()}: £{self.amount} {unit}"


class PaymentClaim(models.Model):
    """An involvement payment and expenses claimed for one attended participation."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        APPROVED = "approved", "Approved"
        PAID = "paid", "Paid"
        REJECTED = "rejected", "Rejected"

    participation = models.OneToOneField(Participation, on_delete=models.PROTECT, related_name="claim")
    participant = models.ForeignKey(Participant, on_delete=models.PROTECT, related_name="claims")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    hours = models.DecimalField(max_digits=5, decimal_places=2)
    rate_unit = models.CharField(max_length=10, choices=RateCardEntry.Unit.choices, blank=True)
    rate_amount = models.DecimalField(**MONEY, default=Decimal("0.00"))
    involvement_amount = models.DecimalField(**MONEY, default=Decimal("0.00"))
    expenses_amount = models.DecimalField(**MONEY, default=Decimal("0.00"))
    total_amount = models.DecimalField(**MONEY, default=Decimal("0.00"))
    tax_year = models.PositiveSmallIntegerField(help_text="The year the tax year starts (6 April).")
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    paid_at = models.DateTimeField(null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    paid_on = models.DateField(null=True, blank=True, help_text="The day the money was paid.")
    payment_reference = models.CharField(
        max_length=100, blank=True, help_text="The payroll run or BACS reference the payment went out under."
    )
    # Recorded when a claim over the tax-year threshold is approved: the lead spoke to the person first.
    benefits_conversation_note = models.CharField(max_length=1000, blank=True)
    benefits_conversation_at = models.DateTimeField(null=True, blank=True)
    rejected_at = models.DateTimeField(null=True, blank=True)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rejection_reason = models.CharField(max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="claim_amounts_not_negative",
                condition=Q(
                    involvement_amount__gte=0, expenses_amount__gte=0, total_amount__gte=0, hours__gte=0
                ),
            ),
            models.CheckConstraint(
                # Rounded to the penny because SQLite adds decimals as floats (10.00 + 3.63 != 13.63).
                name="claim_total_adds_up",
                condition=Q(total_amount=Round(F("involvement_amount") + F("expenses_amount"), 2)),
            ),
        ]
        indexes = [
            models.Index(fields=["status", "submitted_at"]),
            models.Index(fields=["participant", "tax_year"]),
        ]

    def __str__(self) -> str:
        return f"Claim {self.pk} for {self.participant}: £{self.total_amount}"


class ExpenseLine(models.Model):
    class Kind(models.TextChoices):
        TRAVEL = "travel", "Travel"
        CARE = "care", "Care costs"
        OTHER = "other", "Other"

    claim = models.ForeignKey(PaymentClaim, on_delete=models.CASCADE, related_name="expenses")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    description = models.CharField(max_length=300, blank=True)
    amount = models.DecimalField(**MONEY, validators=[MinValueValidator(Decimal("0.01"))])
    receipt_reference = models.CharField(max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        constraints = [models.CheckConstraint(name="expense_positive", condition=Q(amount__gt=0))]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: £{self.amount}"
