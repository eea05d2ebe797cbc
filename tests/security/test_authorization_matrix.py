"""The authorization matrix: every endpoint-action of the API, for every role and for nobody signed in.

Each row of `TABLE` is one endpoint-action; each column one role (accounts.roles.Role, in its
order) and then "anonymous". A cell says what a person holding only that role gets when acting on
a record they have no special relation to (another manager's worker, another person's claim,
another hiring manager's vacancy; see `calls.py` for which record and which body):

- a status code, asserted exactly;
- for a list, "all", "own", "none", "published" or "staff": the answer is 200 and exactly those of
  the list's probe rows come back ("own" = the rows that belong to that role's user, such as the peer
  worker's own record or the hiring manager's own vacancy; "published" = public items only;
  "staff" = every account except those held only to take part in involvement).

The expectations were worked out from the code (accounts/visibility.py, each app's
visibility.py, the views and services) and docs/access.md, not copied from a run. A write that is
refused must leave the database as it was; an allowed write must change it. The meta-tests fail
when an endpoint-action or a role is missing from the table, or when the table names an endpoint
that no longer exists. docs/security-matrix.md describes the matrix in words.

One world of synthetic records is built per module; each cell runs in a savepoint rolled back
afterwards, so cells cannot affect each other.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from rest_framework.test import APIClient

from accounts.roles import Role
from tests.conftest import client_for_user
from tests.security import world as world_module
from tests.security.calls import DEFAULT_TARGETS, LIST_PROBES, PAYLOADS, TARGETS, probes, row_id
from tests.security.endpoints import endpoint_actions, registry_url_names, resolved_router_names
from tests.security.harness import call, writes_so_far
from tests.security.world import ANONYMOUS, COLUMNS

# List cells: the answer is 200 and exactly these probe rows come back.
ALL, OWN, NONE, PUB, STAFF = "all", "own", "none", "published", "staff"
VISIBILITY = (ALL, OWN, NONE, PUB, STAFF)
# Refusals that write by design: django-axes records each failed sign-in to lock out guessing.
REFUSALS_RECORDED = {"auth-login.post"}

# fmt: off
TABLE: dict[str, tuple] = {
    #                                         lead  hr    lm    sup   peer  fin   board part  admin anon
    # --- accounts -------------------------------------------------------------------------------------------
    "api-root.get":                          (200,  200,  200,  200,  200,  200,  200,  200,  200,  401),
    # Anyone may sign in (with their own email and password); a wrong password is 400, not 401.
    "auth-login.post":                       (200,  200,  200,  200,  200,  200,  200,  200,  200,  400),
    "auth-logout.post":                      (204,  204,  204,  204,  204,  204,  204,  204,  204,  401),
    "auth-logout-all.post":                  (204,  204,  204,  204,  204,  204,  204,  204,  204,  401),
    "me.get":                                (200,  200,  200,  200,  200,  200,  200,  200,  200,  401),
    "team.list":                             (ALL,  ALL,  ALL,  ALL,  ALL,  ALL,  ALL,  ALL,  ALL,  401),
    "team.retrieve":                         (200,  200,  200,  200,  200,  200,  200,  200,  200,  401),
    "team.create":                           (403,  403,  403,  403,  403,  403,  403,  403,  201,  401),
    "team.update":                           (403,  403,  403,  403,  403,  403,  403,  403,  200,  401),
    "team.partial_update":                   (403,  403,  403,  403,  403,  403,  403,  403,  200,  401),
    "team.destroy":                          (403,  403,  403,  403,  403,  403,  403,  403,  204,  401),
    # HR reads staff accounts, not the logins of people who only take part in involvement.
    "user.list":                             (OWN,  STAFF, OWN,  OWN,  OWN,  OWN,  OWN,  OWN,  ALL,  401),
    "user.retrieve":                         (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "user.create":                           (403,  403,  403,  403,  403,  403,  403,  403,  201,  401),
    "user.update":                           (404,  403,  404,  404,  404,  404,  404,  404,  200,  401),
    "user.partial_update":                   (404,  403,  404,  404,  404,  404,  404,  404,  200,  401),
    "user.destroy":                          (404,  403,  404,  404,  404,  404,  404,  404,  204,  401),
    # --- reminders ------------------------------------------------------------------------------------------
    # "My reminders", but the admin shortcut in restrict() shows admins everyone's (a finding).
    "reminder.list":                         (OWN,  OWN,  OWN,  OWN,  OWN,  OWN,  OWN,  OWN,  ALL,  401),
    "reminder.retrieve":                     (404,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "reminder.create":                       (405,  405,  405,  405,  405,  405,  405,  405,  405,  401),
    "reminder.dismiss":                      (404,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "reminder.snooze":                       (404,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "reminder-preference.get":               (200,  200,  200,  200,  200,  200,  200,  200,  200,  401),
    "reminder-preference.put":               (200,  200,  200,  200,  200,  200,  200,  200,  200,  401),
    # --- involvement: reference lists and partners ----------------------------------------------------------
    "theme.list":                            (ALL,  ALL,  ALL,  ALL,  ALL,  ALL,  ALL,  ALL,  ALL,  401),
    "theme.retrieve":                        (200,  200,  200,  200,  200,  200,  200,  200,  200,  401),
    "theme.create":                          (201,  403,  403,  403,  403,  403,  403,  403,  201,  401),
    "theme.update":                          (200,  403,  403,  403,  403,  403,  403,  403,  200,  401),
    "theme.partial_update":                  (200,  403,  403,  403,  403,  403,  403,  403,  200,  401),
    "theme.destroy":                         (204,  403,  403,  403,  403,  403,  403,  403,  204,  401),
    "activity-kind.list":                    (ALL,  ALL,  ALL,  ALL,  ALL,  ALL,  ALL,  ALL,  ALL,  401),
    "activity-kind.retrieve":                (200,  200,  200,  200,  200,  200,  200,  200,  200,  401),
    "activity-kind.create":                  (201,  403,  403,  403,  403,  403,  403,  403,  201,  401),
    "activity-kind.update":                  (200,  403,  403,  403,  403,  403,  403,  403,  200,  401),
    "activity-kind.partial_update":          (200,  403,  403,  403,  403,  403,  403,  403,  200,  401),
    "activity-kind.destroy":                 (204,  403,  403,  403,  403,  403,  403,  403,  204,  401),
    "rate-card.list":                        (ALL,  ALL,  ALL,  ALL,  ALL,  ALL,  ALL,  ALL,  ALL,  401),
    "rate-card.retrieve":                    (200,  200,  200,  200,  200,  200,  200,  200,  200,  401),
    "rate-card.create":                      (201,  403,  403,  403,  403,  403,  403,  403,  201,  401),
    "rate-card.update":                      (200,  403,  403,  403,  403,  403,  403,  403,  200,  401),
    "rate-card.partial_update":              (200,  403,  403,  403,  403,  403,  403,  403,  200,  401),
    "rate-card.destroy":                     (204,  403,  403,  403,  403,  403,  403,  403,  204,  401),
    # HR reads partner organisations (they refer applicants), not the people who work there.
    "partner.list":                          (ALL,  ALL,  NONE, NONE, NONE, NONE, NONE, NONE, ALL,  401),
    "partner.retrieve":                      (200,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "partner.create":                        (201,  403,  403,  403,  403,  403,  403,  403,  201,  401),
    "partner.update":                        (200,  403,  404,  404,  404,  404,  404,  404,  200,  401),
    "partner.partial_update":                (200,  403,  404,  404,  404,  404,  404,  404,  200,  401),
    "partner.destroy":                       (204,  403,  404,  404,  404,  404,  404,  404,  204,  401),
    "partner.activities":                    (200,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "partner.referrals":                     (200,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "partner-contact.list":                  (ALL,  NONE, NONE, NONE, NONE, NONE, NONE, NONE, ALL,  401),
    "partner-contact.retrieve":              (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "partner-contact.create":                (201,  403,  403,  403,  403,  403,  403,  403,  201,  401),
    "partner-contact.update":                (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "partner-contact.partial_update":        (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "partner-contact.destroy":               (204,  404,  404,  404,  404,  404,  404,  404,  204,  401),
    # --- involvement: the register --------------------------------------------------------------------------
    "participant.list":                      (ALL,  NONE, NONE, NONE, NONE, NONE, NONE, OWN,  ALL,  401),
    "participant.retrieve":                  (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "participant.create":                    (201,  403,  403,  403,  403,  403,  403,  403,  201,  401),
    # An admin is handled as self-service here (only a lead edits a whole entry): a finding.
    "participant.update":                    (200,  404,  404,  404,  404,  404,  404,  404,  400,  401),
    "participant.partial_update":            (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "participant.destroy":                   (204,  404,  404,  404,  404,  404,  404,  404,  204,  401),
    "participant.give_consent":              (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "participant.withdraw_consent":          (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    # --- involvement: activities and places -----------------------------------------------------------------
    "activity.list":                         (ALL,  NONE, NONE, NONE, NONE, NONE, NONE, OWN,  ALL,  401),
    "activity.retrieve":                     (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "activity.create":                       (201,  403,  403,  403,  403,  403,  403,  403,  201,  401),
    "activity.update":                       (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "activity.partial_update":               (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "activity.destroy":                      (204,  404,  404,  404,  404,  404,  404,  404,  204,  401),
    "activity.open":                         (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "activity.held":                         (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "activity.close":                        (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "activity.cancel":                       (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "activity.invite":                       (201,  404,  404,  404,  404,  404,  404,  404,  201,  401),
    "activity.series":                       (201,  403,  403,  403,  403,  403,  403,  403,  201,  401),
    "activity-calendar.get":                 (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "my-calendar.get":                       (200,  200,  200,  200,  200,  200,  200,  200,  200,  401),
    "participation.list":                    (ALL,  NONE, NONE, NONE, NONE, NONE, NONE, OWN,  ALL,  401),
    "participation.retrieve":                (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "participation.create":                  (201,  403,  403,  403,  403,  403,  403,  403,  201,  401),
    "participation.update":                  (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "participation.partial_update":          (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "participation.destroy":                 (204,  404,  404,  404,  404,  404,  404,  404,  204,  401),
    "participation.accept":                  (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "participation.decline":                 (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "participation.attendance":              (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    # --- involvement: consultations -------------------------------------------------------------------------
    "consultation.list":                     (ALL,  NONE, NONE, NONE, NONE, NONE, NONE, OWN,  ALL,  401),
    "consultation.retrieve":                 (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "consultation.create":                   (201,  403,  403,  403,  403,  403,  403,  403,  201,  401),
    "consultation.update":                   (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "consultation.partial_update":           (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "consultation.destroy":                  (204,  404,  404,  404,  404,  404,  404,  404,  204,  401),
    "consultation.open":                     (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "consultation.close":                    (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "consultation.publish_outcome":          (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "consultation.invite":                   (201,  404,  404,  404,  404,  404,  404,  404,  201,  401),
    "consultation-invitation.list":          (ALL,  NONE, NONE, NONE, NONE, NONE, NONE, OWN,  ALL,  401),
    "consultation-invitation.retrieve":      (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "consultation-invitation.create":        (201,  403,  403,  403,  403,  403,  403,  403,  201,  401),
    "consultation-invitation.update":        (405,  404,  404,  404,  404,  404,  404,  404,  405,  401),
    "consultation-invitation.partial_update": (405,  404,  404,  404,  404,  404,  404,  404,  405,  401),
    "consultation-invitation.destroy":       (204,  404,  404,  404,  404,  404,  404,  404,  204,  401),
    "consultation-response.list":            (ALL,  NONE, NONE, NONE, NONE, NONE, NONE, OWN,  ALL,  401),
    "consultation-response.retrieve":        (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    # A participant may respond, but only to a consultation they can see: here they cannot (400).
    "consultation-response.create":          (201,  403,  403,  403,  403,  403,  403,  400,  201,  401),
    "consultation-response.update":          (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "consultation-response.partial_update":  (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "consultation-response.destroy":         (204,  404,  404,  404,  404,  404,  404,  404,  204,  401),
    # --- involvement: "you said, we did" --------------------------------------------------------------------
    "feedback-item.list":                    (ALL,  NONE, NONE, NONE, NONE, NONE, NONE, PUB,  ALL,  401),
    "feedback-item.retrieve":                (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "feedback-item.create":                  (201,  403,  403,  403,  403,  403,  403,  403,  201,  401),
    "feedback-item.update":                  (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "feedback-item.partial_update":          (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "feedback-item.destroy":                 (204,  404,  404,  404,  404,  404,  404,  404,  204,  401),
    "feedback-item.publish":                 (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    # Made against the published item: a participant sees it but may not change it (403).
    "feedback-item.unpublish":               (200,  404,  404,  404,  404,  404,  404,  403,  200,  401),
    "feedback-item.update_action":           (200,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "published-change-list.get":             (PUB,  PUB,  PUB,  PUB,  PUB,  PUB,  PUB,  PUB,  PUB,  PUB),
    "published-change-csv.get":              (200,  200,  200,  200,  200,  200,  200,  200,  200,  200),
    # --- involvement: payments ------------------------------------------------------------------------------
    "payment-claim.list":                    (ALL,  NONE, NONE, NONE, NONE, ALL,  NONE, OWN,  ALL,  401),
    "payment-claim.retrieve":                (200,  404,  404,  404,  404,  200,  404,  404,  200,  401),
    "payment-claim.create":                  (201,  403,  403,  403,  403,  403,  403,  400,  201,  401),
    # Finance may see and pay claims; the service refuses finance anything else (403).
    "payment-claim.update":                  (200,  404,  404,  404,  404,  403,  404,  404,  200,  401),
    "payment-claim.partial_update":          (200,  404,  404,  404,  404,  403,  404,  404,  200,  401),
    "payment-claim.destroy":                 (409,  404,  404,  404,  404,  403,  404,  404,  409,  401),
    "payment-claim.approve":                 (200,  404,  404,  404,  404,  403,  404,  404,  200,  401),
    "payment-claim.reject":                  (200,  404,  404,  404,  404,  403,  404,  404,  200,  401),
    "payment-claim.mark_paid":               (200,  404,  404,  404,  404,  200,  404,  404,  200,  401),
    "payment-claim-export.get":              (200,  403,  403,  403,  403,  200,  403,  403,  200,  401),
    "payment-totals.get":                    (200,  403,  403,  403,  403,  200,  403,  403,  200,  401),
    # --- peers: the worker record ---------------------------------------------------------------------------
    "peer-worker.list":                      (NONE, ALL,  OWN,  OWN,  OWN,  NONE, NONE, NONE, ALL,  401),
    "peer-worker.retrieve":                  (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "peer-worker.create":                    (403,  201,  403,  403,  403,  403,  403,  403,  201,  401),
    "peer-worker.update":                    (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "peer-worker.partial_update":            (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "peer-worker.destroy":                   (404,  409,  404,  404,  404,  404,  404,  404,  409,  401),
    "peer-worker.leave":                     (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "peer-worker.next_level":                (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "peer-worker.promote":                   (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    # --- peers: the pathway and frameworks (read by the workforce roles, edited by HR) ----------------------
    "pathway-level.list":                    (ALL,  ALL,  ALL,  ALL,  ALL,  ALL,  NONE, NONE, ALL,  401),
    "pathway-level.retrieve":                (200,  200,  200,  200,  200,  200,  404,  404,  200,  401),
    "pathway-level.create":                  (403,  201,  403,  403,  403,  403,  403,  403,  201,  401),
    "pathway-level.update":                  (403,  200,  403,  403,  403,  403,  404,  404,  200,  401),
    "pathway-level.partial_update":          (403,  200,  403,  403,  403,  403,  404,  404,  200,  401),
    "pathway-level.destroy":                 (403,  204,  403,  403,  403,  403,  404,  404,  204,  401),
    "competence-domain.list":                (ALL,  ALL,  ALL,  ALL,  ALL,  ALL,  NONE, NONE, ALL,  401),
    "competence-domain.retrieve":            (200,  200,  200,  200,  200,  200,  404,  404,  200,  401),
    "competence-domain.create":              (403,  201,  403,  403,  403,  403,  403,  403,  201,  401),
    "competence-domain.update":              (403,  200,  403,  403,  403,  403,  404,  404,  200,  401),
    "competence-domain.partial_update":      (403,  200,  403,  403,  403,  403,  404,  404,  200,  401),
    "competence-domain.destroy":             (403,  204,  403,  403,  403,  403,  404,  404,  204,  401),
    "competence.list":                       (ALL,  ALL,  ALL,  ALL,  ALL,  ALL,  NONE, NONE, ALL,  401),
    "competence.retrieve":                   (200,  200,  200,  200,  200,  200,  404,  404,  200,  401),
    "competence.create":                     (403,  201,  403,  403,  403,  403,  403,  403,  201,  401),
    "competence.update":                     (403,  200,  403,  403,  403,  403,  404,  404,  200,  401),
    "competence.partial_update":             (403,  200,  403,  403,  403,  403,  404,  404,  200,  401),
    "competence.destroy":                    (403,  204,  403,  403,  403,  403,  404,  404,  204,  401),
    "training-course.list":                  (ALL,  ALL,  ALL,  ALL,  ALL,  ALL,  NONE, NONE, ALL,  401),
    "training-course.retrieve":              (200,  200,  200,  200,  200,  200,  404,  404,  200,  401),
    "training-course.create":                (403,  201,  403,  403,  403,  403,  403,  403,  201,  401),
    "training-course.update":                (403,  200,  403,  403,  403,  403,  404,  404,  200,  401),
    "training-course.partial_update":        (403,  200,  403,  403,  403,  403,  404,  404,  200,  401),
    "training-course.destroy":               (403,  204,  403,  403,  403,  403,  404,  404,  204,  401),
    "supervision-policy.list":               (ALL,  ALL,  ALL,  ALL,  ALL,  ALL,  NONE, NONE, ALL,  401),
    "supervision-policy.retrieve":           (200,  200,  200,  200,  200,  200,  404,  404,  200,  401),
    "supervision-policy.create":             (403,  201,  403,  403,  403,  403,  403,  403,  201,  401),
    "supervision-policy.update":             (403,  200,  403,  403,  403,  403,  404,  404,  200,  401),
    "supervision-policy.partial_update":     (403,  200,  403,  403,  403,  403,  404,  404,  200,  401),
    "supervision-policy.destroy":            (403,  204,  403,  403,  403,  403,  404,  404,  204,  401),
    # --- peers: records about one worker --------------------------------------------------------------------
    "competence-evidence.list":              (NONE, ALL,  OWN,  OWN,  OWN,  NONE, NONE, NONE, ALL,  401),
    "competence-evidence.retrieve":          (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    # 400: the worker named in the body is one this role may not see, so it "does not exist".
    "competence-evidence.create":            (403,  201,  400,  400,  400,  403,  403,  403,  201,  401),
    "competence-evidence.update":            (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "competence-evidence.partial_update":    (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "competence-evidence.destroy":           (404,  204,  404,  404,  404,  404,  404,  404,  204,  401),
    # Only the worker's own supervisor or line manager signs off: HR and admins are refused.
    "competence-evidence.sign_off":          (404,  403,  404,  404,  404,  404,  404,  404,  403,  401),
    "progression-review.list":               (NONE, ALL,  OWN,  OWN,  OWN,  NONE, NONE, NONE, ALL,  401),
    "progression-review.retrieve":           (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "progression-review.create":             (403,  201,  400,  403,  403,  403,  403,  403,  201,  401),
    "progression-review.update":             (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "progression-review.partial_update":     (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "progression-review.destroy":            (404,  409,  404,  404,  404,  404,  404,  404,  409,  401),
    "level-change.list":                     (NONE, ALL,  OWN,  OWN,  OWN,  NONE, NONE, NONE, ALL,  401),
    "level-change.retrieve":                 (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "training-record.list":                  (NONE, ALL,  OWN,  OWN,  OWN,  NONE, NONE, NONE, ALL,  401),
    "training-record.retrieve":              (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "training-record.create":                (403,  201,  400,  403,  400,  403,  403,  403,  201,  401),
    "training-record.update":                (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "training-record.partial_update":        (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "training-record.destroy":               (404,  204,  404,  404,  404,  404,  404,  404,  204,  401),
    "supervision-session.list":              (NONE, ALL,  OWN,  OWN,  OWN,  NONE, NONE, NONE, ALL,  401),
    "supervision-session.retrieve":          (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "supervision-session.create":            (403,  201,  400,  400,  403,  403,  403,  403,  201,  401),
    "supervision-session.update":            (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "supervision-session.partial_update":    (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "supervision-session.destroy":           (404,  204,  404,  404,  404,  404,  404,  404,  204,  401),
    # --- peers: wellbeing (the worker, their line manager and HR; not admins) -------------------------------
    "wellness-plan.list":                    (NONE, ALL,  OWN,  NONE, OWN,  NONE, NONE, NONE, NONE, 401),
    "wellness-plan.retrieve":                (404,  200,  404,  404,  404,  404,  404,  404,  404,  401),
    "wellness-plan.create":                  (403,  403,  403,  403,  403,  403,  403,  403,  403,  401),
    "wellness-plan.update":                  (404,  403,  404,  404,  404,  404,  404,  404,  404,  401),
    "wellness-plan.partial_update":          (404,  403,  404,  404,  404,  404,  404,  404,  404,  401),
    "wellness-plan.destroy":                 (404,  403,  404,  404,  404,  404,  404,  404,  404,  401),
    "reasonable-adjustment.list":            (NONE, ALL,  OWN,  NONE, OWN,  NONE, NONE, NONE, NONE, 401),
    "reasonable-adjustment.retrieve":        (404,  200,  404,  404,  404,  404,  404,  404,  404,  401),
    "reasonable-adjustment.create":          (403,  201,  403,  403,  403,  403,  403,  403,  403,  401),
    "reasonable-adjustment.update":          (404,  200,  404,  404,  404,  404,  404,  404,  404,  401),
    "reasonable-adjustment.partial_update":  (404,  200,  404,  404,  404,  404,  404,  404,  404,  401),
    "reasonable-adjustment.destroy":         (404,  409,  404,  404,  404,  404,  404,  404,  404,  401),
    # --- peers: reports over the workers one may see --------------------------------------------------------
    "supervision-due.get":                   (NONE, ALL,  OWN,  OWN,  OWN,  NONE, NONE, NONE, ALL,  401),
    "supervision-overdue.get":               (NONE, ALL,  OWN,  OWN,  OWN,  NONE, NONE, NONE, ALL,  401),
    "training-expiring.get":                 (NONE, ALL,  OWN,  OWN,  OWN,  NONE, NONE, NONE, ALL,  401),
    "training-expired.get":                  (NONE, ALL,  OWN,  OWN,  OWN,  NONE, NONE, NONE, ALL,  401),
    "training-compliance.get":               (NONE, ALL,  OWN,  OWN,  OWN,  NONE, NONE, NONE, ALL,  401),
    "training-compliance-teams.get":         (NONE, ALL,  OWN,  OWN,  OWN,  NONE, NONE, NONE, ALL,  401),
    # --- peers: onboarding (the template is read like the pathway; steps follow the worker and owner) -----
    "onboarding-template-item.list":         (ALL,  ALL,  ALL,  ALL,  ALL,  ALL,  NONE, NONE, ALL,  401),
    "onboarding-template-item.retrieve":     (200,  200,  200,  200,  200,  200,  404,  404,  200,  401),
    "onboarding-template-item.create":       (403,  201,  403,  403,  403,  403,  403,  403,  201,  401),
    "onboarding-template-item.update":       (403,  200,  403,  403,  403,  403,  404,  404,  200,  401),
    "onboarding-template-item.partial_update": (403, 200,  403,  403,  403,  403,  404,  404,  200,  401),
    # Checklists made from a step point at it: it is stopped, never deleted.
    "onboarding-template-item.destroy":      (403,  409,  403,  403,  403,  403,  404,  404,  409,  401),
    "onboarding-template-item.move":         (403,  200,  403,  403,  403,  403,  404,  404,  200,  401),
    "onboarding-item.list":                  (NONE, ALL,  OWN,  OWN,  OWN,  NONE, NONE, NONE, ALL,  401),
    "onboarding-item.retrieve":              (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    # 400: the worker named in the body is one the line manager may not see, so it "does not exist".
    "onboarding-item.create":                (403,  201,  400,  403,  403,  403,  403,  403,  201,  401),
    "onboarding-item.update":                (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "onboarding-item.partial_update":        (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "onboarding-item.destroy":               (404,  204,  404,  404,  404,  404,  404,  404,  204,  401),
    "onboarding-item.done":                  (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "onboarding-item.undone":                (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "onboarding-checklists.get":             (NONE, ALL,  OWN,  OWN,  OWN,  NONE, NONE, NONE, ALL,  401),
    "onboarding-checklists.post":            (403,  201,  403,  403,  403,  403,  403,  403,  201,  401),
    "onboarding-completion.get":             (403,  200,  403,  403,  403,  403,  403,  403,  200,  401),
    # --- recruitment ----------------------------------------------------------------------------------------
    "pipeline-template.list":                (NONE, ALL,  NONE, NONE, NONE, NONE, NONE, NONE, ALL,  401),
    "pipeline-template.retrieve":            (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "pipeline-template.create":              (403,  201,  403,  403,  403,  403,  403,  403,  201,  401),
    "pipeline-template.update":              (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "pipeline-template.partial_update":      (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "pipeline-template.destroy":             (404,  204,  404,  404,  404,  404,  404,  404,  204,  401),
    "vacancy.list":                          (NONE, ALL,  OWN,  NONE, NONE, NONE, NONE, NONE, ALL,  401),
    "vacancy.retrieve":                      (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "vacancy.create":                        (403,  201,  403,  403,  403,  403,  403,  403,  201,  401),
    "vacancy.update":                        (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "vacancy.partial_update":                (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "vacancy.destroy":                       (404,  204,  404,  404,  404,  404,  404,  404,  204,  401),
    "vacancy.open":                          (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "vacancy.close":                         (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "vacancy.withdraw":                      (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "vacancy.pipeline":                      (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "criterion.list":                        (NONE, ALL,  OWN,  NONE, NONE, NONE, NONE, NONE, ALL,  401),
    "criterion.retrieve":                    (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "criterion.create":                      (403,  201,  400,  403,  403,  403,  403,  403,  201,  401),
    "criterion.update":                      (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "criterion.partial_update":              (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "criterion.destroy":                     (404,  204,  404,  404,  404,  404,  404,  404,  204,  401),
    "application.list":                      (NONE, ALL,  OWN,  OWN,  NONE, NONE, NONE, OWN,  ALL,  401),
    "application.retrieve":                  (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "application.create":                    (403,  201,  403,  403,  403,  403,  403,  403,  201,  401),
    "application.update":                    (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "application.partial_update":            (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "application.destroy":                   (404,  409,  404,  404,  404,  404,  404,  404,  409,  401),
    "application.advance":                   (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "application-hire.post":                 (404,  201,  404,  404,  404,  404,  404,  404,  201,  401),
    "stage-move.list":                       (NONE, ALL,  OWN,  NONE, NONE, NONE, NONE, NONE, ALL,  401),
    "stage-move.retrieve":                   (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "adjustment-request.list":               (NONE, ALL,  OWN,  NONE, NONE, NONE, NONE, NONE, ALL,  401),
    "adjustment-request.retrieve":           (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "adjustment-request.create":             (403,  201,  400,  403,  403,  403,  403,  403,  201,  401),
    "adjustment-request.update":             (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "adjustment-request.partial_update":     (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "adjustment-request.destroy":            (404,  409,  404,  404,  404,  404,  404,  404,  409,  401),
    "adjustment-request.decide":             (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "interview.list":                        (NONE, ALL,  OWN,  OWN,  NONE, NONE, NONE, OWN,  ALL,  401),
    "interview.retrieve":                    (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "interview.create":                      (403,  201,  400,  403,  403,  403,  403,  403,  201,  401),
    "interview.update":                      (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "interview.partial_update":              (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "interview.destroy":                     (404,  204,  404,  404,  404,  404,  404,  404,  204,  401),
    "interview.outcome":                     (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "score.list":                            (NONE, ALL,  OWN,  OWN,  NONE, NONE, NONE, OWN,  ALL,  401),
    "score.retrieve":                        (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    # HR scores only for register members without a login; panel members score their own seat.
    "score.create":                          (403,  201,  403,  400,  403,  403,  403,  400,  201,  401),
    "score.update":                          (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "score.partial_update":                  (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "score.destroy":                         (404,  409,  404,  404,  404,  404,  404,  404,  409,  401),
    "offer.list":                            (NONE, ALL,  OWN,  NONE, NONE, NONE, NONE, NONE, ALL,  401),
    "offer.retrieve":                        (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "offer.create":                          (403,  201,  403,  403,  403,  403,  403,  403,  201,  401),
    "offer.destroy":                         (404,  409,  404,  404,  404,  404,  404,  404,  409,  401),
    "offer.accept":                          (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "offer.decline":                         (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "offer.withdraw":                        (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "pre-employment-check.list":             (NONE, ALL,  OWN,  NONE, NONE, NONE, NONE, NONE, ALL,  401),
    "pre-employment-check.retrieve":         (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "pre-employment-check.update":           (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "pre-employment-check.partial_update":   (404,  200,  404,  404,  404,  404,  404,  404,  200,  401),
    "pre-employment-check.destroy":          (404,  409,  404,  404,  404,  404,  404,  404,  409,  401),
    # Hiring managers see analytics for their own vacancies; admins are refused (a finding).
    "recruitment-analytics.get":             (403,  200,  200,  403,  403,  403,  403,  403,  403,  401),
    "recruitment-equality.get":              (403,  200,  403,  403,  403,  403,  403,  403,  403,  401),
    "recruitment-equality-csv.get":          (403,  200,  403,  403,  403,  403,  403,  403,  403,  401),
    # --- data rights: exports and erasure (administrators; the person themself may export) ------------------
    "privacy-participant-export.get":        (403,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "privacy-participant-erase.post":        (403,  404,  404,  404,  404,  404,  404,  404,  200,  401),
    "privacy-peer-worker-export.get":        (404,  403,  404,  404,  404,  404,  404,  404,  200,  401),
    # The "other" worker is still employed: erasing them is refused (409) even for admins.
    "privacy-peer-worker-erase.post":        (404,  403,  404,  404,  404,  404,  404,  404,  409,  401),
    # --- charter (aggregates: board members, HR, involvement leads; admins edit indicators) -----------------
    "commitment.list":                       (ALL,  ALL,  NONE, NONE, NONE, NONE, ALL,  NONE, ALL,  401),
    "commitment.retrieve":                   (200,  200,  404,  404,  404,  404,  200,  404,  200,  401),
    "indicator.list":                        (ALL,  ALL,  NONE, NONE, NONE, NONE, ALL,  NONE, ALL,  401),
    "indicator.retrieve":                    (200,  200,  404,  404,  404,  404,  200,  404,  200,  401),
    "indicator.partial_update":              (403,  403,  404,  404,  404,  404,  403,  404,  200,  401),
    "snapshot.list":                         (ALL,  ALL,  NONE, NONE, NONE, NONE, ALL,  NONE, ALL,  401),
    "snapshot.retrieve":                     (200,  200,  404,  404,  404,  404,  200,  404,  200,  401),
    "charter-dashboard.get":                 (200,  200,  403,  403,  403,  403,  200,  403,  200,  401),
}
# fmt: on


# --- the shared world -------------------------------------------------------------------------


# Each cell runs as a pytest-django test: in a savepoint rolled back afterwards, nested inside the
# module's transaction that holds the shared world.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module inside a transaction that is rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        built = world_module.build()
        built.clients = {role: client_for_user(user) for role, user in built.users.items()}
        built.clients[ANONYMOUS] = APIClient()
        yield built
        transaction.set_rollback(True)


# --- the cells --------------------------------------------------------------------------------


def _cells() -> list:
    return [pytest.param(key, role, id=f"{key}-{role}") for key in TABLE for role in COLUMNS]


def _shown_probe_ids(key: str, world, body: dict) -> set[int]:
    """Which of the list's probe rows came back."""
    assert body["count"] == len(body["results"]), "the whole list should fit on one page"
    every = set().union(*probes(key, world).values())
    return {row_id(key, row) for row in body["results"]} & every


