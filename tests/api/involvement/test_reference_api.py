"""Themes, activity kinds, partners and partner contacts over the API."""

from __future__ import annotations

import itertools

import pytest
from django.urls import reverse

from accounts.roles import Role
from involvement.models import ActivityKind, PartnerContact, PartnerOrganisation, Theme
from tests.api.battery import ResourceBattery
from tests.conftest import client_for_user
from tests.factories import (
    ActivityFactory,
    ActivityKindFactory,
    ParticipantFactory,
    PartnerContactFactory,
    PartnerOrganisationFactory,
    RateCardEntryFactory,
    ThemeFactory,
    UserFactory,
)

_numbers = itertools.count(1)


def _kind() -> ActivityKind:
    n = next(_numbers)
    return ActivityKindFactory(code=f"test-kind-{n}", name=f"Test kind {n}")


def _client(role: str):
    return client_for_user(UserFactory(roles=[role]))


# --- the battery for each resource ------------------------------------------------------------


class TestThemeResource(ResourceBattery):
    basename = "theme"
    reader_role = Role.PEER_WORKER
    writer_role = Role.INVOLVEMENT_LEAD
    forbidden_role = Role.HR
    hidden_from_role = None  # every signed-in user reads the reference lists

    def make_object(self):
        return ThemeFactory()

    def create_payload(self):
        return {"code": "getting-there", "name": "Getting there", "group": Theme.Group.TOPIC}

    def update_payload(self, obj):
        return {"name": "Getting there and back", "is_active": False}


class TestActivityKindResource(ResourceBattery):
    basename = "activity-kind"
    reader_role = Role.PARTICIPANT
    writer_role = Role.INVOLVEMENT_LEAD
    forbidden_role = Role.PEER_WORKER
    hidden_from_role = None

    def make_object(self):
        return _kind()

    def create_payload(self):
        return {"code": "reading-group", "name": "Reading group"}

    def update_payload(self, obj):
        return {"name": "Renamed kind", "is_active": False}


class TestPartnerResource(ResourceBattery):
    basename = "partner"
    reader_role = Role.HR
    writer_role = Role.INVOLVEMENT_LEAD
    forbidden_role = Role.HR  # reads partners, may not add them
    hidden_from_role = Role.PEER_WORKER

    def make_object(self):
        partner = PartnerOrganisationFactory()
        PartnerContactFactory.create_batch(2, organisation=partner)
        return partner

    def create_payload(self):
        return {
            "name": "Test Faith Community Hub",
            "kind": PartnerOrganisation.Kind.FAITH,
            "website": "https://hub.test.example/",
            "description": "Runs a weekly drop-in.",
        }

    def update_payload(self, obj):
        return {"description": "Runs two drop-ins a week.", "is_active": False}

    def assert_deleted(self, obj):
        assert not PartnerOrganisation.objects.filter(pk=obj.pk).exists()
        assert not PartnerContact.objects.filter(organisation_id=obj.pk).exists()


class TestPartnerContactResource(ResourceBattery):
    basename = "partner-contact"
    reader_role = Role.INVOLVEMENT_LEAD
    writer_role = Role.INVOLVEMENT_LEAD
    forbidden_role = Role.HR
    hidden_from_role = Role.HR  # HR reads partners but not the people who work there

    def make_object(self):
        return PartnerContactFactory()

    def create_payload(self):
        return {
            "organisation": PartnerOrganisationFactory().pk,
            "name": "Test Contact Person",
            "job_title": "Volunteer coordinator",
            "email": "coordinator@test.example",
            "phone": "0100 000 0000",
        }

    def update_payload(self, obj):
        return {"job_title": "Service manager", "phone": "0100 000 0001"}


# --- partners: counts, contacts, co-delivered activities and referrals ----------------------------


def partner_url(partner, suffix: str = "") -> str:
    name = f"api:partner-{suffix}" if suffix else "api:partner-detail"
    return reverse(name, kwargs={"pk": partner.pk})


@pytest.fixture
def busy_partner(db):
    """A partner that co-delivers two activities and referred two people; plus unrelated rows."""
    partner = PartnerOrganisationFactory()
    other = PartnerOrganisationFactory()
    hr_lead = UserFactory(roles=[Role.HR])
    first = ActivityFactory(leads=[hr_lead])
    second = ActivityFactory()
    unrelated = ActivityFactory()
    first.partners.set([partner])
    second.partners.set([partner, other])
    unrelated.partners.set([other])
    referred = [ParticipantFactory(referred_by=partner), ParticipantFactory(referred_by=partner)]
    ParticipantFactory(referred_by=other)
    ParticipantFactory()
    PartnerContactFactory(organisation=partner, name="Test Contact Alpha")
    return {
        "partner": partner,
        "other": other,
        "hr_lead": hr_lead,
        "activities": [first, second],
        "referred": referred,
    }


