"""Partner organisations for the involvement team: the list and its kind filter, a partner's page
(contacts, activities co-delivered, people referred), adding and changing a partner and its contacts."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from involvement.models import PartnerContact, PartnerOrganisation
from tests.factories import (
    ActivityFactory,
    ParticipantFactory,
    PartnerContactFactory,
    PartnerOrganisationFactory,
)

pytestmark = pytest.mark.django_db

LIST = "/lead/partners/"


def text(response) -> str:
    return response.content.decode()


def listed(response) -> list[str]:
    """The partners' names in the list's table, in order."""
    table = text(response).split("<tbody", 1)[-1].split("</tbody>", 1)[0]
    return re.findall(r'href="/lead/partners/\d+/">([^<]+)</a>', table)


@pytest.fixture
def lead(page_for):
    return page_for(Role.INVOLVEMENT_LEAD)


@pytest.mark.parametrize("role", [r for r in Role if r not in (Role.INVOLVEMENT_LEAD, Role.ADMIN)])
def test_other_roles_get_the_403_page(page_for, role):
    """HR reads partners through the API (partners refer applicants), but these pages are the team's."""
    contact = PartnerContactFactory()
    client = page_for(role)
    partner = contact.organisation_id
    for path in (
        LIST,
        f"{LIST}add/",
        f"{LIST}{partner}/",
        f"{LIST}{partner}/edit/",
        f"{LIST}{partner}/contacts/{contact.pk}/remove/",
    ):
        response = client.get(path)
        assert response.status_code == 403, path
        assert "Partner organisations are for the involvement team." in text(response)
    assert client.post(f"{LIST}{partner}/contacts/{contact.pk}/remove/").status_code == 403
    assert PartnerContact.objects.filter(pk=contact.pk).exists()


def test_the_menu_offers_partners_to_leads(lead, page_for):
    assert f'href="{LIST}"' in text(lead.get("/"))
    assert f'href="{LIST}"' not in text(page_for(Role.HR).get("/"))


def test_the_list_shows_each_partner_with_contacts_and_counts_and_filters_by_kind(lead):
    lantern = PartnerOrganisationFactory(name="Test Lantern", kind="voluntary")
    PartnerContactFactory(organisation=lantern, name="Test Kit Contact")
    ActivityFactory().partners.set([lantern])
    ParticipantFactory(referred_by=lantern)
    ParticipantFactory(referred_by=lantern)
    PartnerOrganisationFactory(name="Test Faith Forum", kind="faith", is_active=False)
    response = lead.get(LIST)
    assert listed(response) == ["Test Faith Forum", "Test Lantern"]
    row = text(response).split("Test Lantern</a>", 1)[1].split("</tr>", 1)[0]
    assert "Test Kit Contact" in row
    assert re.findall(r"</span>(\d+)</td>", row) == ["1", "2"]
    assert "No longer a partner" in text(response)
    assert listed(lead.get(LIST, {"kind": "faith"})) == ["Test Faith Forum"]
    bad = lead.get(LIST, {"kind": "church"})
    assert bad.status_code == 400 and '<a href="#id_kind">' in text(bad)


def _partners(count: int) -> None:
    for _ in range(count):
        partner = PartnerOrganisationFactory()
        PartnerContactFactory(organisation=partner)
        PartnerContactFactory(organisation=partner)
        ParticipantFactory(referred_by=partner)
        ActivityFactory().partners.set([partner])