def _expected_probe_ids(key: str, role: str, cell: str, world) -> set[int]:
    """The probe rows a role should see: every one, its own, the published ones, staff's, or none."""
    by_label = probes(key, world)
    if cell == STAFF:
        return set().union(*by_label.values()) - by_label["register"]
    labels = {"all": set(by_label), "own": {role}, "published": {"published"}, "none": set()}[cell]
    return set().union(*(by_label.get(label, set()) for label in labels))


@pytest.mark.parametrize(("key", "role"), _cells())
def test_cell(key: str, role: str, world):
    expected = TABLE[key][COLUMNS.index(role)]
    endpoint = endpoint_actions()[key]
    before = writes_so_far()
    response = call(endpoint, world, role)
    wrote = writes_so_far() != before
    detail = response.content[:400]

    if expected in VISIBILITY:
        assert response.status_code == 200, detail
        shown = _shown_probe_ids(key, world, response.json())
        assert shown == _expected_probe_ids(key, role, expected, world), (
            f"{role} should see {expected!r} rows"
        )
    else:
        assert response.status_code == expected, detail

    if not endpoint.is_read:
        if 200 <= response.status_code < 300:
            assert wrote, "an allowed write answered success but changed nothing"
        elif key not in REFUSALS_RECORDED:
            assert not wrote, "a refused write changed the database"


