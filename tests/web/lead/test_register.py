"""The register for the involvement team: finding people, adding and changing them, consent, and a
person's page. What a lead sees and what their forms write; who may not open the pages."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import AccessLog
from accounts.roles import Role
from involvement.models import Activity, Participant, Participation
from involvement.selectors import tax_year_bounds, tax_year_of
from tests.factories import (
    ActivityFactory,
    ConsultationFactory,
    ConsultationInvitationFactory,
    ConsultationResponseFactory,
    ParticipantFactory,
    ParticipationFactory,
    PartnerOrganisationFactory,
    TeamFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

LIST = "/lead/register/"
ADD = "/lead/register/add/"


def text(response) -> str:
    return response.content.decode()


def names(response) -> list[str]:
    """The names in the register table, in order."""
    body = text(response)
    table = body.split("<tbody", 1)[1].split("</tbody>", 1)[0] if "<tbody" in body else ""
    return re.findall(r'href="/lead/register/\d+/">([^<]+)</a>', table)


@pytest.fixture
def lead(page_for):
    return page_for(Role.INVOLVEMENT_LEAD)


# --- who may open these pages ------------------------------------------------------------------


@pytest.mark.parametrize("role", [r for r in Role if r not in (Role.INVOLVEMENT_LEAD, Role.ADMIN)])
def test_other_roles_get_the_403_page(page_for, role):
    person = ParticipantFactory()
    client = page_for(role)
    for path in (
        LIST,
        ADD,
        f"{LIST}{person.pk}/",
        f"{LIST}{person.pk}/edit/",
        f"{LIST}{person.pk}/consent/withdraw/",
    ):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "The register is for the involvement team." in text(response)
    response = client.post(f"{LIST}{person.pk}/consent/withdraw/")
    assert response.status_code == 403
    person.refresh_from_db()
    assert person.consent_withdrawn_at is None


def test_an_administrator_sees_the_register_as_restrict_allows(page_for):
    ParticipantFactory(name="Test Admin-Visible")
    response = page_for(Role.ADMIN).get(LIST)
    assert response.status_code == 200
    assert names(response) == ["Test Admin-Visible"]


def test_an_entry_that_does_not_exist_is_the_404_page(lead):
    for path in (f"{LIST}999999/", f"{LIST}999999/edit/", f"{LIST}999999/consent/give/"):
        response = lead.get(path)
        assert response.status_code == 404, path
        assert "Page not found" in text(response)


def test_the_menu_offers_the_register_to_leads_only(lead, page_for):
    assert f'href="{LIST}"' in text(lead.get("/"))
    assert f'href="{LIST}"' not in text(page_for(Role.FINANCE).get("/"))


# --- search and filters -----------------------------------------------------------------------


def test_search_finds_by_part_of_a_name_part_of_an_email_or_a_whole_phone_number(lead):
    ParticipantFactory(name="Test Alder Quince", email="aq@test.example", phone="+44 (0) 7700-900123")
    ParticipantFactory(name="Test Birch Rowe", email="birch.rowe@test.example", phone="07700 900 999")
    ParticipantFactory(name="Test Cedar Stone", email="cedar@test.example", phone="")
    assert names(lead.get(LIST, {"q": "quin"})) == ["Test Alder Quince"]
    assert names(lead.get(LIST, {"q": "BIRCH.ROWE@"})) == ["Test Birch Rowe"]
    assert names(lead.get(LIST, {"q": "07700 900123"})) == ["Test Alder Quince"]
    assert names(lead.get(LIST, {"q": "+447700900999"})) == ["Test Birch Rowe"]
    response = lead.get(LIST, {"q": "Nobody-Here"})
    assert names(response) == [] and "No one on the register matches." in text(response)
    assert names(lead.get(LIST)) == ["Test Alder Quince", "Test Birch Rowe", "Test Cedar Stone"]


def test_each_filter_narrows_the_list(lead):
    team, other_team = TeamFactory(name="Test Crisis Team"), TeamFactory()
    partner = PartnerOrganisationFactory(name="Test Lantern Group")
    carer = ParticipantFactory(name="Test Carer", experience="carer", sharing_level="activity_leads")
    carer.teams_of_interest.set([team, other_team])
    ParticipantFactory(name="Test Referred", referred_by=partner, status="paused")
    ParticipantFactory(name="Test Withdrawn", consent_withdrawn_at=timezone.now())
    ParticipantFactory(name="Test Never", consent_given_at=None, consent_purposes="")
    assert names(lead.get(LIST, {"experience": "carer"})) == ["Test Carer"]
    assert names(lead.get(LIST, {"team": team.pk})) == ["Test Carer"]
    assert names(lead.get(LIST, {"sharing_level": "activity_leads"})) == ["Test Carer"]
    assert names(lead.get(LIST, {"referred_by": partner.pk})) == ["Test Referred"]
    assert names(lead.get(LIST, {"status": "paused"})) == ["Test Referred"]
    assert names(lead.get(LIST, {"consent": "withdrawn"})) == ["Test Withdrawn"]
    assert names(lead.get(LIST, {"consent": "not_given"})) == ["Test Never"]
    assert names(lead.get(LIST, {"consent": "given"})) == ["Test Carer", "Test Referred"]
    assert names(lead.get(LIST, {"consent": "given", "status": "active"})) == ["Test Carer"]


def test_a_filter_that_names_nothing_is_shown_as_an_error_and_the_rest_still_apply(lead):
    ParticipantFactory(name="Test Carer", experience="carer")
    ParticipantFactory(name="Test User")
    response = lead.get(LIST, {"team": "999999", "experience": "carer"})
    assert response.status_code == 400
    body = text(response)
    assert "There is a problem" in body and '<a href="#id_team">Choose a team from the list</a>' in body
    assert names(response) == ["Test Carer"]


def test_the_list_is_in_pages_that_keep_the_search(lead):
    for index in range(30):
        ParticipantFactory(name=f"Test Paged {index:02d}", experience="carer")
    first = lead.get(LIST, {"experience": "carer"})
    assert len(names(first)) == 25 and "30 people found" in text(first)
    assert 'href="?experience=carer&amp;page=2"' in text(first)
    second = lead.get(LIST, {"experience": "carer", "page": 2})
    assert names(second) == [f"Test Paged {index}" for index in range(25, 30)]
    assert names(lead.get(LIST, {"experience": "carer", "page": "99"})) == names(second)


def test_the_people_a_list_shows_are_written_to_the_access_log(lead):
    shown = ParticipantFactory(name="Test Logged")
    lead.get(LIST)
    logged = AccessLog.objects.get(record_type="involvement.participant")
    assert (logged.record_id, logged.user_id, logged.path) == (str(shown.pk), lead.user.pk, LIST)


def _people(count: int) -> None:
    partner = PartnerOrganisationFactory()
    for _ in range(count):
        person = ParticipantFactory(referred_by=partner, phone="07700 900123")
        person.topics.set([ThemeFactory()])


def test_the_list_asks_the_same_number_of_queries_for_3_rows_as_for_30(lead, django_assert_max_num_queries):
    _people(3)
    with CaptureQueriesContext(connection) as few:
        assert lead.get(LIST, {"q": "07700 900123", "consent": "given"}).status_code == 200
    _people(27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = lead.get(LIST, {"q": "07700 900123", "consent": "given"})
    assert len(names(response)) == 25
    assert len(few.captured_queries) <= 15


# --- a person's page ----------------------------------------------------------------------------


def _history(person: Participant, count: int) -> None:
    today = timezone.localdate()
    for index in range(count):
        start = timezone.localtime() - dt.timedelta(days=3 + index)
        held = ActivityFactory(starts_at=start, ends_at=start + dt.timedelta(hours=2), status="held")
        ParticipationFactory(
            participant=person, activity=held, status="accepted", attendance="attended", hours=Decimal("1.00")
        )
        ConsultationInvitationFactory(participant=person)
    del today


def test_a_persons_page_shows_their_details_history_and_hours(lead):
    partner = PartnerOrganisationFactory(name="Test Harbour Co-op")
    person = ParticipantFactory(
        name="Test Rowan Ash",
        phone="07700 900123",
        accessibility_needs="Needs step-free access.",
        referred_by=partner,
        payroll_reference="PAY-123",
    )
    this_year = tax_year_of(timezone.localdate())
    first_day, _ = tax_year_bounds(this_year)
    last_year = timezone.make_aware(dt.datetime.combine(first_day - dt.timedelta(days=10), dt.time(10)))
    old = ActivityFactory(
        title="Test Old Panel", starts_at=last_year, ends_at=last_year + dt.timedelta(hours=3), status="held"
    )
    ParticipationFactory(
        participant=person, activity=old, status="accepted", attendance="attended", hours=Decimal("3.00")
    )
    recent_start = timezone.localtime() - dt.timedelta(hours=5)
    recent = ActivityFactory(
        title="Test Recent Workshop",
        starts_at=recent_start,
        ends_at=recent_start + dt.timedelta(hours=2),
        status="held",
    )
    ParticipationFactory(
        participant=person, activity=recent, status="accepted", attendance="attended", hours=Decimal("1.50")
    )
    ParticipationFactory(
        participant=person, activity=ActivityFactory(title="Test Future Walk"), status="waitlisted"
    )
    ConsultationInvitationFactory(
        participant=person, consultation=ConsultationFactory(title="Test Carers Strategy")
    )
    ConsultationResponseFactory(
        participant=person, consultation=ConsultationFactory(title="Test Leaflet Draft")
    )

    response = lead.get(f"{LIST}{person.pk}/")
    assert response.status_code == 200
    body = text(response)
    for shown in (
        "Test Rowan Ash",
        "07700 900123",
        "Needs step-free access.",
        "Test Harbour Co-op",
        "PAY-123",
    ):
        assert shown in body
    assert "Test Old Panel" in body and "Test Recent Workshop" in body and "Test Future Walk" in body
    assert "On the waiting list" in body and "Attended" in body
    assert re.search(r"This tax year \(\d{4}-\d{2}\)</dt>\s*<dd[^>]*>1.5 hours<", body)
    assert re.search(r"In all</dt>\s*<dd[^>]*>4.5 hours<", body)
    assert "Test Carers Strategy" in body and "No response" in body
    assert "Test Leaflet Draft" in body and "Not invited" in body
    logged = AccessLog.objects.filter(record_type="involvement.participant", record_id=str(person.pk))
    assert logged.filter(user=lead.user, action="read").count() == 1


def test_a_persons_page_asks_the_same_number_of_queries_however_long_their_history(
    lead, django_assert_max_num_queries
):
    person = ParticipantFactory()
    _history(person, 3)
    with CaptureQueriesContext(connection) as few:
        assert lead.get(f"{LIST}{person.pk}/").status_code == 200
    _history(person, 27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert lead.get(f"{LIST}{person.pk}/").status_code == 200


# --- adding someone ------------------------------------------------------------------------------


def _form(**changes) -> dict:
    data = {
        "name": "Test Juniper Vale",
        "pronouns": "she/her",
        "email": "juniper@test.example",
        "phone": "07700 900456",
        "postal_address": "1 Test Street\nTesttown",
        "preferred_contact": "phone",
        "experience": "both",
        "accessibility_needs": "Large print, please.",
        "consent_given": "on",
        "consent_purposes": "Invitations to workshops",
        "sharing_level": "activity_leads",
        "payment_preference": "expenses_only",
        "payroll_reference": "SUP-42",
        "joined_on_day": "",
        "joined_on_month": "",
        "joined_on_year": "",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def test_adding_a_person_writes_every_field_they_gave(lead):
    topic, team, partner = ThemeFactory(), TeamFactory(), PartnerOrganisationFactory()
    page = text(lead.get(ADD))
    assert topic.name in page and team.name in page and partner.name in page
    joined = timezone.localdate() - dt.timedelta(days=3)
    response = lead.post(
        ADD,
        _form(
            topics=[topic.pk],
            teams_of_interest=[team.pk],
            referred_by=partner.pk,
            joined_on_day=str(joined.day),
            joined_on_month=str(joined.month),
            joined_on_year=str(joined.year),
        ),
    )
    person = Participant.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{LIST}{person.pk}/"
    assert (person.name, person.pronouns, person.email, person.phone) == (
        "Test Juniper Vale", "she/her", "juniper@test.example", "07700 900456",
    )  # fmt: skip
    assert (person.preferred_contact, person.experience, person.sharing_level) == (
        "phone",
        "both",
        "activity_leads",
    )
    assert (person.payment_preference, person.payroll_reference) == ("expenses_only", "SUP-42")
    assert person.consent_given_at is not None and person.consent_purposes == "Invitations to workshops"
    assert list(person.topics.all()) == [topic] and list(person.teams_of_interest.all()) == [team]
    assert person.referred_by == partner and person.joined_on == joined
    assert "Test Juniper Vale is on the register." in text(lead.get(response["Location"]))


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "id_name", "Enter the person&#x27;s name"),
        ({"experience": None}, "id_experience_0", "Select their lived experience"),
        ({"email": "not-an-address"}, "id_email", "Enter an email address in the right format"),
        (
            {"consent_purposes": ""},
            "id_consent_purposes",
            "Say what the person agreed to be contacted about.",
        ),
        (
            {"joined_on_day": "31", "joined_on_month": "2", "joined_on_year": "2026"},
            "id_joined_on",
            "The join date must be a real date",
        ),
        (
            {"joined_on_day": "1", "joined_on_month": "", "joined_on_year": "2026"},
            "id_joined_on",
            "The join date must include a day, month and year",
        ),
        (
            {"joined_on_day": "1", "joined_on_month": "1", "joined_on_year": "2099"},
            "id_joined_on",
            "The join date cannot be more than a month ahead.",
        ),
    ],
)
def test_a_mistake_is_shown_beside_its_field_and_nothing_is_written(lead, changes, field, message):
    response = lead.post(ADD, _form(**changes))
    assert response.status_code == 400
    body = text(response)
    assert f'<a href="#{field}">{message}' in body
    assert body.count(message) >= 2  # in the summary and beside the field
    assert 'value="juniper@test.example"' in body or "email" in changes
    assert "<title>Error: " in body
    assert not Participant.objects.exists()


def test_a_possible_duplicate_is_shown_and_added_only_once_the_lead_confirms(lead):
    same_phone = ParticipantFactory(name="Test Someone Else", phone="+44 7700 900456")
    same_name = ParticipantFactory(name="TEST JUNIPER VALE", email="other@test.example")
    ParticipantFactory(name="Test Unrelated")
    response = lead.post(ADD, _form())
    assert response.status_code == 400
    body = text(response)
    assert "They may be on the register already" in body
    assert f'href="{LIST}{same_phone.pk}/"' in body and f'href="{LIST}{same_name.pk}/"' in body
    assert "Test Unrelated" not in body
    assert '<a href="#id_different_person">Check the people listed' in body
    assert 'value="Test Juniper Vale"' in body
    assert Participant.objects.count() == 3
    response = lead.post(ADD, _form(different_person="on"))
    assert response.status_code == 302
    assert Participant.objects.filter(name="Test Juniper Vale").count() == 1


# --- changing someone -----------------------------------------------------------------------------


def test_changing_a_person_saves_what_changed(lead):
    person = ParticipantFactory(name="Test Old Name", phone="")
    kept = ThemeFactory(name="Test Retired Topic", is_active=False)
    person.topics.set([kept])
    invitation = ParticipationFactory(participant=person)
    page = text(lead.get(f"{LIST}{person.pk}/edit/"))
    assert 'value="Test Old Name"' in page and "Test Retired Topic" in page
    data = {
        "name": "Test New Name",
        "preferred_contact": "text",
        "experience": "carer",
        "sharing_level": "leads_only",
        "payment_preference": "none",
        "phone": "07700 900777",
        "topics": [kept.pk],
        "status": "paused",
    }
    response = lead.post(f"{LIST}{person.pk}/edit/", data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.name, person.phone, person.experience, person.status) == (
        "Test New Name",
        "07700 900777",
        "carer",
        "paused",
    )
    assert list(person.topics.all()) == [kept]
    invitation.refresh_from_db()
    assert invitation.status == Participation.Status.WITHDRAWN  # pausing lapses unanswered invitations


def test_a_mistake_when_changing_writes_nothing(lead):
    person = ParticipantFactory(name="Test Kept Name")
    response = lead.post(
        f"{LIST}{person.pk}/edit/",
        {"name": "Test Changed", "email": "nope", "preferred_contact": "email", "experience": "carer",
         "sharing_level": "leads_only", "payment_preference": "paid", "status": "active"},
    )  # fmt: skip
    assert response.status_code == 400
    assert '<a href="#id_email">Enter an email address' in text(response)
    assert 'value="Test Changed"' in text(response)
    person.refresh_from_db()
    assert person.name == "Test Kept Name" and person.experience == "service_user"


# --- consent ----------------------------------------------------------------------------------------


def test_recording_consent_needs_what_they_agreed_to(lead):
    person = ParticipantFactory(consent_given_at=None, consent_purposes="")
    path = f"{LIST}{person.pk}/consent/give/"
    assert "Record that they gave consent" in text(lead.get(f"{LIST}{person.pk}/"))
    response = lead.post(path, {"purposes": ""})
    assert response.status_code == 400
    assert '<a href="#id_purposes">Say what they have agreed to be contacted about</a>' in text(response)
    person.refresh_from_db()
    assert person.consent_given_at is None
    assert lead.post(path, {"purposes": "Consultations about carers"}).status_code == 302
    person.refresh_from_db()
    assert person.consent_given_at is not None and person.consent_purposes == "Consultations about carers"
    assert person.may_be_contacted


def test_withdrawing_says_what_will_happen_then_does_it(lead):
    person = ParticipantFactory(name="Test Withdrawing")
    unanswered = ParticipationFactory(
        participant=person, activity=ActivityFactory(title="Test Unanswered Walk")
    )
    place = ParticipationFactory(
        participant=person, activity=ActivityFactory(title="Test Booked Group"), status="accepted"
    )
    path = f"{LIST}{person.pk}/consent/withdraw/"
    page = text(lead.get(path))
    assert "What will happen" in page
    assert "Test Unanswered Walk" in page.split("will lapse", 1)[1].split("</ul>", 1)[0]
    assert "Test Booked Group" in page.split("They keep the places", 1)[1].split("</ul>", 1)[0]
    assert "Reminders planned for them and not yet sent are cancelled" in page
    response = lead.post(path)
    assert response.status_code == 302 and response["Location"] == f"{LIST}{person.pk}/"
    person.refresh_from_db()
    unanswered.refresh_from_db()
    place.refresh_from_db()
    assert person.consent_withdrawn_at is not None
    assert unanswered.status == Participation.Status.WITHDRAWN
    assert place.status == Participation.Status.ACCEPTED
    assert "Consent withdrawn" in text(lead.get(response["Location"]))


def test_there_is_nothing_to_withdraw_without_consent(lead):
    person = ParticipantFactory(consent_given_at=None, consent_purposes="")
    path = f"{LIST}{person.pk}/consent/withdraw/"
    assert lead.get(path)["Location"] == f"{LIST}{person.pk}/"
    assert lead.post(path).status_code == 302
    person.refresh_from_db()
    assert person.consent_withdrawn_at is None
    assert Activity.objects.count() == 0