def test_the_list_asks_the_same_number_of_queries_for_3_rows_as_for_30(lead, django_assert_max_num_queries):
    _partners(3)
    with CaptureQueriesContext(connection) as few:
        assert lead.get(LIST).status_code == 200
    _partners(27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = lead.get(LIST)
    assert len(listed(response)) == 25 and 'aria-label="Page 2"' in text(response)
    assert len(few.captured_queries) <= 10


def test_a_partners_page_shows_contacts_activities_and_people_referred(lead):
    partner = PartnerOrganisationFactory(name="Test Harbour", website="https://harbour.test.example")
    PartnerContactFactory(organisation=partner, name="Test Sam Contact", email="sam@test.example")
    PartnerContactFactory(name="Test Other Partner's Contact")
    ActivityFactory(title="Test Co-delivered Walk").partners.set([partner])
    ActivityFactory(title="Test Not Theirs")
    referred = ParticipantFactory(name="Test Referred Person", referred_by=partner)
    response = lead.get(f"{LIST}{partner.pk}/")
    body = text(response)
    assert response.status_code == 200
    assert "Test Sam Contact" in body and "sam@test.example" in body
    assert "Test Other Partner" not in body
    assert "Test Co-delivered Walk" in body and "Test Not Theirs" not in body
    assert f'href="/lead/register/{referred.pk}/">Test Referred Person</a>' in body


def test_a_partners_page_lists_20_referrals_and_links_to_the_rest_on_the_register(lead):
    partner = PartnerOrganisationFactory()
    for index in range(22):
        ParticipantFactory(name=f"Test Referred {index:02d}", referred_by=partner)
    body = text(lead.get(f"{LIST}{partner.pk}/"))
    assert len(re.findall(r'href="/lead/register/\d+/"', body)) == 20
    assert f'href="/lead/register/?referred_by={partner.pk}">See all 22 on the register</a>' in body


def test_a_partner_or_contact_that_does_not_exist_is_the_404_page(lead):
    contact = PartnerContactFactory()
    other = PartnerOrganisationFactory()
    for path in (f"{LIST}999999/", f"{LIST}999999/edit/", f"{LIST}{other.pk}/contacts/{contact.pk}/"):
        assert lead.get(path).status_code == 404, path
    assert lead.post(f"{LIST}{other.pk}/contacts/{contact.pk}/remove/").status_code == 404
    assert PartnerContact.objects.filter(pk=contact.pk).exists()


def test_adding_a_partner_then_a_contact(lead):
    response = lead.post(
        f"{LIST}add/",
        {
            "name": "Test Open Door",
            "kind": "community",
            "website": "opendoor.test.example",
            "description": "Drop-in.",
        },
    )
    partner = PartnerOrganisation.objects.get()
    assert response.status_code == 302 and response["Location"] == f"{LIST}{partner.pk}/"
    assert (partner.kind, partner.website, partner.is_active) == (
        "community",
        "https://opendoor.test.example",
        True,
    )
    response = lead.post(
        f"{LIST}{partner.pk}/contacts/add/",
        {
            "name": "Test Ola Contact",
            "job_title": "Coordinator",
            "email": "ola@test.example",
            "phone": "07700 900321",
        },
    )
    assert response.status_code == 302
    contact = PartnerContact.objects.get()
    assert (contact.organisation, contact.name, contact.phone) == (
        partner,
        "Test Ola Contact",
        "07700 900321",
    )


def test_a_partner_with_a_name_already_used_is_refused_and_nothing_is_written(lead):
    PartnerOrganisationFactory(name="Test Taken")
    response = lead.post(f"{LIST}add/", {"name": "Test Taken", "kind": "faith"})
    assert response.status_code == 400
    body = text(response)
    assert '<a href="#id_name">' in body and "already exists" in body
    assert PartnerOrganisation.objects.count() == 1
    response = lead.post(f"{LIST}add/", {"name": "", "website": "not a web address"})
    body = text(response)
    assert response.status_code == 400
    assert "Enter the organisation&#x27;s name" in body and "Select what kind of organisation it is" in body
    assert "Enter a web address, like https://www.example.org" in body and 'value="not a web address"' in body
    assert PartnerOrganisation.objects.count() == 1


def test_changing_a_partner_can_mark_it_no_longer_a_partner(lead):
    partner = PartnerOrganisationFactory(name="Test Before")
    response = lead.post(
        f"{LIST}{partner.pk}/edit/", {"name": "Test After", "kind": "faith", "is_active": "no"}
    )
    assert response.status_code == 302
    partner.refresh_from_db()
    assert (partner.name, partner.kind, partner.is_active) == ("Test After", "faith", False)


def test_changing_and_removing_a_contact(lead):
    contact = PartnerContactFactory(name="Test Before Contact")
    base = f"{LIST}{contact.organisation_id}/contacts/{contact.pk}/"
    response = lead.post(base, {"name": "Test After Contact", "email": "wrong"})
    assert response.status_code == 400 and "Enter an email address in the right format" in text(response)
    contact.refresh_from_db()
    assert contact.name == "Test Before Contact"
    assert lead.post(base, {"name": "Test After Contact", "email": "after@test.example"}).status_code == 302
    contact.refresh_from_db()
    assert (contact.name, contact.email) == ("Test After Contact", "after@test.example")
    assert "Remove Test After Contact?" in text(lead.get(f"{base}remove/"))
    assert lead.post(f"{base}remove/").status_code == 302
    assert not PartnerContact.objects.filter(pk=contact.pk).exists()