# --- the meta-tests: the table keeps up with the API and the roles ------------------------------


def test_every_endpoint_action_of_the_api_is_in_the_table():
    missing = sorted(set(endpoint_actions()) - set(TABLE))
    assert not missing, f"endpoint-actions with no row in the authorization matrix: {missing}"


def test_the_table_names_no_endpoint_action_that_no_longer_exists():
    stale = sorted(set(TABLE) - set(endpoint_actions()))
    assert not stale, f"matrix rows for endpoint-actions the API no longer has: {stale}"


def test_every_role_and_anonymous_is_a_column_of_every_row():
    assert set(COLUMNS) == {str(role) for role in Role} | {ANONYMOUS}, "a role is missing from the columns"
    assert len(COLUMNS) == len(set(COLUMNS))
    short = {key: len(row) for key, row in TABLE.items() if len(row) != len(COLUMNS)}
    assert not short, f"rows without a cell for every role and anonymous: {short}"


def test_every_cell_is_a_status_or_a_visibility():
    odd = {
        (key, COLUMNS[i]): cell
        for key, row in TABLE.items()
        for i, cell in enumerate(row)
        if not (cell in VISIBILITY or (isinstance(cell, int) and 100 <= cell < 600))
    }
    assert not odd, odd


def test_every_visibility_cell_has_probe_rows_and_every_probe_list_is_a_list():
    lists = {key for key, row in TABLE.items() if any(cell in VISIBILITY for cell in row)}
    assert lists == set(LIST_PROBES), (
        f"lists without probes: {sorted(lists - set(LIST_PROBES))}; "
        f"probes for no list row: {sorted(set(LIST_PROBES) - lists)}"
    )
    for key in lists:
        assert endpoint_actions()[key].is_read, key


