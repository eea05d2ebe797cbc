"""The involvement team's consultations pages and "you said, we did": what a lead sees and does, the
refusals other roles and other people's rows get, bad input shown on the form with nothing
written, and list pages that ask as many queries for 30 rows as for 3."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import AccessLog
from accounts.roles import Role
from involvement.models import (
    Consultation,
    ConsultationInvitation,
    ConsultationResponse,
    FeedbackItem,
    Participant,
)
from tests.factories import (
    ActivityFactory,
    ConsultationFactory,
    ConsultationInvitationFactory,
    ConsultationResponseFactory,
    FeedbackItemFactory,
    ParticipantFactory,
    ThemeFactory,
    UserFactory,
)
from tests.web.conftest import signed_in

pytestmark = pytest.mark.django_db

Status = Consultation.Status
BASE = "/lead/consultations/"


@pytest.fixture
def lead() -> Client:
    return signed_in(UserFactory(roles=[Role.INVOLVEMENT_LEAD], first_name="Indra", last_name="Leadtest"))


def text(response) -> str:
    """The page's words, without markup, spaces run together."""
    body = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(body))


def local(moment: dt.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def draft(**kwargs) -> Consultation:
    return ConsultationFactory(status=Status.DRAFT, **kwargs)


# --- the list -------------------------------------------------------------------------------------


def test_the_list_shows_each_consultation_with_its_status_and_closing_date_and_filters_by_status(lead):
    closes = timezone.now() + dt.timedelta(days=10)
    draft(title="Draft leaflet")
    ConsultationFactory(title="Open strategy", closes_at=closes)
    ConsultationFactory(title="Closed survey", status=Status.CLOSED)
    ConsultationFactory(title="Finished review", status=Status.OUTCOME_PUBLISHED)

    page = text(lead.get(BASE))
    for title, status in [
        ("Draft leaflet", "Draft"),
        ("Open strategy", "Open for feedback"),
        ("Closed survey", "Closed"),
        ("Finished review", "Outcome published"),
    ]:
        assert re.search(rf"{title} .*? {status}", page), title
    local_closes = timezone.localtime(closes)
    assert f"{local_closes.day} {local_closes:%B %Y}" in page
    assert "All (4)" in page and "Draft (1)" in page

    only_drafts = text(lead.get(BASE, {"status": "draft"}))
    assert "Draft leaflet" in only_drafts
    assert "Open strategy" not in only_drafts


def test_the_list_is_paginated(lead):
    for index in range(23):
        ConsultationFactory(title=f"Numbered consultation {index:02d}")
    first = text(lead.get(BASE))
    second = text(lead.get(BASE, {"page": 2}))
    assert first.count("Numbered consultation") == 20
    assert second.count("Numbered consultation") == 3
    assert "Page 2" in lead.get(BASE).content.decode()


def test_the_menu_has_consultations_for_leads(lead):
    assert 'href="/lead/consultations/">Consultations</a>' in lead.get("/").content.decode()


@pytest.mark.parametrize("role", [Role.PARTICIPANT, Role.BOARD_MEMBER])
def test_people_outside_the_trust_staff_get_the_403_page(page_for, role):
    consultation = ConsultationFactory()
    client = page_for(role)
    for path in (BASE, f"{BASE}{consultation.pk}/", f"{BASE}you-said-we-did/"):
        assert client.get(path).status_code == 403, path


def test_staff_who_own_a_consultation_run_it_but_do_not_invite_or_create(page_for):
    worker = page_for(Role.PEER_WORKER)
    mine = ConsultationFactory(title="Peer support charter", owner=worker.user, status=Status.DRAFT)
    ConsultationFactory(title="Someone else's consultation")

    page = text(worker.get(BASE))
    assert "Peer support charter" in page
    assert "Someone else's consultation" not in page
    assert "Create a consultation" not in page
    assert worker.get(f"{BASE}new/").status_code == 403
    assert worker.get(f"{BASE}{mine.pk}/invitations/").status_code == 403
    assert worker.get(f"{BASE}{mine.pk}/invitations/matching/").status_code == 403
    assert worker.post(f"{BASE}{mine.pk}/open/").status_code == 302
    mine.refresh_from_db()
    assert mine.status == Status.OPEN
    assert worker.get(f"{BASE}{mine.pk}/responses/new/").status_code == 403


def test_a_consultation_someone_may_not_see_is_404(page_for):
    other = ConsultationFactory(status=Status.DRAFT)
    item = FeedbackItemFactory()
    worker = page_for(Role.PEER_WORKER)
    for path in (
        f"{BASE}{other.pk}/",
        f"{BASE}{other.pk}/edit/",
        f"{BASE}{other.pk}/open/",
        f"{BASE}{other.pk}/responses/",
        f"{BASE}you-said-we-did/{item.pk}/",
        f"{BASE}you-said-we-did/{item.pk}/progress/",
    ):
        assert worker.get(path).status_code == 404, path
    assert worker.post(f"{BASE}{other.pk}/open/").status_code == 404
    other.refresh_from_db()
    assert other.status == Status.DRAFT


# --- making and changing a draft -------------------------------------------------------------------


def _form(**changes) -> dict:
    opens = timezone.localtime() + dt.timedelta(days=1)
    data = {
        "title": "Draft carers' strategy",
        "summary": "What should the trust do better for carers?",
        "document_url": "https://docs.test.example/carers.pdf",
        "audience": "carers",
        "opens_at": local(opens),
        "closes_at": local(opens + dt.timedelta(days=28)),
    }
    data.update(changes)
    return data


def test_a_lead_creates_a_draft_with_every_field(lead):
    theme = ThemeFactory(name="Carers")
    owner = UserFactory(roles=[Role.SUPERVISOR], first_name="Sasha", last_name="Ownertest")
    response = lead.post(f"{BASE}new/", _form(owner=owner.pk, themes=[theme.pk]))
    made = Consultation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}{made.pk}/"
    assert made.status == Status.DRAFT
    assert made.owner == owner
    assert made.audience == "carers"
    assert list(made.themes.all()) == [theme]
    page = text(lead.get(response["Location"]))
    assert "Draft carers' strategy is saved as a draft." in page
    assert "Sasha Ownertest" in page


