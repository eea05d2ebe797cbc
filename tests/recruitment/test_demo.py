"""The recruitment demo year: believable, synthetic, made through the services, and safe to run twice."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db.models import Count, Max, Min
from django.test import override_settings
from django.utils import timezone

from peers.models import PeerWorker
from recruitment import demo, selectors
from recruitment import models as rm


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_a_year_of_recruitment_seeded_once():
    call_command("seed_demo", "--quiet-logins")
    counts = (rm.Vacancy.objects.count(), rm.Application.objects.count(), PeerWorker.objects.count())
    assert demo.seed() == {}
    call_command("seed_demo", "--quiet-logins")
    assert (rm.Vacancy.objects.count(), rm.Application.objects.count(), PeerWorker.objects.count()) == counts

    vacancies = rm.Vacancy.objects.annotate(n=Count("applications"))
    assert 10 <= vacancies.count() <= 14
    assert all(6 <= v.n <= 30 for v in vacancies.exclude(status="draft"))
    assert set(vacancies.values_list("hiring_manager__email", flat=True)) == {"manager@demo.example"}
    assert set(vacancies.values_list("status", flat=True)) >= {
        "draft",
        "open",
        "closed",
        "filled",
        "withdrawn",
    }

    applications = rm.Application.objects.all()
    assert set(applications.values_list("source", flat=True)) == set(rm.Application.Source.values)
    linked = applications.filter(source="involvement_register")
    assert linked.exists() and not linked.filter(participant__isnull=True).exists()
    assert not applications.exclude(email__endswith="@demo.example").exists()
    assert rm.EqualityMonitoring.objects.count() == applications.count()
    stages = set(applications.values_list("stage__code", flat=True))
    assert stages >= {"applied", "interview", "checks", "hired", "rejected", "withdrawn"}

    # history spread over the year, in order
    span = rm.StageMove.objects.aggregate(first=Min("at"), last=Max("at"))
    assert span["first"] < timezone.now() - dt.timedelta(days=300)
    assert span["last"] <= timezone.now()

    adjustments = rm.AdjustmentRequest.objects
    assert adjustments.filter(provided=True).exists() and adjustments.filter(provided=False).exists()
    assert rm.PanelMember.objects.filter(participant__isnull=False, lived_experience=True).exists()
    assert rm.Interview.objects.filter(outcome="pending", starts_at__gt=timezone.now()).exists()
    assert rm.Interview.objects.exclude(panel_override_reason="").exists()
    assert set(rm.Offer.objects.values_list("status", flat=True)) >= {"accepted", "declined"}
    assert rm.PreEmploymentCheck.objects.filter(status="in_progress").exists()

    hired = PeerWorker.objects.filter(employee_number__startswith="DEMO-R")
    assert hired.count() >= 3
    assert hired.count() == applications.filter(hired_worker__isnull=False).count()
    assert applications.filter(hired_worker__isnull=False, participant__isnull=False).exists()

    today = timezone.localdate()
    figures = selectors.recruitment_analytics(date_from=today - dt.timedelta(days=365), date_to=today)
    assert figures["lead_times"]["advert_to_start"]["vacancies"] >= 3
    # Equality reports cover whole months: the twelve ending with this one.
    first = today.replace(day=1)
    end = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    start = (first - dt.timedelta(days=335)).replace(day=1)
    report = selectors.equality_report(date_from=start, date_to=end)
    assert report["total"]["applicants"] % 5 == 0