def test_every_visibility_cell_can_fail():
    # "own" needs rows of that role's own; "all" and "none" a row nobody owns; "published" a public one.
    per_user = {"user.list", "reminder.list"}  # every role has its own account and reminder
    vacuous = []
    for key, row in TABLE.items():
        labels = set(LIST_PROBES.get(key, ()))
        for role, cell in zip(COLUMNS, row, strict=True):
            if cell == OWN and role not in labels and key not in per_user:
                vacuous.append((key, role))
            if cell in (ALL, NONE) and "other" not in labels:
                vacuous.append((key, role))
            if cell == PUB and not {"published", "other"} <= labels:
                vacuous.append((key, role))
            if cell == STAFF and key != "user.list":  # only accounts have a "register" label
                vacuous.append((key, role))
    assert not vacuous, f"visibility cells with no probe row to tell them apart: {vacuous}"


def test_targets_and_bodies_name_only_endpoint_actions_that_exist():
    known = set(endpoint_actions())
    assert not set(TARGETS) - known, sorted(set(TARGETS) - known)
    assert not set(PAYLOADS) - known, sorted(set(PAYLOADS) - known)
    detail = {e.key.split(".", 1)[0] for e in endpoint_actions().values() if e.detail}
    assert detail <= set(DEFAULT_TARGETS), sorted(detail - set(DEFAULT_TARGETS))


def test_the_registry_and_the_url_resolver_agree():
    # Every action read from the router's registry is a route Django really serves, and back.
    assert registry_url_names() == resolved_router_names()
