"""A participant's own pages: what they see, what their replies and claims change, what they may not see."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import AccessLog
from accounts.roles import Role
from involvement.models import Activity, ExpenseLine, Participant, Participation, PaymentClaim
from reminders.models import Reminder
from tests.factories import (
    ParticipantFactory,
    ParticipationFactory,
    PaymentClaimFactory,
    RateCardEntryFactory,
)
from tests.web.conftest import attended, invite, signed_in

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


# --- who may open these pages ------------------------------------------------------------------


@pytest.mark.parametrize("role", [r for r in Role if r != Role.PARTICIPANT])
def test_other_roles_get_the_403_page(page_for, role):
    response = page_for(role).get("/involvement/invitations/")
    assert response.status_code == 403
    assert "These pages are for people on the involvement register." in text(response)


def test_a_participant_login_with_no_register_entry_is_told_to_ask(page_for):
    response = page_for(Role.PARTICIPANT).get("/involvement/claims/")
    assert response.status_code == 403
    assert "not linked to an entry on the involvement register" in text(response)


def test_someone_elses_activity_and_claim_are_404_pages(participant_page):
    theirs = invite(ParticipantFactory())
    claim = PaymentClaimFactory()
    for path in (
        f"/involvement/activities/{theirs.activity_id}/",
        f"/involvement/activities/{theirs.activity_id}/give-up/",
        f"/involvement/activities/{theirs.activity_id}/calendar.ics",
        f"/involvement/claims/{claim.pk}/",
        f"/involvement/claims/new/{claim.participation_id}/",
    ):
        response = participant_page.get(path)
        assert response.status_code == 404, path
        assert "Page not found" in text(response)
    response = participant_page.post(f"/involvement/activities/{theirs.activity_id}/", {"answer": "yes"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Participation.Status.INVITED


# --- invitations, places and the waiting list ------------------------------------------------------


def test_invitations_show_replies_needed_and_waiting_list_places(participant, participant_page):
    waiting = invite(participant, title="Waiting-list workshop")
    Participation.objects.filter(pk=waiting.pk).update(
        status=Participation.Status.WAITLISTED, waitlisted_at=timezone.now()
    )
    invite(participant, title="Open workshop")
    past = invite(participant, title="Old workshop")
    Activity.objects.filter(pk=past.activity_id).update(
        starts_at=timezone.now() - dt.timedelta(days=3),
        ends_at=timezone.now() - dt.timedelta(days=3, hours=-2),
    )
    body = text(participant_page.get("/involvement/invitations/"))
    assert "Open workshop" in body and "Waiting for your reply" in body
    assert "Waiting-list workshop" in body and "On the waiting list" in body
    assert "Old workshop" not in body


def test_saying_yes_takes_a_place_and_offers_the_calendar_file(participant, participant_page):
    invitation = invite(participant, title="Leaflet workshop")
    RateCardEntryFactory(activity_kind=invitation.activity.kind)
    page = text(participant_page.get(f"/involvement/activities/{invitation.activity_id}/"))
    assert "Can you take part?" in page and "£20.00 per hour" in page
    assert "Involvement payments can count as earnings" in page
    response = participant_page.post(f"/involvement/activities/{invitation.activity_id}/", {"answer": "yes"})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == Participation.Status.ACCEPTED
    page = text(participant_page.get(f"/involvement/activities/{invitation.activity_id}/"))
    assert "You have a place. We look forward to seeing you." in page
    assert "Add this activity to your calendar" in page
    ics = participant_page.get(f"/involvement/activities/{invitation.activity_id}/calendar.ics")
    assert ics["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"SUMMARY:Leaflet workshop" in ics.content
    feed = participant_page.get("/involvement/calendar.ics")
    assert b"SUMMARY:Leaflet workshop" in feed.content
    assert "Leaflet workshop" in text(participant_page.get("/involvement/activities/"))


def test_saying_yes_to_a_full_activity_is_a_waiting_list_place_shown_as_such(participant, participant_page):
    invitation = invite(participant, capacity=1)
    ParticipationFactory(activity=invitation.activity, status=Participation.Status.ACCEPTED)
    assert "This activity is full." in text(
        participant_page.get(f"/involvement/activities/{invitation.activity_id}/")
    )
    participant_page.post(f"/involvement/activities/{invitation.activity_id}/", {"answer": "yes"})
    invitation.refresh_from_db()
    assert invitation.status == Participation.Status.WAITLISTED
    page = text(participant_page.get(f"/involvement/activities/{invitation.activity_id}/"))
    assert "On the waiting list" in page and "you are on the waiting list" in page
    assert "Leave the waiting list" in page


def test_no_answer_shows_the_error_and_writes_nothing(participant, participant_page):
    invitation = invite(participant)
    response = participant_page.post(f"/involvement/activities/{invitation.activity_id}/", {})
    assert response.status_code == 400
    assert '<a href="#id_answer_0">Select yes if you would like to take part</a>' in text(response)
    invitation.refresh_from_db()
    assert invitation.status == Participation.Status.INVITED


def test_a_service_refusal_is_shown_beside_the_answer(participant, participant_page):
    invitation = invite(participant)
    Activity.objects.filter(pk=invitation.activity_id).update(status=Activity.Status.CLOSED)
    # The page no longer offers a reply; a reply posted anyway gets the service's own words.
    response = participant_page.post(f"/involvement/activities/{invitation.activity_id}/", {"answer": "yes"})
    assert response.status_code == 400
    assert "This activity is no longer taking replies." in text(response)
    invitation.refresh_from_db()
    assert invitation.status == Participation.Status.INVITED


def test_giving_up_a_place_asks_first_and_passes_it_to_the_waiting_list(participant, participant_page):
    mine = invite(participant, capacity=1)
    Participation.objects.filter(pk=mine.pk).update(status=Participation.Status.ACCEPTED)
    waiting = ParticipationFactory(
        activity=mine.activity, status=Participation.Status.WAITLISTED, waitlisted_at=timezone.now()
    )
    ask = participant_page.get(f"/involvement/activities/{mine.activity_id}/give-up/")
    assert "Give up your place?" in text(ask)
    mine.refresh_from_db()
    assert mine.status == Participation.Status.ACCEPTED
    done = participant_page.post(f"/involvement/activities/{mine.activity_id}/give-up/")
    assert done["Location"] == "/involvement/activities/"
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.status == Participation.Status.WITHDRAWN
    assert waiting.status == Participation.Status.ACCEPTED


def test_a_place_already_attended_cannot_be_given_up_and_the_page_says_why(participant, participant_page):
    place = attended(participant, title="Panel practice")
    done = participant_page.post(f"/involvement/activities/{place.activity_id}/give-up/")
    assert done.status_code == 409
    page = text(done)
    assert "nhsuk-error-summary" in page
    assert (
        "You are recorded as having attended this activity, so your place can no longer be given up." in page
    )
    place.refresh_from_db()
    assert place.status == Participation.Status.ACCEPTED


# --- claims --------------------------------------------------------------------------------------


def claim_data(hours="2", lines=(), add_line=False):
    data = {"hours": hours, "expenses-TOTAL_FORMS": str(max(1, len(lines))), "expenses-INITIAL_FORMS": "0"}
    for index, line in enumerate(lines):
        for key, value in line.items():
            data[f"expenses-{index}-{key}"] = value
    if add_line:
        data["add_line"] = "1"
    return data


def test_a_claim_with_expense_lines_is_sent_and_shown_with_its_status(participant, participant_page):
    place = attended(participant, title="Panel practice")
    claims = text(participant_page.get("/involvement/claims/"))
    assert "Claim for Panel practice" in claims
    response = participant_page.post(
        f"/involvement/claims/new/{place.pk}/",
        claim_data(
            "2",
            [
                {"kind": "travel", "amount": "6.40", "description": "Bus there and back"},
                {"kind": "care", "amount": "12.00", "receipt_reference": "R-17"},
            ],
        ),
    )
    claim = PaymentClaim.objects.get(participation=place)
    assert response["Location"] == f"/involvement/claims/{claim.pk}/"
    assert claim.involvement_amount == Decimal("40.00")
    assert claim.expenses_amount == Decimal("18.40") and claim.total_amount == Decimal("58.40")
    page = text(participant_page.get(f"/involvement/claims/{claim.pk}/"))
    assert "Sent, waiting for approval" in page and "£58.40" in page
    assert "Bus there and back" in page and "Receipt: R-17" in page
    listing = text(participant_page.get("/involvement/claims/"))
    assert "Claim for Panel practice" not in listing and "£58.40" in listing
    # The activity's date, so two claims for a repeated activity can be told apart.
    held_on = timezone.localtime(place.activity.starts_at).date()
    assert f"on {held_on.day} {held_on:%B %Y}" in listing
    # A second visit to the form for the same attendance goes to the claim made.
    assert (
        participant_page.get(f"/involvement/claims/new/{place.pk}/")["Location"]
        == f"/involvement/claims/{claim.pk}/"
    )


def test_a_bad_amount_shows_the_summary_keeps_what_was_typed_and_writes_nothing(
    participant, participant_page
):
    place = attended(participant)
    response = participant_page.post(
        f"/involvement/claims/new/{place.pk}/",
        claim_data(
            "two", [{"kind": "travel", "amount": "4.999", "description": "Bus"}, {"kind": "", "amount": "3"}]
        ),
    )
    body = text(response)
    assert response.status_code == 400
    assert '<a href="#id_hours">Enter the hours as a number, like 2.5</a>' in body
    assert '<a href="#id_expenses-0-amount">Enter the amount in pounds and pence, like 12.50</a>' in body
    assert '<a href="#id_expenses-1-kind">Choose what the expense was for</a>' in body
    assert 'value="4.999"' in body and 'value="Bus"' in body and 'value="two"' in body
    assert not PaymentClaim.objects.exists() and not ExpenseLine.objects.exists()


def test_the_services_rule_on_hours_is_shown_beside_the_hours(participant, participant_page):
    place = attended(participant)
    response = participant_page.post(
        f"/involvement/claims/new/{place.pk}/", claim_data("5", [{"kind": "travel", "amount": "2.00"}])
    )
    body = text(response)
    assert response.status_code == 400
    assert "Hours cannot be more than the activity" in body
    assert 'id="id_hours_error"' in body
    assert not PaymentClaim.objects.exists()


def test_the_services_rule_on_an_expense_line_lands_on_that_line(participant, participant_page):
    Participant.objects.filter(pk=participant.pk).update(
        payment_preference=Participant.PaymentPreference.NONE
    )
    place = attended(participant)
    page = text(participant_page.get(f"/involvement/claims/new/{place.pk}/"))
    assert "You chose not to be paid" in page
    response = participant_page.post(
        f"/involvement/claims/new/{place.pk}/", claim_data("2", [{"kind": "travel", "amount": "2.00"}])
    )
    assert "no expenses can be claimed" in text(response)
    assert not PaymentClaim.objects.exists()


def test_adding_an_expense_row_keeps_what_was_typed_and_sends_nothing(participant, participant_page):
    place = attended(participant)
    response = participant_page.post(
        f"/involvement/claims/new/{place.pk}/",
        claim_data("1.5", [{"kind": "travel", "amount": "3.20"}], add_line=True),
    )
    body = text(response)
    assert response.status_code == 200 and "There is a problem" not in body
    assert 'name="expenses-1-amount"' in body and 'value="3.20"' in body and 'value="1.5"' in body
    assert not PaymentClaim.objects.exists()


# --- hours -------------------------------------------------------------------------------------


def test_hours_are_listed_and_added_up_by_tax_year(participant, participant_page):
    attended(participant, hours="2.00", days_ago=10, title="Workshop A")
    attended(participant, hours="1.50", days_ago=20, title="Workshop B")
    ParticipationFactory(
        participant=ParticipantFactory(), attendance=Participation.Attendance.ATTENDED, hours=Decimal("9")
    )
    body = text(participant_page.get("/involvement/hours/"))
    assert "Workshop A" in body and "Workshop B" in body
    assert ": 3.5 hours</caption>" in body


# --- consent, sharing and contact ------------------------------------------------------------------


def test_withdrawing_consent_says_what_will_happen_first_then_does_it(participant, participant_page):
    pending = invite(participant, title="Future workshop")
    Reminder.objects.create(
        rule="involvement.activity_tomorrow",
        subject_type="activity",
        subject_id="1",
        recipient_email=participant.email,
        recipient_type="participant",
        recipient_id=str(participant.pk),
        occasion="before-1d",
        due_at=timezone.now() + dt.timedelta(days=1),
        subject_line="Tomorrow",
        body="See you tomorrow.",
    )
    page = text(participant_page.get("/involvement/consent/withdraw/"))
    assert "What will happen" in page and "Future workshop" in page
    assert "Claims you have made will still be dealt with and paid." in page
    participant.refresh_from_db()
    assert participant.consent_withdrawn_at is None  # looking changes nothing
    response = participant_page.post("/involvement/consent/withdraw/")
    assert response["Location"] == "/involvement/consent/"
    participant.refresh_from_db()
    pending.refresh_from_db()
    assert participant.consent_withdrawn_at is not None
    assert pending.status == Participation.Status.WITHDRAWN
    assert Reminder.objects.get().state == Reminder.State.DISMISSED
    page = text(participant_page.get("/involvement/consent/"))
    assert "You have withdrawn your consent" in page and "Give your consent again" in page


def test_giving_consent_again_needs_what_it_is_for(participant, participant_page):
    Participant.objects.filter(pk=participant.pk).update(consent_withdrawn_at=timezone.now())
    empty = participant_page.post("/involvement/consent/give/", {"purposes": "  "})
    assert empty.status_code == 400
    assert "Say what you are happy for us to contact you about" in text(empty)
    participant.refresh_from_db()
    assert participant.consent_withdrawn_at is not None
    participant_page.post("/involvement/consent/give/", {"purposes": "Workshops about crisis care"})
    participant.refresh_from_db()
    assert (
        participant.consent_withdrawn_at is None
        and participant.consent_purposes == "Workshops about crisis care"
    )


def test_sharing_and_payment_choices_are_saved_through_the_register(participant, participant_page):
    response = participant_page.post(
        "/involvement/sharing/", {"sharing_level": "activity_leads", "payment_preference": "expenses_only"}
    )
    assert response["Location"] == "/involvement/consent/"
    participant.refresh_from_db()
    assert participant.sharing_level == "activity_leads" and participant.payment_preference == "expenses_only"
    bad = participant_page.post(
        "/involvement/sharing/", {"sharing_level": "everyone", "payment_preference": "paid"}
    )
    assert bad.status_code == 400 and "Select a valid choice" in text(bad)
    participant.refresh_from_db()
    assert participant.payment_preference == "expenses_only"


def test_the_consent_page_is_logged_as_a_read_of_the_register_entry(participant, participant_page):
    participant_page.get("/involvement/consent/")
    log = AccessLog.objects.get()
    assert (log.user, log.record_type, log.record_id) == (
        participant.user,
        "involvement.participant",
        str(participant.pk),
    )


def test_contact_details_are_changed_and_a_bad_email_is_refused_whole(participant, participant_page):
    bad = participant_page.post(
        "/involvement/contact/",
        {"preferred_contact": "phone", "email": "not-an-email", "phone": "07700 900999"},
    )
    assert bad.status_code == 400
    body = text(bad)
    assert "Enter an email address in the right format" in body and 'value="07700 900999"' in body
    participant.refresh_from_db()
    assert participant.phone != "07700 900999"
    participant_page.post(
        "/involvement/contact/",
        {
            "preferred_contact": "phone",
            "email": "new@test.example",
            "phone": "07700 900999",
            "postal_address": "",
        },
    )
    participant.refresh_from_db()
    assert (participant.preferred_contact, participant.email, participant.phone) == (
        "phone",
        "new@test.example",
        "07700 900999",
    )
    assert "07700 900999" in text(participant_page.get("/settings/"))


# --- my data ----------------------------------------------------------------------------------------


def test_a_participant_downloads_their_own_data(participant, participant_page):
    attended(participant, title="Panel practice")
    page = text(participant_page.get("/my-data/"))
    assert "Download my data (ZIP)" in page
    response = participant_page.post("/my-data/")
    assert response["Content-Type"] == "application/zip" and "no-store" in response["Cache-Control"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("data.json"))
    assert data["subject"] == f"participant-{participant.pk}"
    assert "README.txt" in archive.namelist()


def test_staff_with_no_records_are_told_there_is_nothing_to_download(page_for):
    client = page_for(Role.FINANCE)
    assert "nothing to download here" in text(client.get("/my-data/"))
    response = client.post("/my-data/")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")


def test_a_peer_worker_downloads_the_record_of_their_employment():
    from tests.peers.factories import PeerWorkerFactory

    worker = PeerWorkerFactory()
    response = signed_in(worker.user).post("/my-data/")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert json.loads(archive.read("data.json"))["subject"] == f"peer-worker-{worker.pk}"
