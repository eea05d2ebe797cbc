"""Vacancies and the people who apply, from advert to hire."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from accounts.models import Team
from involvement.models import Activity, Participant, Participation, PartnerOrganisation
from peers.models import Band, PathwayLevel, PeerWorker


class StageKind(models.TextChoices):
    STEP = "step", "A step forward"
    HIRED = "hired", "Hired (the end of the road)"
    REJECTED = "rejected", "Rejected (ends it)"
    WITHDRAWN = "withdrawn", "Withdrawn (ends it)"


class PipelineTemplate(models.Model):
    """The stages the trust uses; each vacancy copies them when it is created."""

    name = models.CharField(max_length=120, unique=True)
    is_default = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_template"
            )
        ]

    def __str__(self) -> str:
        return self.name


class TemplateStage(models.Model):
    template = models.ForeignKey(PipelineTemplate, on_delete=models.CASCADE, related_name="stages")
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=StageKind.choices, default=StageKind.STEP)

    class Meta:
        ordering = ["template", "order"]
        constraints = [
            models.UniqueConstraint(fields=["template", "code"], name="template_stage_code_once"),
            models.UniqueConstraint(fields=["template", "order"], name="template_stage_order_once"),
        ]

    def __str__(self) -> str:
        return f"{self.template}: {self.name}"


class Vacancy(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open for applications"
        CLOSED = "closed", "Closed to applications"
        FILLED = "filled", "Filled"
        WITHDRAWN = "withdrawn", "Withdrawn"

    title = models.CharField(max_length=200)
    level = models.ForeignKey(PathwayLevel, on_delete=models.PROTECT, related_name="vacancies")
    band = models.CharField(max_length=3, choices=Band.choices)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="vacancies")
    hiring_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="vacancies"
    )
    posts = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    contracted_hours = models.DecimalField(
        max_digits=4,
        decimal_places=2,
        default=Decimal("37.50"),
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("48"))],
        help_text="Hours a week.",
    )
    lived_experience_role = models.BooleanField(
        default=True,
        help_text="A role that asks for lived experience: its panels need a lived-experience member.",
    )
    lived_experience_criteria = models.TextField(blank=True)
    advert_text = models.TextField(blank=True)
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    template = models.ForeignKey(
        PipelineTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="vacancies"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opens_at", "id"]
        verbose_name_plural = "vacancies"
        constraints = [
            models.CheckConstraint(
                name="vacancy_closes_after_opening",
                condition=Q(closes_at__gt=F("opens_at")),
                violation_error_message="A vacancy must close after it opens.",
            ),
            models.CheckConstraint(name="vacancy_posts_positive", condition=Q(posts__gte=1)),
        ]
        indexes = [models.Index(fields=["status", "closes_at"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.team})"

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "A vacancy must close after it opens."})


class VacancyStage(models.Model):
    """A vacancy's own copy of a template stage, so later template edits don't rewrite history."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="stages")
    code = models.SlugField(max_length=40)
    name = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=StageKind.choices, default=StageKind.STEP)

    class Meta:
        ordering = ["vacancy", "order"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "code"], name="vacancy_stage_code_once"),
            models.UniqueConstraint(fields=["vacancy", "order"], name="vacancy_stage_order_once"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_end(self) -> bool:
        return self.kind != StageKind.STEP


class Application(models.Model):
    class Source(models.TextChoices):
        OPEN_ADVERT = "open_advert", "Open advert"
        INVOLVEMENT_REGISTER = "involvement_register", "Involvement register"
        PARTNER_REFERRAL = "partner_referral", "Partner organisation referral"
        INTERNAL_MOVE = "internal_move", "Internal move"

    vacancy = models.ForeignKey(Vacancy, on_delete=models.PROTECT, related_name="applications")
    applicant_name = models.CharField(max_length=200)
    email = models.EmailField()
    phone = models.CharField(max_length=40, blank=True)
    source = models.CharField(max_length=30, choices=Source.choices)
    participant = models.ForeignKey(
        Participant,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
        help_text="The applicant's entry on the involvement register, if they have one.",
    )
    referred_by = models.ForeignKey(
        PartnerOrganisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="applications"
    )
    supporting_statement = models.TextField(blank=True)
    stage = models.ForeignKey(VacancyStage, on_delete=models.PROTECT, related_name="applications")
    stage_entered_at = models.DateTimeField()
    applied_at = models.DateTimeField()
    hired_worker = models.OneToOneField(
        PeerWorker, null=True, blank=True, on_delete=models.SET_NULL, related_name="application"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["applied_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "email"], name="application_once_per_vacancy"),
        ]
        indexes = [models.Index(fields=["vacancy", "stage"])]

    def __str__(self) -> str:
        return f"{self.applicant_name} for {self.vacancy.title}"


class StageMove(models.Model):
    """Who moved an application, when and why: the pipeline's history."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="moves")
    from_stage = models.ForeignKey(VacancyStage, null=True, on_delete=models.PROTECT, related_name="+")
    to_stage = models.ForeignKey(VacancyStage, on_delete=models.PROTECT, related_name="+")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField()
    reason = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.application}: {self.from_stage} > {self.to_stage}"


class AdjustmentRequest(models.Model):
    """A reasonable adjustment asked for the recruitment process, and whether it was provided."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="adjustments")
    description = models.TextField()
    provided = models.BooleanField(null=True, help_text="Empty until decided.")
    note = models.CharField(max_length=500, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Adjustment for {self.application}"


class Criterion(models.Model):
    """Something the panel scores every candidate on, out of `max_score`."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(max_length=200)
    max_score = models.PositiveSmallIntegerField(
        default=5, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["vacancy", "order", "id"]
        verbose_name_plural = "criteria"

    def __str__(self) -> str:
        return self.name


class Interview(models.Model):
    class Outcome(models.TextChoices):
        PENDING = "pending", "Not decided"
        APPOINTABLE = "appointable", "Appointable"
        NOT_APPOINTABLE = "not_appointable", "Not appointable"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="interviews")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    location = models.CharField(max_length=300, blank=True)
    online_link = models.URLField(blank=True)
    panel_override_reason = models.CharField(
        max_length=500,
        blank=True,
        help_text="Why a lived-experience role's panel has no lived-experience member.",
    )
    activity = models.OneToOneField(
        Activity,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interview",
        help_text="The involvement activity that pays register members on the panel.",
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.PENDING)
    outcome_notes = models.TextField(blank=True)
    outcome_at = models.DateTimeField(null=True, blank=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="interview_ends_after_start", condition=Q(ends_at__gt=F("starts_at"))
            ),
        ]

    def __str__(self) -> str:
        return f"Interview of {self.application.applicant_name} on {self.starts_at:%d %b %Y}"

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "An interview must end after it starts."})


class PanelMember(models.Model):
    """A member of staff, or a person from the involvement register, on an interview panel."""

    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="panel")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="panel_seats"
    )
    participant = models.ForeignKey(
        Participant, null=True, blank=True, on_delete=models.PROTECT, related_name="panel_seats"
    )
    lived_experience = models.BooleanField(
        default=False, help_text="Sits on the panel as a person with lived experience."
    )
    participation = models.OneToOneField(
        Participation, null=True, blank=True, on_delete=models.SET_NULL, related_name="panel_seat"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                name="panel_member_is_staff_or_register",
                condition=Q(user__isnull=False, participant__isnull=True)
                | Q(user__isnull=True, participant__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["interview", "user"], condition=Q(user__isnull=False), name="panel_user_once"
            ),
            models.UniqueConstraint(
                fields=["interview", "participant"],
                condition=Q(participant__isnull=False),
                name="panel_participant_once",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user or self.participant)


class Score(models.Model):
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="scores")
    panel_member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["criterion__order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["panel_member", "criterion"], name="score_once_per_member_criterion"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class Offer(models.Model):
    class Status(models.TextChoices):
        MADE = "made", "Made"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="offers")
    start_date = models.DateField()
    salary_point = models.CharField(max_length=60, help_text="For example: band 3, entry step point.")
    annual_salary = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.MADE)
    made_at = models.DateTimeField()
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-made_at", "id"]
        constraints = [
            # One live offer per application: a new one only after the last was declined or withdrawn.
            models.UniqueConstraint(
                fields=["application"], condition=Q(status__in=["made", "accepted"]), name="one_live_offer"
            ),
        ]

    def __str__(self) -> str:
        return f"Offer to {self.application.applicant_name}"


class CheckKind(models.TextChoices):
    """NHS Employers' six pre-employment check standards."""

    IDENTITY = "identity", "Identity"
    RIGHT_TO_WORK = "right_to_work", "Right to work"
    REGISTRATION = "registration", "Professional registration and qualifications"
    EMPLOYMENT_HISTORY = "employment_history", "Employment history and references"
    DBS = "dbs", "Criminal record check (DBS)"
    WORK_HEALTH = "work_health", "Work health assessment"


class PreEmploymentCheck(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        CLEAR = "clear", "Clear"
        CONCERN = "concern", "Concern raised"
        NOT_REQUIRED = "not_required", "Not required for this role"

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="checks")
    kind = models.CharField(max_length=20, choices=CheckKind.choices)
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.NOT_STARTED)
    required = models.BooleanField(default=True)
    dbs_certificate_date = models.DateField(null=True, blank=True)
    recheck_due = models.DateField(
        null=True, blank=True, help_text="For DBS: certificate date plus the recheck interval."
    )
    notes = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "kind"]
        constraints = [models.UniqueConstraint(fields=["application", "kind"], name="check_once_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.application}: {self.get_status_display()}"


# The answers themselves are left out of the change history: they are never edited, so a history of
# them would only be a second copy of special-category data to guard and erase. The history keeps
# when answers were recorded or deleted, and for which application.
EQUALITY_ANSWER_FIELDS = [
    "age_band",
    "ethnic_group",
    "disabled",
    "sex",
    "gender_same_as_at_birth",
    "lgb_plus",
]


class EqualityMonitoring(models.Model):
    """Equality answers, kept apart from the application and only ever reported in aggregate.

    The link lets aggregates follow the application's outcome (shortlisted, appointed); no
    endpoint, page or export shows a row of this table.
    """

    class AgeBand(models.TextChoices):
        UNDER_25 = "under_25", "Under 25"
        A25_34 = "25_34", "25 to 34"
        A35_44 = "35_44", "35 to 44"
        A45_54 = "45_54", "45 to 54"
        A55_64 = "55_64", "55 to 64"
        A65_PLUS = "65_plus", "65 and over"
        PREFER_NOT = "prefer_not_to_say", "Prefer not to say"

    class EthnicGroup(models.TextChoices):
        WHITE = "white", "White"
        MIXED = "mixed", "Mixed or multiple ethnic groups"
        ASIAN = "asian", "Asian or Asian British"
        BLACK = "black", "Black, Black British, Caribbean or African"
        OTHER = "other", "Other ethnic group"
        PREFER_NOT = "prefer_not_to_say", "Prefer not to say"

    class YesNo(models.TextChoices):
        YES = "yes", "Yes"
        NO = "no", "No"
        PREFER_NOT = "prefer_not_to_say", "Prefer not to say"

    class Sex(models.TextChoices):
        FEMALE = "female", "Female"
        MALE = "male", "Male"
        PREFER_NOT = "prefer_not_to_say", "Prefer not to say"

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="equality")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="+")
    age_band = models.CharField(max_length=20, choices=AgeBand.choices, default=AgeBand.PREFER_NOT)
    ethnic_group = models.CharField(
        max_length=20, choices=EthnicGroup.choices, default=EthnicGroup.PREFER_NOT
    )
    disabled = models.CharField(max_length=20, choices=YesNo.choices, default=YesNo.PREFER_NOT)
    sex = models.CharField(max_length=20, choices=Sex.choices, default=Sex.PREFER_NOT)
    gender_same_as_at_birth = models.CharField(max_length=20, choices=YesNo.choices, default=YesNo.PREFER_NOT)
    lgb_plus = models.CharField(max_length=20, choices=YesNo.choices, default=YesNo.PREFER_NOT)
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=EQUALITY_ANSWER_FIELDS)

    class Meta:
        verbose_name = "equality monitoring answers"
        verbose_name_plural = "equality monitoring answers"
        default_permissions = ()  # no admin screen may list raw answers

    def __str__(self) -> str:
        return "Equality monitoring answers"
