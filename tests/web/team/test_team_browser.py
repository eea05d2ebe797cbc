"""A supervisor (who is also the line manager) looks after their team in Chromium, with the site's
scripts off so every form posts as it would without JavaScript: the team page from the menu, a
worker's record, a peer-led session recorded (a mistake first), evidence read and signed off,
training recorded, a progression review recorded. axe-core checks every page on the way, the error
state too; then the team page and the worker's page at a phone's width scroll no wider than it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from accounts.roles import Role
from peers.models import (
    CompetenceEvidence,
    PeerWorker,
    ProgressionReview,
    SupervisionKind,
    SupervisionSession,
    TrainingRecord,
)
from tests.factories import UserFactory
from tests.peers.factories import (
    CompetenceEvidenceFactory,
    PathwayLevelFactory,
    PeerWorkerFactory,
    SupervisionPolicyFactory,
    SupervisionSessionFactory,
    TrainingCourseFactory,
    TrainingRecordFactory,
)
from tests.web.browser import Checker, new_context, screenshot

pytestmark = pytest.mark.django_db(transaction=True)
DAY = dt.timedelta(days=1)


def build():
    today = timezone.localdate()
    sasha = UserFactory(
        first_name="Sasha", last_name="Supervisor-Test", roles=[Role.SUPERVISOR, Role.LINE_MANAGER]
    )
    level = PathwayLevelFactory(name="Test peer support worker")
    SupervisionPolicyFactory(level=level, kind=SupervisionKind.LINE_MANAGEMENT, frequency_days=28)
    SupervisionPolicyFactory(level=level, kind=SupervisionKind.PEER, frequency_days=42)

    def worker(first: str, **fields) -> PeerWorker:
        return PeerWorkerFactory(
            user=UserFactory(first_name=first, last_name="Peer-Test", roles=[Role.PEER_WORKER]),
            level=level,
            line_manager=sasha,
            supervisors=[sasha],
            **fields,
        )

    perry = worker("Perry")
    quinn = worker("Quinn", status=PeerWorker.Status.PROBATION, probation_review_date=today + 12 * DAY)
    SupervisionSessionFactory(worker=perry, supervisor=sasha, held_on=today - 35 * DAY, peer_led=True)
    SupervisionSessionFactory(
        worker=perry, supervisor=sasha, kind=SupervisionKind.PEER, held_on=today - 30 * DAY
    )
    SupervisionSessionFactory(worker=quinn, supervisor=sasha, held_on=today - 20 * DAY)
    TrainingRecordFactory(
        worker=quinn,
        course=TrainingCourseFactory(name="Test Safeguarding adults"),
        expires_on=today - 3 * DAY,
    )
    TrainingRecordFactory(
        worker=perry,
        course=TrainingCourseFactory(name="Test Basic life support"),
        expires_on=today + 20 * DAY,
    )
    CompetenceEvidenceFactory(
        worker=perry,
        competence__name="Test Sharing lived experience safely",
        description="Shared my story at the ward community meeting, with the boundaries we agreed.",
        evidence_reference="Reflective log, entry 4",
    )
    TrainingCourseFactory(name="Test Information governance", validity_months=12)
    return sasha, perry


def no_wider_than(page, width: int, where: str) -> None:
    scrolled = page.evaluate("document.documentElement.scrollWidth")
    assert scrolled <= width, f"{where} is {scrolled}px wide on a {width}px screen"


def date_input(page, legend: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_a_supervisor_looks_after_their_team_in_the_browser(browser, live_server, tmp_path):
    sasha, perry = build()
    today = timezone.localdate()
    origin = live_server.url
    checker = Checker(tmp_path)

    def check(page, where: str, **kwargs) -> None:
        page.wait_for_load_state()  # a click's new page, with its stylesheets, before axe measures it
        checker(page, where, **kwargs)

    context = new_context(browser, origin, user=sasha, scripts=False)
    page = checker.open(context)
    main = page.locator("main")
    banner = page.locator(".nhsuk-notification-banner")
    summary = page.locator(".nhsuk-error-summary")

    # The team page from the menu.
    page.goto(origin + "/")
    check(page, "home")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="My team").click()
    check(page, "team page", heading="My team", shot="team-page")
    words = main.inner_text()
    assert "Perry Peer-Test" in page.locator("section", has_text="Supervision overdue").inner_text()
    assert "Quinn Peer-Test" in page.locator("section", has_text="Probation reviews due").inner_text()
    assert "1 of 3 supervision sessions held with your team were peer-led" in words

    # A worker's record.
    page.locator("section", has_text="Supervision overdue").get_by_role(
        "link", name="Perry Peer-Test"
    ).click()
    check(page, "worker page", heading="Perry Peer-Test", shot="team-worker")
    assert "Talked through a difficult week" in main.inner_text()  # Sasha held it: she reads the notes

    # A session: a mistake first, then peer-led.
    page.get_by_role("link", name="Record a supervision session").click()
    check(page, "record a session", heading="Record a supervision session")
    page.get_by_label("Line management").check()
    page.get_by_label("How long was it, in minutes?").fill("2")
    page.get_by_role("button", name="Record the session").click()
    assert "Enter the date of the session" in summary.inner_text()
    assert "A session must be at least 5 minutes" in summary.inner_text()
    assert page.get_by_label("Line management").is_checked()
    check(page, "record a session, with mistakes", shot="team-session-mistakes")
    assert not SupervisionSession.objects.filter(held_on__gte=today - 5 * DAY).exists()
    date_input(page, "When was it, or when was it due to be?", today - DAY)
    page.get_by_label("How long was it, in minutes?").fill("50")
    peer_led = page.get_by_role("group", name="Was it peer-led?")
    assert peer_led.get_by_label("No").is_checked()  # Sasha is not employed as a peer worker
    peer_led.get_by_label("Yes").check()
    page.get_by_label("Notes (optional)").fill("Planned the move to the crisis team.")
    page.get_by_role("button", name="Record the session").click()
    assert "The session with Perry Peer-Test is recorded." in banner.inner_text()
    session = SupervisionSession.objects.get(held_on=today - DAY)
    assert (session.worker, session.supervisor, session.peer_led, session.duration_minutes) == (
        perry,
        sasha,
        True,
        50,
    )
    check(page, "worker page after the session")

    # Evidence read and signed off.
    page.get_by_role("link", name="Read the evidence and sign it off").click()
    check(page, "sign off", heading="Sign off Test Sharing lived experience safely", shot="team-sign-off")
    assert "ward community meeting" in main.inner_text()
    page.get_by_role("button", name="Sign it off").click()
    assert "Test Sharing lived experience safely is signed off for Perry Peer-Test." in banner.inner_text()
    evidence = CompetenceEvidence.objects.get(worker=perry)
    assert (evidence.signed_off_by, evidence.signed_off_on) == (sasha, today)

    # Training.
    page.get_by_role("link", name="Record training").click()
    check(page, "record training", heading="Record training")
    page.get_by_label("Course").select_option(label="Test Information governance (mandatory)")
    date_input(page, "When did they complete it?", today - 7 * DAY)
    page.get_by_role("button", name="Record the training").click()
    assert (
        "Test Information governance is recorded for Perry Peer-Test. It runs out on" in banner.inner_text()
    )
    record = TrainingRecord.objects.get(worker=perry, course__name="Test Information governance")
    assert record.expires_on is not None and record.recorded_by == sasha

    # A progression review.
    page.get_by_role("link", name="Record a progression review").click()
    check(page, "record a review", heading="Record a progression review", shot="team-review")
    page.get_by_label("Development plan agreed").check()
    page.get_by_label("Notes (optional)").fill("Agreed two competences to work on before the next level.")
    date_input(page, "When is the next review? (optional)", today + 120 * DAY)
    page.get_by_role("button", name="Record the review").click()
    assert "The progression review for Perry Peer-Test is recorded." in banner.inner_text()
    review = ProgressionReview.objects.get(worker=perry)
    assert (review.reviewer, review.outcome, review.next_review_on) == (
        sasha,
        "development_plan",
        today + 120 * DAY,
    )
    check(page, "worker page after everything")

    page.get_by_role("link", name="Back to my team").click()
    check(page, "team page after everything")
    assert "Perry Peer-Test" not in page.locator("section", has_text="Competences waiting").inner_text()
    context.close()

    # At a phone's width, nothing scrolls sideways.
    context = new_context(browser, origin, user=sasha, width=375)
    page = checker.open(context)
    for path, name in (("/team/", "team"), (f"/team/{perry.pk}/", "worker")):
        page.goto(origin + path)
        no_wider_than(page, 375, path)
        check(page, f"phone {path}")
        screenshot(page, f"phone-{name}", tmp_path)
    context.close()
    assert not checker.problems, "\n".join([f"screenshots in {tmp_path}", *checker.problems])