def test_a_draft_that_closes_before_it_opens_is_refused_beside_the_date_and_not_saved(lead):
    opens = timezone.localtime() + dt.timedelta(days=5)
    data = _form(owner=lead.user.pk, opens_at=local(opens), closes_at=local(opens - dt.timedelta(days=1)))
    response = lead.post(f"{BASE}new/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'id="id_closes_at_error"' in page
    assert "A consultation must close after it opens." in page
    assert 'value="Draft carers&#x27; strategy"' in page
    assert not Consultation.objects.exists()


def test_a_draft_with_no_title_and_a_bad_date_names_both(lead):
    response = lead.post(f"{BASE}new/", _form(owner=lead.user.pk, title="", opens_at="31/02/2027 10:00"))
    assert response.status_code == 400
    page = text(response)
    assert "Enter a title" in page
    assert "Enter opens as a real date and time" in page
    assert not Consultation.objects.exists()


def test_an_owner_who_is_not_staff_is_refused(lead, participant):
    response = lead.post(f"{BASE}new/", _form(owner=participant.user.pk))
    assert response.status_code == 400
    assert "Choose an active member of staff from the list" in text(response)
    assert not Consultation.objects.exists()


def test_a_lead_changes_a_draft_and_moves_the_closing_date(lead):
    consultation = draft(title="Old title", owner=lead.user)
    new_close = timezone.localtime(consultation.closes_at) + dt.timedelta(days=7)
    form = lead.get(f"{BASE}{consultation.pk}/edit/")
    assert 'value="Old title"' in form.content.decode()
    data = _form(
        title="New title",
        owner=lead.user.pk,
        opens_at=local(consultation.opens_at),
        closes_at=local(new_close),
    )
    assert lead.post(f"{BASE}{consultation.pk}/edit/", data).status_code == 302
    consultation.refresh_from_db()
    assert consultation.title == "New title"
    assert consultation.closes_at == new_close.replace(second=0, microsecond=0)


def test_a_closed_consultation_cannot_be_changed(lead):
    consultation = ConsultationFactory(status=Status.CLOSED, title="Closed one", owner=lead.user)
    data = _form(title="Changed", owner=lead.user.pk)
    response = lead.post(f"{BASE}{consultation.pk}/edit/", data)
    assert response.status_code == 400
    assert "This consultation is closed; it can no longer change." in text(response)
    consultation.refresh_from_db()
    assert consultation.title == "Closed one"


# --- open, close, publish ----------------------------------------------------------------------------


def test_opening_asks_first_then_opens(lead):
    consultation = draft()
    ask = text(lead.get(f"{BASE}{consultation.pk}/open/"))
    assert "Open it for feedback?" in ask
    assert "This cannot be undone" in ask
    consultation.refresh_from_db()
    assert consultation.status == Status.DRAFT
    response = lead.post(f"{BASE}{consultation.pk}/open/")
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == Status.OPEN
    assert "is open for feedback" in text(lead.get(response["Location"]))


def test_opening_after_the_closing_date_says_so_and_links_to_the_date(lead):
    past = timezone.now() - dt.timedelta(days=1)
    consultation = draft(opens_at=past - dt.timedelta(days=5), closes_at=past)
    response = lead.post(f"{BASE}{consultation.pk}/open/")
    assert response.status_code == 400
    page = text(response)
    assert "has passed; move it before opening" in page
    assert "Change the closing date" in page
    consultation.refresh_from_db()
    assert consultation.status == Status.DRAFT


def test_closing_asks_first_then_closes_and_a_second_close_is_refused(lead):
    consultation = ConsultationFactory()
    assert "Close it for feedback?" in text(lead.get(f"{BASE}{consultation.pk}/close/"))
    assert lead.post(f"{BASE}{consultation.pk}/close/").status_code == 302
    consultation.refresh_from_db()
    assert consultation.status == Status.CLOSED
    again = lead.post(f"{BASE}{consultation.pk}/close/")
    assert again.status_code == 409
    assert "A consultation that is closed cannot become closed." in text(again)


def test_publishing_the_outcome_needs_the_text_and_then_shows_it(lead):
    consultation = ConsultationFactory(status=Status.CLOSED, closed_at=timezone.now())
    empty = lead.post(f"{BASE}{consultation.pk}/outcome/", {"outcome_summary": "  "})
    assert empty.status_code == 400
    assert "Say what the consultation found and what changes" in text(empty)
    consultation.refresh_from_db()
    assert consultation.status == Status.CLOSED

    lead.post(f"{BASE}{consultation.pk}/outcome/", {"outcome_summary": "We heard that evenings suit carers."})
    consultation.refresh_from_db()
    assert consultation.status == Status.OUTCOME_PUBLISHED
    assert "We heard that evenings suit carers." in text(lead.get(f"{BASE}{consultation.pk}/"))


def test_publishing_the_outcome_of_an_open_consultation_is_refused(lead):
    consultation = ConsultationFactory()
    response = lead.post(f"{BASE}{consultation.pk}/outcome/", {"outcome_summary": "Too early."})
    assert response.status_code == 400
    assert "A consultation that is open for feedback cannot become outcome published." in text(response)
    consultation.refresh_from_db()
    assert consultation.outcome_summary == ""


# --- invitations ----------------------------------------------------------------------------------------


def test_inviting_one_person_found_by_name(lead):
    consultation = draft()
    person = ParticipantFactory(name="Morgan Invitetest", email="morgan@test.example")
    ParticipantFactory(name="Morgan Noconsent", consent_given_at=None)

    found = lead.get(f"{BASE}{consultation.pk}/invitations/person/", {"q": "morgan"})
    page = text(found)
    assert "2 people found" in page
    assert "Invite Morgan Invitetest" in page
    assert "Morgan Noconsent Service user morgan" not in page
    assert "Cannot be contacted" in page
    # The search showed two entries' email addresses: both reads are in the access log.
    assert (
        AccessLog.objects.filter(user=lead.user, action="read", record_type="involvement.participant").count()
        == 2
    )

    response = lead.post(f"{BASE}{consultation.pk}/invitations/person/?q=morgan", {"participant": person.pk})
    assert response.status_code == 302
    assert response["Location"].endswith("?q=morgan")
    assert ConsultationInvitation.objects.filter(consultation=consultation, participant=person).exists()
    after = text(lead.get(response["Location"]))
    assert "Morgan Invitetest is invited to" in after
    assert "Invited" in after


def test_inviting_someone_who_may_not_be_contacted_is_refused_and_nothing_is_written(lead):
    consultation = draft()
    person = ParticipantFactory(name="Kit Withdrawn", consent_withdrawn_at=timezone.now())
    response = lead.post(f"{BASE}{consultation.pk}/invitations/person/", {"participant": person.pk})
    assert response.status_code == 400
    assert "Kit Withdrawn: This person has not given consent to be contacted" in text(response)
    assert not ConsultationInvitation.objects.exists()


def test_inviting_to_a_closed_consultation_is_refused(lead):
    consultation = ConsultationFactory(status=Status.CLOSED)
    person = ParticipantFactory()
    response = lead.post(f"{BASE}{consultation.pk}/invitations/person/", {"participant": person.pk})
    assert response.status_code == 400
    assert "This consultation is closed; no one can be invited now." in text(response)
    assert not ConsultationInvitation.objects.exists()


def _matching(consultation: Consultation) -> str:
    return f"{BASE}{consultation.pk}/invitations/matching/"


def test_inviting_everyone_a_search_finds_shows_who_first_then_invites_exactly_them(lead):
    consultation = draft()
    ana = ParticipantFactory(name="Ana Carertest", experience=Participant.Experience.CARER)
    bo = ParticipantFactory(name="Bo Carertest", experience=Participant.Experience.CARER)
    ParticipantFactory(name="Cy Carertest", experience=Participant.Experience.CARER, consent_given_at=None)
    ParticipantFactory(name="Di Servicetest", experience=Participant.Experience.SERVICE_USER)
    already = ParticipantFactory(name="Ed Carertest", experience=Participant.Experience.CARER)
    ConsultationInvitationFactory(consultation=consultation, participant=already)

    preview = lead.get(_matching(consultation), {"experience": "carer", "show": "1"})
    page = text(preview)
    assert "2 people will be invited" in page
    assert "Ana Carertest" in page and "Bo Carertest" in page
    assert "Cy Carertest" not in page and "Di Servicetest" not in page and "Ed Carertest" not in page
    assert "4 people match your search. 2 of them are left out" in page
    assert ConsultationInvitation.objects.count() == 1  # nothing sent by looking

    fingerprint = preview.context["fingerprint"]
    response = lead.post(
        _matching(consultation), {"experience": "carer", "q": "", "fingerprint": fingerprint}
    )
    assert response.status_code == 302
    invited = set(
        ConsultationInvitation.objects.filter(consultation=consultation).values_list("participant", flat=True)
    )
    assert invited == {ana.pk, bo.pk, already.pk}
    assert "2 people are invited" in text(lead.get(response["Location"]))


def test_a_send_after_the_register_changed_shows_the_new_list_and_sends_nothing(lead):
    consultation = draft()
    ParticipantFactory(name="Ana Carertest", experience=Participant.Experience.CARER)
    preview = lead.get(_matching(consultation), {"experience": "carer", "show": "1"})
    ParticipantFactory(name="Newcomer Carertest", experience=Participant.Experience.CARER)
    response = lead.post(
        _matching(consultation), {"experience": "carer", "fingerprint": preview.context["fingerprint"]}
    )
    assert response.status_code == 400
    page = text(response)
    assert "The people who match have changed since you looked" in page
    assert "2 people will be invited" in page and "Newcomer Carertest" in page
    assert not ConsultationInvitation.objects.exists()


def test_a_search_filter_that_names_nothing_is_an_error_on_the_field(lead):
    consultation = draft()
    response = lead.get(_matching(consultation), {"team": "999999", "show": "1"})
    assert response.status_code == 400
    assert "Choose a team from the list" in text(response)


def test_the_invitations_list_shows_who_responded(lead):
    consultation = ConsultationFactory()
    yes = ConsultationInvitationFactory(consultation=consultation, participant__name="Ria Respondedtest")
    ConsultationInvitationFactory(consultation=consultation, participant__name="Sol Waitingtest")
    ConsultationResponseFactory(consultation=consultation, participant=yes.participant)
    page = text(lead.get(f"{BASE}{consultation.pk}/invitations/"))
    assert "2 people are invited" in page
    assert re.search(r"Ria Respondedtest .*? Yes", page)
    assert re.search(r"Sol Waitingtest .*? Not yet", page)


# --- responses ------------------------------------------------------------------------------------------


def test_a_lead_enters_a_paper_response_for_someone_invited(lead):
    consultation = ConsultationFactory()
    person = ConsultationInvitationFactory(
        consultation=consultation, participant__name="Pat Papertest"
    ).participant
    theme = ThemeFactory(name="Access")
    form = lead.get(f"{BASE}{consultation.pk}/responses/new/").content.decode()
    assert '<optgroup label="Invited">' in form and "Pat Papertest" in form

    response = lead.post(
        f"{BASE}{consultation.pk}/responses/new/",
        {
            "participant": person.pk,
            "received_via": "paper",
            "body": "More evening sessions.",
            "themes": [theme.pk],
        },
    )
    assert response.status_code == 302
    saved = ConsultationResponse.objects.get()
    assert (saved.participant, saved.received_via, saved.recorded_by) == (person, "paper", lead.user)
    assert list(saved.themes.all()) == [theme]
    page = text(lead.get(response["Location"]))
    assert "You entered the response from Pat Papertest." in page
    assert "Paper form, entered by Indra Leadtest" in page
    assert "More evening sessions." in page


def test_a_phone_response_that_names_no_one(lead):
    consultation = ConsultationFactory()
    lead.post(
        f"{BASE}{consultation.pk}/responses/new/",
        {"participant": "none", "received_via": "phone", "body": "A caller said the leaflet is too long."},
    )
    saved = ConsultationResponse.objects.get()
    assert saved.participant is None
    assert saved.received_via == "phone"
    assert "No one named" in text(lead.get(f"{BASE}{consultation.pk}/responses/"))


def test_a_response_with_nothing_chosen_names_each_field_and_keeps_the_words(lead):
    consultation = ConsultationFactory()
    response = lead.post(f"{BASE}{consultation.pk}/responses/new/", {"body": "Kept words"})
    assert response.status_code == 400
    page = text(response)
    assert "Choose whose response this is" in page
    assert "Select how the response reached you" in page
    assert "Kept words" in page
    assert not ConsultationResponse.objects.exists()


def test_a_second_response_for_the_same_person_is_refused_beside_the_person(lead):
    consultation = ConsultationFactory()
    first = ConsultationResponseFactory(consultation=consultation, participant__name="Jo Twicetest")
    form = lead.get(f"{BASE}{consultation.pk}/responses/new/").content.decode()
    assert "Jo Twicetest (has responded)" in form
    response = lead.post(
        f"{BASE}{consultation.pk}/responses/new/",
        {"participant": first.participant_id, "received_via": "phone", "body": "Again."},
    )
    assert response.status_code == 400
    assert 'id="id_participant_error"' in response.content.decode()
    assert "Jo Twicetest has already responded" in text(response)
    assert ConsultationResponse.objects.count() == 1


def test_no_response_is_entered_once_the_consultation_closed(lead):
    consultation = ConsultationFactory(status=Status.CLOSED, closed_at=timezone.now())
    person = ParticipantFactory()
    response = lead.post(
        f"{BASE}{consultation.pk}/responses/new/",
        {"participant": person.pk, "received_via": "paper", "body": "Late."},
    )
    assert response.status_code == 400
    assert "responses are no longer taken" in text(response)
    assert not ConsultationResponse.objects.exists()


def test_the_owner_reads_the_responses_to_their_consultation(page_for):
    owner = page_for(Role.SUPERVISOR)
    consultation = ConsultationFactory(owner=owner.user)
    ConsultationResponseFactory(consultation=consultation, body="Owner can read this.")
    page = text(owner.get(f"{BASE}{consultation.pk}/responses/"))
    assert "Owner can read this." in page
    assert "Sent online" in page
    assert "Enter a response" not in page


# --- you said, we did ------------------------------------------------------------------------------------


def test_a_lead_adds_an_item_from_a_consultation(lead):
    consultation = ConsultationFactory(title="Carers' strategy")
    owner = UserFactory(roles=[Role.LINE_MANAGER], first_name="Marlo", last_name="Ownertest")
    due = timezone.localdate() + dt.timedelta(days=30)
    form = lead.get(f"{BASE}you-said-we-did/new/", {"consultation": consultation.pk})
    assert f'<option value="consultation-{consultation.pk}" selected>' in form.content.decode()
    response = lead.post(
        f"{BASE}you-said-we-did/new/",
        {
            "source": f"consultation-{consultation.pk}",
            "you_said": "Evening sessions would help carers.",
            "action": "Hold two evening sessions a month.",
            "action_owner": owner.pk,
            "action_due": due.isoformat(),
        },
    )
    item = FeedbackItem.objects.get()
    assert response["Location"] == f"{BASE}you-said-we-did/{item.pk}/"
    assert (item.consultation, item.action_owner, item.action_due) == (consultation, owner, due)
    listed = text(lead.get(f"{BASE}you-said-we-did/"))
    assert "Evening sessions would help carers." in listed
    assert "Marlo Ownertest" in listed
    assert "Not started" in listed


def test_an_item_with_no_source_and_a_bad_date_is_refused_and_not_saved(lead):
    response = lead.post(
        f"{BASE}you-said-we-did/new/",
        {
            "you_said": "Something.",
            "action": "Something else.",
            "action_owner": lead.user.pk,
            "action_due": "2027-13-40",
        },
    )
    assert response.status_code == 400
    page = text(response)
    assert "Choose the consultation or activity this feedback came from" in page
    assert "Enter the due date as a real date" in page
    assert "Something else." in page
    assert not FeedbackItem.objects.exists()


def test_overdue_actions_are_marked_and_filtered(lead):
    FeedbackItemFactory(you_said="Late thing", action_due=timezone.localdate() - dt.timedelta(days=3))
    FeedbackItemFactory(you_said="Future thing")
    page = text(lead.get(f"{BASE}you-said-we-did/"))
    assert re.search(r"Late thing .*? Overdue", page)
    assert "Overdue" not in page.split("Future thing")[1]  # the later row, due in a month
    overdue = text(lead.get(f"{BASE}you-said-we-did/", {"show": "overdue"}))
    assert "Late thing" in overdue and "Future thing" not in overdue


def test_progress_publish_and_unpublish(lead):
    item = FeedbackItemFactory(you_said="The waiting room is cold.")
    path = f"{BASE}you-said-we-did/{item.pk}/"

    done_without_words = lead.post(f"{path}progress/", {"action_status": "done", "we_did": ""})
    assert done_without_words.status_code == 400
    assert "Say what was done before marking the action done." in text(done_without_words)
    item.refresh_from_db()
    assert item.action_status == "open"

    refused = lead.post(f"{path}publish/")
    assert refused.status_code == 409
    assert "Publish once the action is done" in text(refused)

    lead.post(f"{path}progress/", {"action_status": "done", "we_did": "New heaters are in."})
    item.refresh_from_db()
    assert (item.action_status, item.we_did, item.completed_on) == (
        "done",
        "New heaters are in.",
        timezone.localdate(),
    )

    preview = text(lead.get(f"{path}publish/"))
    assert "Publish to the public list?" in preview and "New heaters are in." in preview
    lead.post(f"{path}publish/")
    item.refresh_from_db()
    assert item.published
    assert "Published" in text(lead.get(path))

    lead.post(f"{path}unpublish/")
    item.refresh_from_db()
    assert not item.published


def test_a_lead_changes_the_owner_and_due_date(lead):
    item = FeedbackItemFactory()
    owner = UserFactory(roles=[Role.HR])
    due = timezone.localdate() + dt.timedelta(days=60)
    data = {
        "you_said": item.you_said,
        "action": item.action,
        "action_owner": owner.pk,
        "action_due": due.isoformat(),
    }
    assert lead.post(f"{BASE}you-said-we-did/{item.pk}/edit/", data).status_code == 302
    item.refresh_from_db()
    assert (item.action_owner, item.action_due) == (owner, due)


def test_an_action_owner_records_progress_but_does_not_publish_or_change_the_item(page_for):
    owner = page_for(Role.LINE_MANAGER)
    item = FeedbackItemFactory(action_owner=owner.user, you_said="Mine to do")
    FeedbackItemFactory(you_said="Not mine")
    page = text(owner.get(f"{BASE}you-said-we-did/"))
    assert "Mine to do" in page and "Not mine" not in page
    path = f"{BASE}you-said-we-did/{item.pk}/"
    assert owner.post(f"{path}progress/", {"action_status": "in_progress", "we_did": ""}).status_code == 302
    item.refresh_from_db()
    assert item.action_status == "in_progress"
    for forbidden in ("edit/", "publish/", "unpublish/"):
        assert owner.get(f"{path}{forbidden}").status_code == 403, forbidden
    assert owner.get(f"{BASE}you-said-we-did/new/").status_code == 403


def test_an_item_can_come_from_an_activity_that_has_happened(lead):
    held = ActivityFactory(title="Held workshop", starts_at=timezone.now() - dt.timedelta(days=2))
    held.ends_at = held.starts_at + dt.timedelta(hours=2)
    held.save()
    ActivityFactory(title="Future workshop")
    form = lead.get(f"{BASE}you-said-we-did/new/").content.decode()
    assert "Held workshop" in form and "Future workshop" not in form


# --- query counts -----------------------------------------------------------------------------------------


def _rows(count: int, consultation: Consultation) -> None:
    for index in range(count):
        other = ConsultationFactory(
            title=f"Row consultation {index}", owner=UserFactory(roles=[Role.SUPERVISOR])
        )
        other.themes.set([ThemeFactory()])
        invitation = ConsultationInvitationFactory(consultation=consultation, invited_by=UserFactory())
        response = ConsultationResponseFactory(
            consultation=consultation, participant=invitation.participant, recorded_by=UserFactory()
        )
        response.themes.set([ThemeFactory()])
        FeedbackItemFactory(consultation=other, activity=None)
        FeedbackItemFactory()


@pytest.mark.parametrize(
    "path",
    ["", "{pk}/", "{pk}/invitations/", "{pk}/responses/", "you-said-we-did/", "{pk}/responses/new/"],
)
def test_list_pages_ask_as_many_queries_for_30_rows_as_for_3(lead, path, django_assert_max_num_queries):
    consultation = ConsultationFactory()
    address = BASE + path.format(pk=consultation.pk)
    _rows(3, consultation)
    with django_assert_max_num_queries(30) as few:
        assert lead.get(address).status_code == 200
    _rows(27, consultation)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert lead.get(address).status_code == 200


def test_a_step_that_is_no_longer_next_goes_back_to_the_consultation(lead):
    consultation = ConsultationFactory()  # open already
    for step in ("open/", "outcome/"):
        response = lead.get(f"{BASE}{consultation.pk}/{step}")
        assert response.status_code == 302, step
        assert response["Location"] == f"{BASE}{consultation.pk}/"
    item = FeedbackItemFactory()
    assert (
        lead.get(f"{BASE}you-said-we-did/{item.pk}/unpublish/")["Location"]
        == f"{BASE}you-said-we-did/{item.pk}/"
    )
