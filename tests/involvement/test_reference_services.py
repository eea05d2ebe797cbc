"""Services for partners, their contacts, themes and activity kinds."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from accounts.roles import Role
from involvement import services
from involvement.errors import InvolvementConflict, InvolvementError
from involvement.models import ActivityKind, PartnerContact, PartnerOrganisation, Theme
from tests.factories import (
    ActivityFactory,
    ActivityKindFactory,
    ConsultationFactory,
    FeedbackItemFactory,
    ParticipantFactory,
    PartnerContactFactory,
    PartnerOrganisationFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead():
    return UserFactory(roles=[Role.INVOLVEMENT_LEAD])


def test_partner_create_and_update(lead):
    partner = services.partner_create(by=lead, name="Test Carers Network", kind="community")
    assert PartnerOrganisation.objects.get(pk=partner.pk).kind == "community"
    services.partner_update(partner=partner, by=lead, is_active=False, description="Paused for now.")
    partner.refresh_from_db()
    assert (partner.is_active, partner.description) == (False, "Paused for now.")


def test_partner_create_refuses_a_field_it_does_not_own(lead):
    with pytest.raises(InvolvementError) as caught:
        services.partner_create(by=lead, name="Test Partner", kind="faith", id=99)
    assert caught.value.field == "id"
    assert PartnerOrganisation.objects.count() == 0


def test_partner_update_validates_the_whole_row(lead):
    partner = PartnerOrganisationFactory(website="")
    with pytest.raises(ValidationError) as caught:
        services.partner_update(partner=partner, by=lead, website="nope")
    assert "website" in caught.value.message_dict
    partner.refresh_from_db()
    assert partner.website == ""


def test_partner_delete_refuses_when_someone_was_referred(lead):
    partner = PartnerOrganisationFactory()
    ParticipantFactory(referred_by=partner)
    with pytest.raises(InvolvementConflict, match="1 referrals"):
        services.partner_delete(partner=partner, by=lead)
    assert PartnerOrganisation.objects.filter(pk=partner.pk).exists()


def test_partner_delete_takes_its_contacts_with_it(lead):
    contact = PartnerContactFactory()
    services.partner_delete(partner=contact.organisation, by=lead)
    assert not PartnerContact.objects.filter(pk=contact.pk).exists()


def test_contact_create_update_delete(lead):
    partner = PartnerOrganisationFactory()
    contact = services.partner_contact_create(organisation=partner, by=lead, name="Test Contact One")
    services.partner_contact_update(contact=contact, by=lead, organisation=partner, job_title="Chair")
    contact.refresh_from_db()
    assert contact.job_title == "Chair"
    services.partner_contact_delete(contact=contact, by=lead)
    assert not PartnerContact.objects.filter(pk=contact.pk).exists()


def test_contact_needs_a_name(lead):
    with pytest.raises(ValidationError) as caught:
        services.partner_contact_create(organisation=PartnerOrganisationFactory(), by=lead, name="")
    assert "name" in caught.value.message_dict
    assert PartnerContact.objects.count() == 0


def test_theme_create_update(lead):
    theme = services.theme_create(by=lead, code="housing", name="Housing and home", group="topic")
    services.theme_update(theme=theme, by=lead, is_active=False)
    assert Theme.objects.get(pk=theme.pk).is_active is False


@pytest.mark.parametrize(
    ("use", "label"),
    [
        (lambda t: ActivityFactory().themes.add(t), "activities"),
        (lambda t: ConsultationFactory().themes.add(t), "consultations"),
        (lambda t: FeedbackItemFactory().themes.add(t), "feedback items"),
        (lambda t: ParticipantFactory().topics.add(t), "people's interests"),
    ],
)
def test_theme_in_use_cannot_be_deleted(lead, use, label):
    theme = ThemeFactory()
    use(theme)
    with pytest.raises(InvolvementConflict) as caught:
        services.theme_delete(theme=theme, by=lead)
    assert label in caught.value.message
    assert "mark it inactive" in caught.value.message
    assert Theme.objects.filter(pk=theme.pk).exists()


def test_unused_theme_and_kind_can_be_deleted(lead):
    theme = ThemeFactory()
    kind = ActivityKindFactory(code="spare-kind", name="Spare kind")
    services.theme_delete(theme=theme, by=lead)
    services.activity_kind_delete(kind=kind, by=lead)
    assert not Theme.objects.filter(pk=theme.pk).exists()
    assert not ActivityKind.objects.filter(pk=kind.pk).exists()


def test_activity_kind_name_must_be_unique(lead):
    ActivityKindFactory(code="panel", name="Panel")
    kinds = ActivityKind.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.activity_kind_create(by=lead, code="panel-2", name="Panel")
    assert "name" in caught.value.message_dict
    assert ActivityKind.objects.count() == kinds
