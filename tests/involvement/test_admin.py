"""The involvement back office: every model has a screen that opens, filters, and shows money as pounds."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalChanges

from involvement import models as m
from tests.factories import (
    ActivityFactory,
    ActivityKindFactory,
    ConsultationFactory,
    FeedbackItemFactory,
    ParticipantFactory,
    ParticipationFactory,
    PartnerContactFactory,
    PartnerOrganisationFactory,
    RateCardEntryFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _involvement_admins() -> dict:
    return {
        model: model_admin
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label == "involvement"
    }


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:involvement_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def back_office(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _claim(participation, **amounts) -> m.PaymentClaim:
    involvement = amounts.get("involvement", Decimal("40.00"))
    expenses = amounts.get("expenses", Decimal("12.50"))
    claim = m.PaymentClaim.objects.create(
        participation=participation,
        participant=participation.participant,
        hours=Decimal("2.00"),
        rate_unit=m.RateCardEntry.Unit.HOUR,
        rate_amount=Decimal("20.00"),
        involvement_amount=involvement,
        expenses_amount=expenses,
        total_amount=involvement + expenses,
        tax_year=2026,
        submitted_at=timezone.now(),
    )
    if expenses:
        m.ExpenseLine.objects.create(claim=claim, kind=m.ExpenseLine.Kind.TRAVEL, amount=expenses)
    return claim


@pytest.fixture
def one_of_each(db) -> dict:
    """At least one row of every involvement model, linked the way real data is."""
    theme = ThemeFactory()
    partner = PartnerOrganisationFactory()
    contact = PartnerContactFactory(organisation=partner)
    participant = ParticipantFactory(
        referred_by=partner,
        consent_purposes="Secret consent wording 4417",
        accessibility_needs="Private needs note 9921",
    )
    participant.topics.add(theme)
    series = m.ActivitySeries.objects.create(title="Test steering group", frequency="monthly", occurrences=3)
    activity = ActivityFactory(series=series, rung=m.Rung.CO_PRODUCTION)
    activity.partners.add(partner)
    activity.themes.add(theme)
    participation = ParticipationFactory(activity=activity, participant=participant, status="accepted")
    consultation = ConsultationFactory()
    consultation.themes.add(theme)
    invitation = m.ConsultationInvitation.objects.create(
        consultation=consultation, participant=participant, invited_at=timezone.now()
    )
    response = m.ConsultationResponse.objects.create(
        consultation=consultation,
        participant=participant,
        body="More evening sessions.",
        submitted_at=timezone.now(),
    )
    feedback = FeedbackItemFactory(activity=activity)
    feedback_from_consultation = FeedbackItemFactory(activity=None, consultation=consultation)
    rate = RateCardEntryFactory(activity_kind=activity.kind)
    claim = _claim(participation)
    return {
        m.Theme: theme,
        m.ActivityKind: activity.kind,
        m.PartnerOrganisation: partner,
        m.PartnerContact: contact,
        m.Participant: participant,
        m.ActivitySeries: series,
        m.Activity: activity,
        m.Participation: participation,
        m.Consultation: consultation,
        m.ConsultationInvitation: invitation,
        m.ConsultationResponse: response,
        m.FeedbackItem: feedback,
        "feedback_from_consultation": feedback_from_consultation,
        m.RateCardEntry: rate,
        m.PaymentClaim: claim,
        m.ExpenseLine: claim.expenses.get(),
    }


def test_every_involvement_model_has_a_screen():
    registered = set(_involvement_admins())
    # History tables are read through their record's History page, not a screen of their own.
    models = {
        m for m in apps.get_app_config("involvement").get_models() if not issubclass(m, HistoricalChanges)
    }
    missing = models - registered
    assert not missing, f"involvement models with no admin screen: {sorted(x.__name__ for x in missing)}"


def test_every_changelist_and_add_page_opens(back_office, one_of_each):
    failures = []
    for model in _involvement_admins():
        for view in ("changelist", "add"):
            status = back_office.get(_url(model, view)).status_code
            if status != 200:
                failures.append(f"{model.__name__} {view}: {status}")
    assert not failures


def test_every_change_page_opens(back_office, one_of_each):
    failures = []
    for obj in one_of_each.values():
        page = back_office.get(_url(type(obj), "change", obj.pk))
        if page.status_code != 200:
            failures.append(f"{type(obj).__name__} {obj.pk}: {page.status_code}")
    assert not failures


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("rung__exact=co_production", True),
        ("rung__exact=informing", False),
        ("status__exact=open", True),
        ("status__exact=closed", False),
    ],
)
def test_activity_list_filters(back_office, one_of_each, query, shown):
    activity = one_of_each[m.Activity]
    other = ActivityFactory(rung=m.Rung.INFORMING, status=m.Activity.Status.CLOSED, title="Test other event")
    page = back_office.get(f"{_url(m.Activity, 'changelist')}?{query}")
    assert page.status_code == 200
    html = page.content.decode()
    assert (activity.title in html) is shown
    assert (other.title in html) is not shown


def test_activity_list_filters_by_team_kind_and_dates(back_office, one_of_each):
    activity = one_of_each[m.Activity]
    base = _url(m.Activity, "changelist")
    day = timezone.localtime(activity.starts_at)
    for query in (
        f"team__id__exact={activity.team_id}",
        f"kind__id__exact={activity.kind_id}",
        f"starts_at__year={day.year}&starts_at__month={day.month}&starts_at__day={day.day}",
        f"partners__id__exact={activity.partners.get().pk}",
    ):
        page = back_office.get(f"{base}?{query}")
        assert page.status_code == 200, query
        assert activity.title in page.content.decode(), query


def test_other_lists_filter_by_participant_consultation_and_status(back_office, one_of_each):
    participant = one_of_each[m.Participant]
    consultation = one_of_each[m.Consultation]
    # A second person and consultation the filters must leave out.
    other_participation = ParticipationFactory()
    _claim(other_participation)
    other_consultation = ConsultationFactory(status=m.Consultation.Status.DRAFT)
    m.ConsultationInvitation.objects.create(
        consultation=other_consultation,
        participant=other_participation.participant,
        invited_at=timezone.now(),
    )
    m.ConsultationResponse.objects.create(
        consultation=other_consultation, body="Another view.", submitted_at=timezone.now()
    )
    FeedbackItemFactory(activity=None, consultation=other_consultation)
    ParticipantFactory(status=m.Participant.Status.LEFT)
    checks = [
        (m.Participation, f"participant__id__exact={participant.pk}", one_of_each[m.Participation]),
        (
            m.PaymentClaim,
            f"participant__id__exact={participant.pk}&status__exact=submitted",
            one_of_each[m.PaymentClaim],
        ),
        (
            m.ConsultationResponse,
            f"consultation__id__exact={consultation.pk}",
            one_of_each[m.ConsultationResponse],
        ),
        (
            m.ConsultationInvitation,
            f"consultation__id__exact={consultation.pk}",
            one_of_each[m.ConsultationInvitation],
        ),
        (
            m.FeedbackItem,
            f"consultation__id__exact={consultation.pk}",
            one_of_each["feedback_from_consultation"],
        ),
        (m.Consultation, "status__exact=open", consultation),
    ]
    for model, query, expected in checks:
        page = back_office.get(f"{_url(model, 'changelist')}?{query}")
        assert page.status_code == 200, (model, query)
        assert [row.pk for row in page.context["cl"].result_list] == [expected.pk], (model, query)
    page = back_office.get(f"{_url(m.Participant, 'changelist')}?status__exact=active&consent=given")
    assert participant.pk in [row.pk for row in page.context["cl"].result_list]
    assert m.Participant.objects.filter(status="left").get().pk not in [
        row.pk for row in page.context["cl"].result_list
    ]


def test_consent_filter_finds_withdrawn_people(back_office, one_of_each):
    gone = ParticipantFactory(name="Test Withdrawn Person")
    gone.consent_withdrawn_at = timezone.now()
    gone.save()
    html = back_office.get(f"{_url(m.Participant, 'changelist')}?consent=withdrawn").content.decode()
    assert "Test Withdrawn Person" in html
    assert one_of_each[m.Participant].name not in html


def test_claim_money_is_shown_in_pounds(back_office, one_of_each):
    html = back_office.get(_url(m.PaymentClaim, "changelist")).content.decode()
    assert "£40.00" in html
    assert "£12.50" in html
    assert "£52.50" in html
    lines = back_office.get(_url(m.ExpenseLine, "changelist")).content.decode()
    assert "£12.50" in lines


def test_consent_and_needs_text_stay_off_the_list(back_office, one_of_each):
    participant = one_of_each[m.Participant]
    listing = back_office.get(_url(m.Participant, "changelist")).content.decode()
    assert participant.name in listing
    assert "Secret consent wording 4417" not in listing
    assert "Private needs note 9921" not in listing
    form = back_office.get(_url(m.Participant, "change", participant.pk)).content.decode()
    assert "Secret consent wording 4417" in form
    assert "Private needs note 9921" in form


def test_partner_page_lists_contacts_inline_with_counts(back_office, one_of_each):
    partner, contact = one_of_each[m.PartnerOrganisation], one_of_each[m.PartnerContact]
    assert contact.name in back_office.get(_url(m.PartnerOrganisation, "change", partner.pk)).content.decode()
    listing = back_office.get(_url(m.PartnerOrganisation, "changelist")).content.decode()
    assert 'class="field-activity_count">1<' in listing
    assert 'class="field-referral_count">1<' in listing


def test_theme_in_use_is_protected_from_delete(back_office, one_of_each):
    theme = one_of_each[m.Theme]
    url = _url(m.Theme, "delete", theme.pk)
    page = back_office.get(url)
    assert page.status_code == 200
    assert "mark it inactive" in page.content.decode()
    back_office.post(url, {"post": "yes"})
    assert m.Theme.objects.filter(pk=theme.pk).exists()


def test_unused_kind_can_be_deleted_from_the_back_office(back_office):
    kind = ActivityKindFactory(code="spare", name="Spare kind")
    response = back_office.post(_url(m.ActivityKind, "delete", kind.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not m.ActivityKind.objects.filter(pk=kind.pk).exists()


def test_bulk_delete_refuses_kinds_in_use(back_office, one_of_each):
    kind = one_of_each[m.ActivityKind]
    response = back_office.post(
        _url(m.ActivityKind, "changelist"),
        {"action": "delete_selected", "_selected_action": [kind.pk], "post": "yes"},
    )
    assert response.status_code == 200
    assert "mark it inactive" in response.content.decode()
    assert m.ActivityKind.objects.filter(pk=kind.pk).exists()


def test_claim_workflow_and_money_are_read_only_once_made(back_office, one_of_each):
    claim = one_of_each[m.PaymentClaim]
    html = back_office.get(_url(m.PaymentClaim, "change", claim.pk)).content.decode()
    assert 'name="total_amount"' not in html
    assert 'name="status"' not in html
    assert 'name="expenses-0-amount"' not in html
    assert 'name="tax_year"' in html


@pytest.mark.parametrize(
    "model", [m.Activity, m.Participation, m.PaymentClaim, m.FeedbackItem, m.Participant]
)
def test_changelists_do_not_query_per_row(back_office, one_of_each, model):
    url = _url(model, "changelist")
    with CaptureQueriesContext(connection) as few:
        assert back_office.get(url).status_code == 200
    for n in range(5):
        activity = ActivityFactory(
            title=f"Test extra {n}", starts_at=timezone.now() - dt.timedelta(days=n + 1)
        )
        participation = ParticipationFactory(
            activity=activity, participant=ParticipantFactory(referred_by=PartnerOrganisationFactory())
        )
        _claim(participation)
        FeedbackItemFactory(activity=activity)
    with CaptureQueriesContext(connection) as many:
        assert back_office.get(url).status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]
