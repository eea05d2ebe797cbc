"""Peer workers and what keeps them safe, supported and progressing."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from accounts.models import Team


class Band(models.TextChoices):
    """NHS Agenda for Change pay bands."""

    B2 = "2", "Band 2"
    B3 = "3", "Band 3"
    B4 = "4", "Band 4"
    B5 = "5", "Band 5"
    B6 = "6", "Band 6"
    B7 = "7", "Band 7"
    B8A = "8a", "Band 8a"
    B8B = "8b", "Band 8b"
    B8C = "8c", "Band 8c"
    B8D = "8d", "Band 8d"
    B9 = "9", "Band 9"


class CompetenceDomain(models.Model):
    """A domain of the peer support competence framework."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Competence(models.Model):
    domain = models.ForeignKey(CompetenceDomain, on_delete=models.PROTECT, related_name="competences")
    code = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["domain__order", "name"]

    def __str__(self) -> str:
        return self.name


class TrainingCourse(models.Model):
    class Category(models.TextChoices):
        STATUTORY = "statutory", "Statutory and mandatory"
        PEER_SUPPORT = "peer_support", "Peer support practice"
        CLINICAL = "clinical", "Clinical awareness"
        LEADERSHIP = "leadership", "Leadership and development"
        OTHER = "other", "Other"

    code = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.OTHER)
    mandatory = models.BooleanField(default=False)
    validity_months = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1)], help_text="Empty: never expires."
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PathwayLevel(models.Model):
    """A step on the trust's peer career pathway, with what it takes to reach it."""

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField(unique=True, help_text="1 is the first step.")
    band = models.CharField(max_length=3, choices=Band.choices)
    description = models.TextField(blank=True)
    required_competences = models.ManyToManyField(Competence, blank=True, related_name="levels")
    required_courses = models.ManyToManyField(TrainingCourse, blank=True, related_name="levels")
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return f"{self.name} (band {self.band})"


class LeavingReason(models.TextChoices):
    RESIGNATION_NEW_JOB = "new_job", "Resigned: new job"
    RESIGNATION_HEALTH = "health", "Resigned: health"
    RESIGNATION_PERSONAL = "personal", "Resigned: personal reasons"
    END_OF_CONTRACT = "end_of_contract", "End of fixed-term contract"
    DISMISSAL = "dismissal", "Dismissal"
    RETIREMENT = "retirement", "Retirement"
    PROMOTION_ELSEWHERE = "internal_move", "Moved to another role in the trust"
    # The charter's fifth commitment (a workplace free from discrimination) asks why people leave.
    DISCRIMINATION = "discrimination", "Left because of discrimination"
    WORKPLACE_CULTURE = "workplace_culture", "Left because of the workplace culture"
    OTHER = "other", "Other"


class PeerWorker(models.Model):
    """An employment of a person as a peer worker. A person has at most one that is not ended."""

    class Status(models.TextChoices):
        PRE_START = "pre_start", "Pre-start"
        PROBATION = "probation", "Probation"
        ACTIVE = "active", "Active"
        LONG_TERM_LEAVE = "long_term_leave", "Long-term leave"
        LEFT = "left", "Left"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="peer_employments"
    )
    employee_number = models.CharField(max_length=30, unique=True)
    level = models.ForeignKey(PathwayLevel, on_delete=models.PROTECT, related_name="workers")
    band = models.CharField(max_length=3, choices=Band.choices)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="peer_workers")
    line_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="managed_peer_workers"
    )
    supervisors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="supervisees")
    start_date = models.DateField()
    contracted_hours = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("48"))],
        help_text="Hours a week.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PRE_START)
    probation_review_date = models.DateField(null=True, blank=True)
    leaving_date = models.DateField(null=True, blank=True)
    leaving_reason = models.CharField(max_length=20, choices=LeavingReason.choices, blank=True)
    exit_interview_notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["user__last_name", "user__first_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=~Q(status="left"),
                name="peer_worker_one_current_employment",
                violation_error_message="This person already has a current peer worker employment.",
            ),
            models.CheckConstraint(
                name="peer_worker_leaves_after_start",
                condition=Q(leaving_date__isnull=True) | Q(leaving_date__gte=F("start_date")),
                violation_error_message="The leaving date cannot be before the start date.",
            ),
        ]
        indexes = [models.Index(fields=["status"]), models.Index(fields=["team", "status"])]

    def __str__(self) -> str:
        return f"{self.user} ({self.employee_number})"

    def clean(self) -> None:
        if self.leaving_date and self.start_date and self.leaving_date < self.start_date:
            raise ValidationError({"leaving_date": "The leaving date cannot be before the start date."})
        if self.status == self.Status.LEFT and not (self.leaving_date and self.leaving_reason):
            raise ValidationError(
                {"leaving_date": "Record the leaving date and reason for someone who left."}
            )