@pytest.mark.django_db
def test_partner_list_counts_activities_and_referrals(busy_partner):
    response = _client(Role.INVOLVEMENT_LEAD).get(reverse("api:partner-list"))
    assert response.status_code == 200
    rows = {row["id"]: row for row in response.json()["results"]}
    partner, other = busy_partner["partner"], busy_partner["other"]
    assert (rows[partner.pk]["activity_count"], rows[partner.pk]["referral_count"]) == (2, 2)
    assert (rows[other.pk]["activity_count"], rows[other.pk]["referral_count"]) == (2, 1)
    assert [c["name"] for c in rows[partner.pk]["contacts"]] == ["Test Contact Alpha"]
    assert rows[other.pk]["contacts"] == []


@pytest.mark.django_db
def test_counts_are_read_only(busy_partner):
    partner = busy_partner["partner"]
    response = _client(Role.INVOLVEMENT_LEAD).patch(
        partner_url(partner), {"activity_count": 99, "referral_count": 99, "contacts": []}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["activity_count"], response.json()["referral_count"]) == (2, 2)
    assert len(response.json()["contacts"]) == 1
    assert partner.contacts.count() == 1


@pytest.mark.django_db
def test_hr_reads_partners_without_their_contacts(busy_partner):
    client = client_for_user(busy_partner["hr_lead"])
    response = client.get(partner_url(busy_partner["partner"]))
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == busy_partner["partner"].name
    assert body["activity_count"] == 2
    assert body["contacts"] == []


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.PEER_WORKER, Role.PARTICIPANT, Role.BOARD_MEMBER])
def test_partners_are_hidden_from_other_roles(busy_partner, role):
    client = _client(role)
    partner = busy_partner["partner"]
    assert client.get(reverse("api:partner-list")).json()["results"] == []
    assert client.get(partner_url(partner)).status_code == 404
    assert client.get(partner_url(partner, "activities")).status_code == 404
    assert client.get(partner_url(partner, "referrals")).status_code == 404


@pytest.mark.django_db
def test_lead_sees_every_activity_a_partner_co_delivers(busy_partner):
    response = _client(Role.INVOLVEMENT_LEAD).get(partner_url(busy_partner["partner"], "activities"))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert {row["id"] for row in body["results"]} == {a.pk for a in busy_partner["activities"]}
    row = body["results"][0]
    assert {"id", "url", "display", "title", "kind", "rung", "team", "starts_at", "status"} <= set(row)


@pytest.mark.django_db
def test_partner_activities_are_limited_to_what_the_user_may_see(busy_partner):
    # HR sees the partner, but only the activity they lead themselves.
    response = client_for_user(busy_partner["hr_lead"]).get(
        partner_url(busy_partner["partner"], "activities")
    )
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [busy_partner["activities"][0].pk]


@pytest.mark.django_db
def test_lead_sees_the_people_a_partner_referred(busy_partner):
    response = _client(Role.INVOLVEMENT_LEAD).get(partner_url(busy_partner["partner"], "referrals"))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert {row["id"] for row in body["results"]} == {p.pk for p in busy_partner["referred"]}
    assert {row["display"] for row in body["results"]} == {p.name for p in busy_partner["referred"]}


@pytest.mark.django_db
def test_hr_gets_no_referrals_because_the_register_is_not_theirs(busy_partner):
    response = client_for_user(busy_partner["hr_lead"]).get(partner_url(busy_partner["partner"], "referrals"))
    assert response.status_code == 200
    assert response.json()["count"] == 0
    assert response.json()["results"] == []


@pytest.mark.django_db
def test_partner_actions_do_not_grow_queries_with_rows(busy_partner, django_assert_max_num_queries):
    client = _client(Role.INVOLVEMENT_LEAD)
    partner = busy_partner["partner"]
    for _ in range(6):
        ActivityFactory().partners.add(partner)
        ParticipantFactory(referred_by=partner)
    with django_assert_max_num_queries(8):
        assert client.get(partner_url(partner, "activities")).json()["count"] == 8
    with django_assert_max_num_queries(8):
        assert client.get(partner_url(partner, "referrals")).json()["count"] == 8


# --- bad input and deletes that would lose history --------------------------------------------------


