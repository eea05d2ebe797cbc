"""Every page of the web layer in a real browser, checked by axe-core (WCAG 2.0, 2.1 and 2.2, A and AA:
0 violations), signed in as each role that sees it, with the site's scripts and without them; the
site's CSP refuses nothing the pages use; pictures at desktop and phone width. Then one task per
role by keyboard alone (skip link first, focus always drawn, stops in reading order), and a
participant's reply and claim with JavaScript switched off.

Pictures go to a temporary folder (named when a check fails), and with UPDATE_DOCS_SCREENSHOTS=1 the
guides' pictures go to docs/images/ too. The live server runs in another thread, so the data is
committed: the tests are transactional, and build their data before the browser visits.
"""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.test import Client, RequestFactory
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.roles import Role
from tests.factories import TEST_PASSWORD
from tests.web import world as world_module
from tests.web.browser import axe_violations, new_context, screenshot
from web import errors

pytestmark = pytest.mark.django_db(transaction=True)

EVERY_ROLE_PAGES = ["/", "/settings/", "/settings/reminders/", "/settings/password/", "/my-data/"]


def participant_pages(world) -> list[tuple[str, str, str]]:
    """(address, the h1 the person sees, a picture's name for the guide or "") for every participant
    page, in every state the world has."""
    invitation, full = world.invitation.activity, world.full_invitation.activity
    claim = world.claim
    return [
        ("/involvement/invitations/", "Invitations", "invitations"),
        ("/involvement/activities/", "My activities", "activities"),
        (f"/involvement/activities/{invitation.pk}/", invitation.title, "invitation"),
        (f"/involvement/activities/{full.pk}/", full.title, ""),
        (
            f"/involvement/activities/{world.waitlisted.activity_id}/",
            world.waitlisted.activity.title,
            "waiting-list",
        ),
        (f"/involvement/activities/{world.place.activity_id}/", world.place.activity.title, "place"),
        (f"/involvement/activities/{world.place.activity_id}/give-up/", "Give up your place?", ""),
        (f"/involvement/activities/{world.waitlisted.activity_id}/give-up/", "Leave the waiting list?", ""),
        ("/involvement/claims/", "Claims", "claims"),
        (f"/involvement/claims/new/{world.unclaimed.pk}/", "Make a claim", "claim-new"),
        (f"/involvement/claims/{claim.pk}/", f"Your claim for {claim.participation.activity.title}", "claim"),
        ("/involvement/hours/", "My hours", "hours"),
        ("/involvement/consent/", "Consent and sharing", "consent"),
        ("/involvement/consent/withdraw/", "Withdraw your consent", "consent-withdraw"),
        ("/involvement/consent/give/", "Your consent to be contacted", ""),
        ("/involvement/sharing/", "What you share", "sharing"),
        ("/involvement/contact/", "How we contact you", ""),
    ]


def check(page, where: str, problems: list[str], csp: list[str]) -> None:
    found = axe_violations(page)
    problems.extend(f"{where}: {line}" for line in found)
    problems.extend(f"{where}: {line}" for line in csp)
    csp.clear()


def open_page(context, origin: str, csp: list[str]):
    page = context.new_page()
    page.set_default_timeout(30_000)

    def refused(message):
        text = message.text
        # The NHS.UK stylesheet names web fonts on a remote host: the policy refuses them on purpose.
        if "Refused to" in text and "font" not in text:
            csp.append(f"CSP: {text}")

    page.on("console", refused)
    return page