class CompetenceEvidence(models.Model):
    """Evidence that a worker shows a competence, signed off by their supervisor or manager."""

    worker = models.ForeignKey(PeerWorker, on_delete=models.CASCADE, related_name="competence_evidence")
    competence = models.ForeignKey(Competence, on_delete=models.PROTECT, related_name="evidence")
    description = models.TextField()
    evidence_reference = models.CharField(max_length=200, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_off_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-recorded_at", "id"]
        verbose_name_plural = "competence evidence"
        constraints = [
            models.CheckConstraint(
                name="evidence_signed_off_with_date",
                condition=Q(signed_off_by__isnull=True, signed_off_on__isnull=True)
                | Q(signed_off_by__isnull=False, signed_off_on__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competence} for {self.worker}"


class TrainingRecord(models.Model):
    worker = models.ForeignKey(PeerWorker, on_delete=models.CASCADE, related_name="training_records")
    course = models.ForeignKey(TrainingCourse, on_delete=models.PROTECT, related_name="records")
    completed_on = models.DateField()
    expires_on = models.DateField(null=True, blank=True, help_text="Worked out from the course's validity.")
    evidence_reference = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-completed_on", "id"]
        indexes = [
            models.Index(fields=["worker", "course", "-completed_on"]),
            models.Index(fields=["expires_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.course} ({self.completed_on}) for {self.worker}"


class SupervisionKind(models.TextChoices):
    LINE_MANAGEMENT = "line_management", "Line management"
    PEER = "peer", "Peer supervision"
    CLINICAL = "clinical", "Clinical supervision"
    REFLECTIVE = "reflective", "Reflective practice"


class SupervisionPolicy(models.Model):
    """How often each kind of supervision is due for a level (no national frequency is fixed)."""

    level = models.ForeignKey(PathwayLevel, on_delete=models.CASCADE, related_name="supervision_policies")
    kind = models.CharField(max_length=20, choices=SupervisionKind.choices)
    frequency_days = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(366)]
    )

    class Meta:
        ordering = ["level__order", "kind"]
        verbose_name_plural = "supervision policies"
        constraints = [models.UniqueConstraint(fields=["level", "kind"], name="supervision_policy_once")]

    def __str__(self) -> str:
        return f"{self.level}: {self.get_kind_display()} every {self.frequency_days} days"


class SupervisionSession(models.Model):
    class Status(models.TextChoices):
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"

    worker = models.ForeignKey(PeerWorker, on_delete=models.CASCADE, related_name="supervision_sessions")
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="sessions_given"
    )
    kind = models.CharField(max_length=20, choices=SupervisionKind.choices)
    held_on = models.DateField()
    duration_minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(5), MaxValueValidator(600)]
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.HELD)
    peer_led = models.BooleanField(
        default=False,
        help_text="The supervisor has lived experience and works in a peer role.",
    )
    notes = models.TextField(blank=True, help_text="Seen only by the two people in the session and HR.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "id"]
        indexes = [models.Index(fields=["worker", "kind", "status", "-held_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.worker} on {self.held_on}"


class ProgressionReview(models.Model):
    class Outcome(models.TextChoices):
        READY = "ready", "Ready for the next level"
        NOT_YET = "not_yet", "Not yet"
        DEVELOPMENT_PLAN = "development_plan", "Development plan agreed"

    worker = models.ForeignKey(PeerWorker, on_delete=models.CASCADE, related_name="progression_reviews")
    reviewed_on = models.DateField()
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    notes = models.TextField(blank=True)
    next_review_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-reviewed_on", "id"]

    def __str__(self) -> str:
        return f"Review of {self.worker} on {self.reviewed_on}: {self.get_outcome_display()}"


class LevelChange(models.Model):
    """The history of a worker's level and band: starting, promotions, and other changes."""

    class Reason(models.TextChoices):
        START = "start", "Started"
        PROMOTION = "promotion", "Promotion"
        REGRADING = "regrading", "Regrading"
        CORRECTION = "correction", "Correction"

    worker = models.ForeignKey(PeerWorker, on_delete=models.CASCADE, related_name="level_changes")
    from_level = models.ForeignKey(
        PathwayLevel, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_level = models.ForeignKey(PathwayLevel, on_delete=models.PROTECT, related_name="+")
    from_band = models.CharField(max_length=3, choices=Band.choices, blank=True)
    to_band = models.CharField(max_length=3, choices=Band.choices)
    effective_date = models.DateField()
    reason = models.CharField(max_length=20, choices=Reason.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-effective_date", "-id"]

    def __str__(self) -> str:
        return f"{self.worker}: {self.to_level} from {self.effective_date}"


class WellnessActionPlan(models.Model):
    """Written by the worker; read only by them, their line manager and HR, every read logged."""

    worker = models.OneToOneField(PeerWorker, on_delete=models.CASCADE, related_name="wellness_plan")
    keeps_me_well = models.TextField(blank=True)
    triggers = models.TextField(blank=True)
    early_warning_signs = models.TextField(blank=True)
    impact_on_work = models.TextField(blank=True)
    agreed_support = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Wellness action plan of {self.worker}"


class ReasonableAdjustment(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", "Requested"
        AGREED = "agreed", "Agreed and in place"
        DECLINED = "declined", "Not agreed"
        ENDED = "ended", "No longer needed"

    worker = models.ForeignKey(PeerWorker, on_delete=models.CASCADE, related_name="adjustments")
    description = models.TextField()
    agreed_on = models.DateField(null=True, blank=True)
    review_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-updated_at", "id"]

    def __str__(self) -> str:
        return f"Adjustment for {self.worker}"


# --- onboarding -----------------------------------------------------------------------------------


class OnboardingOwner(models.TextChoices):
    """Who does an onboarding step, by their part in the new worker's start."""

    HR = "hr", "HR"
    LINE_MANAGER = "line_manager", "Line manager"
    SUPERVISOR = "supervisor", "Supervisor"
    WORKER = "worker", "The new worker"


class OnboardingTemplateItem(models.Model):
    """One step of the induction every new peer worker gets; HR keeps the list.

    A new starter's checklist is copied from the active items when they are hired, so changing the
    template later changes no one's checklist already made.
    """

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="What the step is, in plain words.")
    owner_role = models.CharField(max_length=20, choices=OnboardingOwner.choices)
    due_days = models.SmallIntegerField(
        validators=[MinValueValidator(-365), MaxValueValidator(365)],
        help_text="Days from the start date it is due; negative for before the first day.",
    )
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class OnboardingItem(models.Model):
    """One step of one worker's induction: who does it, by when, and when it was done."""

    worker = models.ForeignKey(PeerWorker, on_delete=models.CASCADE, related_name="onboarding_items")
    template_item = models.ForeignKey(
        OnboardingTemplateItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="worker_items",
        help_text="Empty for a step added for this worker only.",
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="onboarding_items_owned",
        help_text="The person who does it; empty when nobody holds the part (no supervisor named yet).",
    )
    owner_role = models.CharField(max_length=20, choices=OnboardingOwner.choices)
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notes = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            # Two checklists made at once for one worker would copy each template step twice.
            models.UniqueConstraint(
                fields=["worker", "template_item"],
                condition=Q(template_item__isnull=False),
                name="onboarding_item_once_per_template_item",
            ),
            # Whoever marked it done may since have been removed (SET_NULL); a date alone is fine.
            models.CheckConstraint(
                name="onboarding_item_done_by_only_when_done",
                condition=Q(done_on__isnull=False) | Q(done_by__isnull=True),
            ),
        ]
        indexes = [
            # One worker's checklist, and the counts per worker of the lists.
            models.Index(fields=["worker", "due_on"]),
            # "My onboarding tasks": what a person owns, open ones first.
            models.Index(fields=["owner", "done_on", "due_on"]),
            # The overdue scan of the reminder rule.
            models.Index(fields=["done_on", "due_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.title} for {self.worker}"

    @property
    def is_done(self) -> bool:
        return self.done_on is not None