@pytest.mark.django_db
def test_partner_with_a_taken_name_is_refused():
    PartnerOrganisationFactory(name="Test Mind Group")
    response = _client(Role.INVOLVEMENT_LEAD).post(
        reverse("api:partner-list"), {"name": "Test Mind Group", "kind": "voluntary"}, format="json"
    )
    assert response.status_code == 400
    assert "name" in response.json()["errors"]
    assert PartnerOrganisation.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"name": "Test Partner", "kind": "charity"}, "kind"),
        ({"name": "Test Partner", "kind": "faith", "website": "not a web address"}, "website"),
        ({"kind": "faith"}, "name"),
    ],
)
def test_bad_partner_input_names_the_field(payload, field):
    response = _client(Role.INVOLVEMENT_LEAD).post(reverse("api:partner-list"), payload, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert PartnerOrganisation.objects.count() == 0


@pytest.mark.django_db
def test_deleting_a_partner_that_co_delivered_is_refused(busy_partner):
    partner = busy_partner["partner"]
    response = _client(Role.INVOLVEMENT_LEAD).delete(partner_url(partner))
    assert response.status_code == 409
    assert "inactive" in response.json()["detail"]
    assert PartnerOrganisation.objects.filter(pk=partner.pk).exists()
    assert partner.contacts.count() == 1


@pytest.mark.django_db
def test_deleting_an_activity_kind_in_use_is_refused_with_advice():
    kind = _kind()
    ActivityFactory(kind=kind)
    response = _client(Role.INVOLVEMENT_LEAD).delete(
        reverse("api:activity-kind-detail", kwargs={"pk": kind.pk})
    )
    assert response.status_code == 409
    assert "mark it inactive" in response.json()["detail"]
    assert "1 activities" in response.json()["detail"]
    assert ActivityKind.objects.filter(pk=kind.pk).exists()


@pytest.mark.django_db
def test_deleting_an_activity_kind_on_the_rate_card_is_refused():
    kind = _kind()
    RateCardEntryFactory(activity_kind=kind)
    response = _client(Role.INVOLVEMENT_LEAD).delete(
        reverse("api:activity-kind-detail", kwargs={"pk": kind.pk})
    )
    assert response.status_code == 409
    assert "rate card" in response.json()["detail"]
    assert ActivityKind.objects.filter(pk=kind.pk).exists()


@pytest.mark.django_db
def test_retiring_a_kind_in_use_works_instead():
    kind = _kind()
    ActivityFactory(kind=kind)
    url = reverse("api:activity-kind-detail", kwargs={"pk": kind.pk})
    response = _client(Role.INVOLVEMENT_LEAD).patch(url, {"is_active": False}, format="json")
    assert response.status_code == 200
    kind.refresh_from_db()
    assert kind.is_active is False


@pytest.mark.django_db
def test_deleting_a_theme_in_use_is_refused():
    theme = ThemeFactory()
    ActivityFactory().themes.add(theme)
    ParticipantFactory().topics.add(theme)
    response = _client(Role.INVOLVEMENT_LEAD).delete(reverse("api:theme-detail", kwargs={"pk": theme.pk}))
    assert response.status_code == 409
    assert "mark it inactive" in response.json()["detail"]
    assert Theme.objects.filter(pk=theme.pk).exists()


@pytest.mark.django_db
def test_theme_with_a_taken_code_is_refused():
    ThemeFactory(code="crisis")
    response = _client(Role.INVOLVEMENT_LEAD).post(
        reverse("api:theme-list"), {"code": "crisis", "name": "Crisis again"}, format="json"
    )
    assert response.status_code == 400
    assert "code" in response.json()["errors"]
    assert Theme.objects.filter(code="crisis").count() == 1


# --- partner contacts ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_contacts_filter_by_organisation():
    mine, theirs = PartnerContactFactory(), PartnerContactFactory()
    client = _client(Role.INVOLVEMENT_LEAD)
    response = client.get(reverse("api:partner-contact-list"), {"organisation": mine.organisation_id})
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [mine.pk]
    assert response.json()["results"][0]["organisation"]["id"] == mine.organisation_id
    assert theirs.pk not in [row["id"] for row in response.json()["results"]]


@pytest.mark.django_db
def test_contacts_refuse_an_unknown_filter():
    response = _client(Role.INVOLVEMENT_LEAD).get(reverse("api:partner-contact-list"), {"partner": 1})
    assert response.status_code == 400
    assert "partner" in response.json()["errors"]


@pytest.mark.django_db
def test_contact_with_a_bad_email_is_refused():
    partner = PartnerOrganisationFactory()
    response = _client(Role.INVOLVEMENT_LEAD).post(
        reverse("api:partner-contact-list"),
        {"organisation": partner.pk, "name": "Test Contact", "email": "not-an-email"},
        format="json",
    )
    assert response.status_code == 400
    assert "email" in response.json()["errors"]
    assert PartnerContact.objects.count() == 0


@pytest.mark.django_db
def test_contact_cannot_move_to_another_partner():
    contact = PartnerContactFactory()
    elsewhere = PartnerOrganisationFactory()
    url = reverse("api:partner-contact-detail", kwargs={"pk": contact.pk})
    response = _client(Role.INVOLVEMENT_LEAD).patch(
        url, {"organisation": elsewhere.pk, "name": "Moved Name"}, format="json"
    )
    assert response.status_code == 400
    assert "organisation" in response.json()["errors"]
    before = (contact.organisation_id, contact.name)
    contact.refresh_from_db()
    assert (contact.organisation_id, contact.name) == before


@pytest.mark.django_db
def test_contact_added_shows_on_its_partner():
    partner = PartnerOrganisationFactory()
    client = _client(Role.INVOLVEMENT_LEAD)
    created = client.post(
        reverse("api:partner-contact-list"),
        {"organisation": partner.pk, "name": "Test New Contact", "email": "new@test.example"},
        format="json",
    )
    assert created.status_code == 201
    contacts = client.get(partner_url(partner)).json()["contacts"]
    assert [(c["id"], c["name"], c["email"]) for c in contacts] == [
        (created.json()["id"], "Test New Contact", "new@test.example")
    ]