def test_every_page_passes_axe_as_each_role_that_sees_it(browser, live_server, tmp_path):
    world = world_module.build()
    origin = live_server.url
    problems: list[str] = []
    csp: list[str] = []
    seen: dict[str, str] = {}

    # Signed in, every role: home, settings, reminders, password, my data.
    for role, user in world.users.items():
        context = new_context(browser, origin, user=user)
        page = open_page(context, origin, csp)
        for path in EVERY_ROLE_PAGES:
            page.goto(origin + path)
            if role == Role.BOARD_MEMBER and path == "/":
                assert page.url == f"{origin}/board/", "a board member's home is the dashboard"
                csp.clear()
                continue
            assert page.locator("h1").count() == 1, f"{role} {path}: one h1"
            check(page, f"{role} {path}", problems, csp)
            seen[f"{role} {path}"] = page.inner_text("main")
            if path == "/" and role in (Role.PARTICIPANT, Role.INVOLVEMENT_LEAD, Role.SUPERVISOR):
                screenshot(
                    page, f"home-{role.value.replace('_', '-')}", tmp_path, docs=role != Role.SUPERVISOR
                )
            if path == "/settings/" and role == Role.PARTICIPANT:
                screenshot(page, "settings", tmp_path, docs=True)
        context.close()

    assert "Your next activity: Service user and carer steering group" in seen[f"{Role.PARTICIPANT} /"]
    assert "1\nclaim waiting for your approval" in seen[f"{Role.INVOLVEMENT_LEAD} /"]
    assert "0\napproved claims waiting to be paid" in seen[f"{Role.FINANCE} /"]
    assert "1\nperson you supervise" in seen[f"{Role.SUPERVISOR} /"]

    # The participant's own pages, with the site's scripts and without them.
    participant = world.users[Role.PARTICIPANT]
    for scripts in (True, False):
        context = new_context(browser, origin, user=participant, scripts=scripts)
        page = open_page(context, origin, csp)
        for path, heading, name in participant_pages(world):
            page.goto(origin + path)
            assert page.locator("h1").inner_text().strip() == heading, path
            check(page, f"participant {path} (scripts {'on' if scripts else 'off'})", problems, csp)
            if scripts and name:
                screenshot(page, name, tmp_path, docs=True)
        context.close()

    # Forms with mistakes: the error summary and the messages beside the fields pass too.
    context = new_context(browser, origin, user=participant)
    page = open_page(context, origin, csp)
    page.goto(f"{origin}/involvement/activities/{world.invitation.activity_id}/")
    page.get_by_role("button", name="Send my reply").click()
    assert (
        page.locator(".nhsuk-error-summary").inner_text().count("Select yes if you would like to take part")
    )
    check(page, "participant reply with no answer", problems, csp)
    page.goto(f"{origin}/involvement/claims/new/{world.unclaimed.pk}/")
    page.get_by_label("Hours you took part").fill("9")
    page.get_by_label("What was it for?").select_option("travel")
    page.get_by_label("Amount").fill("4.999")
    page.get_by_role("button", name="Send my claim").click()
    summary = page.locator(".nhsuk-error-summary").inner_text()
    assert "Enter the amount in pounds and pence, like 12.50" in summary
    assert page.get_by_label("Amount").input_value() == "4.999"
    check(page, "participant claim with mistakes", problems, csp)
    screenshot(page, "claim-with-mistakes", tmp_path, docs=True)
    context.close()

    # At a phone's width.
    context = new_context(browser, origin, user=participant, width=375)
    page = open_page(context, origin, csp)
    for path, name in [
        ("/", "phone-home"),
        (f"/involvement/activities/{world.invitation.activity_id}/", "phone-invitation"),
        (f"/involvement/claims/new/{world.unclaimed.pk}/", "phone-claim-new"),
        ("/involvement/claims/", "phone-claims"),
        ("/involvement/hours/", "phone-hours"),
    ]:
        page.goto(origin + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, f"{path} is {width}px wide on a 375px screen: it scrolls sideways"
        check(page, f"phone {path}", problems, csp)
        screenshot(page, name, tmp_path, docs=name == "phone-home")
    context.close()

    # Not signed in: sign-in (clean and with mistakes), password reset, signed out, errors.
    user = world.users[Role.HR]
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    context = new_context(browser, origin)
    page = open_page(context, origin, csp)
    for path in [
        "/sign-in/",
        "/sign-in/reset/",
        "/sign-in/reset/sent/",
        "/sign-in/reset/done/",
        "/signed-out/",
        f"/sign-in/reset/{uid}/{token}/",
        "/sign-in/reset/MQ/not-a-token/",
        "/no-such-page/",
    ]:
        page.goto(origin + path)
        assert page.locator("h1").count() == 1, path
        check(page, f"anonymous {path}", problems, csp)
        if path == "/sign-in/":
            screenshot(page, "sign-in", tmp_path, docs=True)
    assert page.locator("h1").inner_text() == "Page not found"
    page.goto(f"{origin}/sign-in/")
    page.get_by_role("button", name="Sign in").click()
    assert "Enter your email address" in page.locator(".nhsuk-error-summary").inner_text()
    check(page, "anonymous sign-in with mistakes", problems, csp)

    # The error pages a browser cannot be made to see on demand (400, 500, CSRF) are served as the
    # server renders them, under the site's policy.
    factory = RequestFactory()
    for name, render in [
        ("400", lambda r: errors.bad_request(r)),
        ("500", lambda r: errors.server_error(r)),
        ("csrf", lambda r: errors.csrf_failure(r)),
    ]:
        request = factory.get(f"/error-{name}/")
        from django.contrib.auth.models import AnonymousUser

        request.user = AnonymousUser()
        body = render(request).content
        page.route(
            f"{origin}/error-{name}/",
            lambda route, request=None, body=body: route.fulfill(
                status=200,
                body=body,
                headers={
                    "Content-Type": "text/html; charset=utf-8",
                    "Content-Security-Policy": settings.CONTENT_SECURITY_POLICY,
                },
            ),
        )
        page.goto(f"{origin}/error-{name}/")
        check(page, f"error page {name}", problems, csp)
    context.close()

    # A role's refusal (403) and a locked account.
    context = new_context(browser, origin, user=world.users[Role.HR])
    page = open_page(context, origin, csp)
    page.goto(f"{origin}/involvement/claims/")
    assert page.locator("h1").inner_text() == "You cannot see this page"
    check(page, "HR on a participant page (403)", problems, csp)
    context.close()
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/sign-in/", {"username": "finance@test.example", "password": "not-it"})
    context = new_context(browser, origin)
    page = open_page(context, origin, csp)
    page.goto(f"{origin}/sign-in/")
    page.get_by_label("Email address").fill("finance@test.example")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert page.locator("h1").inner_text() == "Your account is locked for now"
    check(page, "locked account", problems, csp)
    context.close()

    assert not problems, "\n".join([f"screenshots in {tmp_path}", *problems])


PEER_WORKER_PAGES = [
    # (address, the h1 the worker sees, a picture's name for the guide or "")
    ("/peers/supervision/", "My supervision", "peer-supervision"),
    ("/peers/training/", "My training", "peer-training"),
    ("/peers/competences/", "My competences", "peer-competences"),
    ("/peers/progression/", "My progression", "peer-progression"),
    ("/peers/wellbeing/", "My wellbeing", "peer-wellbeing"),
    ("/peers/wellbeing/plan/", "Your wellness action plan", ""),
    ("/peers/reminders/", "My reminders", "peer-reminders"),
    ("/onboarding/mine/", "My onboarding", ""),
]


def test_peer_worker_pages_pass_axe(browser, live_server, tmp_path):
    """A peer worker's own pages, with records in every section, with the scripts and without."""
    import datetime as dt

    from django.utils import timezone

    from reminders.models import Reminder
    from tests.peers import factories as pf
    from tests.reminders.factories import ReminderFactory

    world = world_module.build()
    worker, user = world.worker, world.users[Role.PEER_WORKER]
    today = timezone.localdate()
    pf.SupervisionSessionFactory(worker=worker, supervisor=world.users[Role.SUPERVISOR])
    pf.TrainingRecordFactory(worker=worker, expires_on=today - dt.timedelta(days=3))
    pf.TrainingRecordFactory(worker=worker, expires_on=today + dt.timedelta(days=300))
    pf.CompetenceEvidenceFactory(
        worker=worker, signed_off_by=world.users[Role.LINE_MANAGER], signed_off_on=today
    )
    pf.CompetenceEvidenceFactory(worker=worker)
    pf.ProgressionReviewFactory(
        worker=worker, outcome="not_yet", next_review_on=today + dt.timedelta(days=90)
    )
    pf.WellnessActionPlanFactory(worker=worker)
    pf.ReasonableAdjustmentFactory(worker=worker)
    ReminderFactory(
        recipient_user=user,
        due_at=timezone.now() + dt.timedelta(days=2),
        subject_line="Your supervision is due soon",
        link="/peers/supervision/",
    )
    ReminderFactory(
        recipient_user=user,
        state=Reminder.State.SENT,
        sent_at=timezone.now(),
        subject_line="Your training expires soon",
        link="/peers/training/",
    )
    origin = live_server.url
    problems: list[str] = []
    csp: list[str] = []
    for scripts in (True, False):
        context = new_context(browser, origin, user=user, scripts=scripts)
        page = open_page(context, origin, csp)
        for path, heading, name in PEER_WORKER_PAGES:
            page.goto(origin + path)
            assert page.locator("h1").inner_text().strip() == heading, path
            check(page, f"peer worker {path} (scripts {'on' if scripts else 'off'})", problems, csp)
            if scripts and name:
                screenshot(page, name, tmp_path, docs=True)
        if scripts:
            page.goto(origin + "/")
            check(page, "peer worker /", problems, csp)
            screenshot(page, "home-peer-worker", tmp_path, docs=True)
        context.close()
    assert not problems, "\n".join([f"screenshots in {tmp_path}", *problems])


# --- keyboard only --------------------------------------------------------------------------------

CONTROLS = (
    "a[href], button:not([hidden]), input:not([type=hidden]):not([hidden]), select, textarea, "
    "[tabindex]:not(main)"
)
FOCUS = """(CONTROLS) => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const label = (el.type === "radio" || el.type === "checkbox") && el.id
        ? document.querySelector(`label[for="${el.id}"]`) : null;
    const look = () => {
        const s = getComputedStyle(el);
        const parts = [s.boxShadow, s.outlineStyle, s.outlineWidth, s.outlineColor,
                       s.backgroundColor, s.color, s.borderColor, s.textDecorationLine];
        if (label) {
            const before = getComputedStyle(label, "::before");
            parts.push(before.boxShadow, before.borderWidth);
        }
        return parts.join("|");
    };
    const focused = look();
    el.blur();
    const resting = look();
    el.focus();
    const all = Array.from(document.querySelectorAll(CONTROLS));
    return {
        tag: el.tagName.toLowerCase(),
        text: (el.innerText || el.value || "").trim().replace(/\\s+/g, " ").slice(0, 80),
        name: el.name || "",
        type: el.type || "",
        checked: !!el.checked,
        inMain: !!el.closest("main"),
        shown: focused !== resting,
        index: all.indexOf(el),
    };
}"""


class Walk:
    """Presses Tab and checks each stop: focus visibly drawn, and stops in the page's reading order."""

    def __init__(self, page) -> None:
        self.page = page
        self.last = -1
        self.stops: list[str] = []

    def fresh(self) -> None:
        self.last = -1

    def focus(self) -> dict:
        info = self.page.evaluate(FOCUS, CONTROLS)
        assert info is not None, f"focus was lost after {self.stops[-3:]}"
        self.stops.append(f"{info['tag']}:{info['text'] or info['name']}")
        assert info["shown"], f"no visible focus on {self.stops[-1]} at {self.page.url}"
        return info

    def tab(self) -> dict:
        self.page.keyboard.press("Tab")
        info = self.focus()
        assert info["index"] > self.last, f"focus went backwards to {self.stops[-1]} at {self.page.url}"
        self.last = info["index"]
        return info

    def to(self, wanted, limit: int = 40) -> dict:
        for _ in range(limit):
            info = self.tab()
            if wanted(info):
                return info
        raise AssertionError(f"never reached the control at {self.page.url}; stops: {self.stops[-limit:]}")

    def skip_to_main(self) -> None:
        self.fresh()
        first = self.tab()
        assert first["text"] == "Skip to main content", "the skip link is the first stop on every page"
        self.page.keyboard.press("Enter")
        # The next stop must be the first control inside main: after every control before it.
        self.last = self.page.evaluate(
            """(CONTROLS) => {
                const main = document.querySelector("main");
                const all = Array.from(document.querySelectorAll(CONTROLS));
                const precedes = (el) => main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING;
                const before = all.filter(precedes);
                return before.length - 1;
            }""",
            CONTROLS,
        )


def sign_in_by_keyboard(page, origin: str, email: str) -> Walk:
    page.goto(f"{origin}/sign-in/")
    walk = Walk(page)
    walk.skip_to_main()
    field = walk.tab()
    assert field["name"] == "username" and field["inMain"], "after the skip link, the first stop is the email"
    page.keyboard.type(email)
    assert walk.tab()["name"] == "password"
    page.keyboard.type(TEST_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return walk


def test_one_task_per_role_by_keyboard_alone(browser, live_server):
    world = world_module.build()
    origin = live_server.url

    # A participant signs in, finds an invitation from the home page, and says yes.
    context = new_context(browser, origin)
    page = context.new_page()
    walk = sign_in_by_keyboard(page, origin, world.users[Role.PARTICIPANT].email)
    assert page.url == f"{origin}/"
    walk.skip_to_main()
    walk.to(lambda i: i["text"] == "invitations waiting for your reply")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{origin}/involvement/invitations/")
    walk.skip_to_main()
    walk.to(lambda i: i["text"] == world.invitation.activity.title)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{origin}/involvement/activities/{world.invitation.activity_id}/")
    walk.skip_to_main()
    walk.to(lambda i: i["type"] == "radio")
    page.keyboard.press("Space")
    assert walk.focus()["checked"]
    assert walk.tab()["text"] == "Send my reply"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "You have a place" in page.locator(".nhsuk-notification-banner").inner_text()
    context.close()
    world.invitation.refresh_from_db()
    assert world.invitation.status == "accepted"

    # Everyone else signs in, and chooses a daily email in their settings (a board member's sign-in
    # takes them to the dashboard, their one page).
    for role in (r for r in world.users if r != Role.PARTICIPANT):
        user = world.users[role]
        context = new_context(browser, origin)
        page = context.new_page()
        walk = sign_in_by_keyboard(page, origin, user.email)
        if role == Role.BOARD_MEMBER:
            assert page.url == f"{origin}/board/", role
            context.close()
            continue
        assert page.url == f"{origin}/", role
        walk.fresh()
        walk.to(lambda i: i["text"] == "Settings")
        page.keyboard.press("Enter")
        page.wait_for_url(f"{origin}/settings/")
        walk.skip_to_main()
        walk.to(lambda i: i["text"].startswith("Change how you get reminders"))
        page.keyboard.press("Enter")
        page.wait_for_url(f"{origin}/settings/reminders/")
        walk.skip_to_main()
        walk.to(lambda i: i["type"] == "radio")
        page.keyboard.press("ArrowDown")  # moves to, and picks, the daily email
        assert walk.focus()["checked"]
        assert walk.tab()["text"] == "Save"
        page.keyboard.press("Enter")
        page.wait_for_url(f"{origin}/settings/")
        assert "One email a day with all my reminders" in page.locator("main").inner_text(), role
        context.close()


def test_a_participant_replies_and_claims_with_javascript_off(browser, live_server):
    world = world_module.build()
    origin = live_server.url
    context = new_context(browser, origin, user=world.users[Role.PARTICIPANT], js=False)
    page = context.new_page()

    page.goto(f"{origin}/involvement/activities/{world.full_invitation.activity_id}/")
    assert "This activity is full" in page.locator("main").inner_text()
    page.get_by_label("Yes, I would like to take part").check()
    page.get_by_role("button", name="Send my reply").click()
    assert "you are on the waiting list" in page.locator(".nhsuk-notification-banner").inner_text()
    assert page.locator("strong.nhsuk-tag").first.inner_text() == "On the waiting list"

    page.goto(f"{origin}/involvement/claims/new/{world.unclaimed.pk}/")
    page.get_by_label("What was it for?").select_option("travel")
    page.get_by_label("Amount").fill("3.20")
    page.get_by_role("button", name="Add another expense").click()
    assert page.get_by_label("Amount").nth(0).input_value() == "3.20", "the row typed is kept"
    page.get_by_label("What was it for?").nth(1).select_option("other")
    page.get_by_label("Amount").nth(1).fill("2.00")
    page.get_by_label("Details (optional)").nth(1).fill("Printing the papers")
    with page.expect_navigation():
        page.get_by_label("Amount").nth(1).press("Enter")  # Enter sends the claim; it adds no row
    assert page.locator("h1").inner_text().startswith("Your claim for")
    main = page.locator("main").inner_text()
    assert "£5.20" in main and "Printing the papers" in main and "£35.20" in main
    context.close()
