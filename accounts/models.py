"""Users who log in by email, and the trust's tree of directorates and teams."""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.crypto import salted_hmac
from simple_history.models import HistoricalRecords

from accounts.roles import Role


class UserManager(BaseUserManager["User"]):
    """What Django's auth needs to create users keyed by email; business writes are services."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class Team(models.Model):
    """A node of the trust's structure: the trust, its directorates, and their teams."""

    class Kind(models.TextChoices):
        TRUST = "trust", "Trust"
        DIRECTORATE = "directorate", "Directorate"
        TEAM = "team", "Team"

    # The kind each kind must hang under; a trust is the root.
    PARENT_KIND = {Kind.TRUST: None, Kind.DIRECTORATE: Kind.TRUST, Kind.TEAM: Kind.DIRECTORATE}

    name = models.CharField(max_length=200)
    code = models.SlugField(max_length=50, unique=True, help_text="Short unique code, e.g. ach-cmht-north.")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="team_root_is_trust",
                condition=(Q(kind="trust", parent__isnull=True) | Q(~Q(kind="trust"), parent__isnull=False)),
                violation_error_message="A trust has no parent; a directorate or team must have one.",
            ),
            models.UniqueConstraint(fields=["parent", "name"], name="team_unique_name_in_parent"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        expected = self.PARENT_KIND.get(self.kind)
        if expected is None and self.parent_id is not None:
            raise ValidationError({"parent": "A trust sits at the top and has no parent."})
        if expected is not None:
            if self.parent is None:
                raise ValidationError({"parent": f"A {self.get_kind_display().lower()} needs a parent."})
            if self.parent.kind != expected:
                kind, parent_kind = self.get_kind_display().lower(), expected.label.lower()
                raise ValidationError({"parent": f"A {kind} must sit under a {parent_kind}."})


class User(AbstractUser):
    """A person who logs in, by email. Roles are groups named after `accounts.roles.Role`."""

    username = None  # type: ignore[assignment]
    email = models.EmailField("email address", unique=True)
    preferred_name = models.CharField(max_length=150, blank=True)
    teams = models.ManyToManyField(Team, blank=True, related_name="members")
    session_generation = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Raised to end every browser session of this person at once (log out everywhere).",
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    # A password hash has no place in a history, and a login or a logout is not a change to the person.
    history = HistoricalRecords(excluded_fields=["password", "last_login", "session_generation"])

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        full = self.get_full_name().strip()
        return self.preferred_name or full or self.email

    @cached_property
    def role_names(self) -> frozenset[str]:
        """The user's roles; a superuser holds admin whether or not the group is set."""
        names = {group.name for group in self.groups.all()}
        if self.is_superuser:
            names.add(Role.ADMIN)
        return frozenset(names & set(Role.values))

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_names & set(roles))

    # Django keeps an HMAC of the password in each session and ends the session when it no longer
    # matches (that is how a password change signs a person out elsewhere). Folding the session
    # generation into the same HMAC lets "log out everywhere" end every session, whatever backend
    # stores them, without keeping a list of session keys per person.
    def _session_hash(self, secret: str | None = None) -> str:
        return salted_hmac(
            "accounts.User.session_hash",
            f"{self.password}:{self.session_generation}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def get_session_auth_hash(self) -> str:
        return self._session_hash()

    def get_session_auth_fallback_hash(self):
        for secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_hash(secret=secret)


class AccessLog(models.Model):
    """Who read a sensitive record, and when: kept so a person can ask who has seen their data."""

    user = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="access_log")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    record_type = models.CharField(max_length=100, help_text="app_label.model of the record read.")
    record_id = models.CharField(max_length=40)
    action = models.CharField(max_length=20, default="read")
    path = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["record_type", "record_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.user} {self.action} {self.record_type}#{self.record_id} at {self.at:%Y-%m-%d %H:%M}"


class RetentionRun(models.Model):
    """One run of one retention rule: when, which rule, the cut-off it used, and how many rows went."""

    class Rule(models.TextChoices):
        ACCESS_LOG = "access_log", "Access log older than ACCESS_LOG_RETENTION_DAYS"
        HISTORY = "history", "Superseded history older than HISTORY_RETENTION_DAYS"
        UNSUCCESSFUL_APPLICANTS = (
            "unsuccessful_applicants",
            "Applicants whose application ended over RECRUITMENT_RETENTION_MONTHS ago",
        )

    rule = models.CharField(max_length=30, choices=Rule.choices)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField()
    cutoff = models.DateTimeField(help_text="Rows older than this were in scope.")
    removed = models.PositiveIntegerField(help_text="Rows deleted, or people erased for an erasure rule.")
    details = models.JSONField(default=dict, blank=True, help_text="Counts per table, never names.")

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["rule", "-started_at"])]

    def __str__(self) -> str:
        return f"{self.get_rule_display()} at {self.started_at:%Y-%m-%d %H:%M}: {self.removed} removed"
