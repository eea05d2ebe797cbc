"""How long each free-text field may be, in characters: one table for every door into the data.

Model `TextField`s set no length, so without this a client could store a megabyte in a note.
Short text (`CharField`) keeps the length its model sets. The API applies these limits in its
serializers (api/serializers.py), refusing longer text with `text_limit_message()`; pages and forms
read the same table, so a limit is set once. docs/api.md lists them; a test checks every entry
names a real free-text field, and tests/security/test_bad_input.py that nothing the API takes is
left without a limit.
"""

from __future__ import annotations

from django.db import models

# A few paragraphs: the limit of any free-text field not listed below.
DEFAULT_TEXT_LIMIT = 5_000

TEXT_LIMITS: dict[str, int] = {
    # charter: short explanations shown on the board's pages
    "charter.Commitment.description": 2_000,
    "charter.Indicator.definition": 2_000,
    # involvement
    "involvement.PartnerOrganisation.description": 2_000,
    "involvement.Participant.postal_address": 500,
    "involvement.Participant.accessibility_needs": 2_000,
    "involvement.Activity.description": 5_000,
    "involvement.Activity.accessibility_arrangements": 2_000,
    "involvement.Activity.report_summary": 5_000,
    "involvement.Activity.report_changes_agreed": 5_000,
    "involvement.Consultation.summary": 5_000,
    "involvement.Consultation.outcome_summary": 10_000,
    "involvement.ConsultationResponse.body": 20_000,
    "involvement.FeedbackItem.you_said": 10_000,
    "involvement.FeedbackItem.action": 10_000,
    "involvement.FeedbackItem.we_did": 10_000,
    # peers
    "peers.Competence.description": 2_000,
    "peers.PathwayLevel.description": 2_000,
    "peers.PeerWorker.exit_interview_notes": 10_000,
    "peers.CompetenceEvidence.description": 10_000,
    "peers.SupervisionSession.notes": 20_000,
    "peers.ProgressionReview.notes": 10_000,
    "peers.WellnessActionPlan.keeps_me_well": 5_000,
    "peers.WellnessActionPlan.triggers": 5_000,
    "peers.WellnessActionPlan.early_warning_signs": 5_000,
    "peers.WellnessActionPlan.impact_on_work": 5_000,
    "peers.WellnessActionPlan.agreed_support": 5_000,
    "peers.ReasonableAdjustment.description": 2_000,
    "peers.OnboardingTemplateItem.description": 2_000,
    "peers.OnboardingItem.description": 2_000,
    # recruitment
    "recruitment.Vacancy.lived_experience_criteria": 5_000,
    "recruitment.Vacancy.advert_text": 20_000,
    "recruitment.Application.supporting_statement": 15_000,
    "recruitment.AdjustmentRequest.description": 2_000,
    "recruitment.Interview.outcome_notes": 10_000,
    "recruitment.Score.comment": 2_000,
    "recruitment.PreEmploymentCheck.notes": 2_000,
}


# What a refusal calls a field whose own name would read badly after "Keep the ...".
TEXT_NAMES: dict[str, str] = {
    "peers.CompetenceEvidence.description": "evidence",
    "involvement.ConsultationResponse.body": "the response",
    "involvement.FeedbackItem.you_said": '"you said"',
    "involvement.FeedbackItem.action": '"we will"',
    "involvement.FeedbackItem.we_did": '"we did"',
    "peers.WellnessActionPlan.keeps_me_well": '"what keeps me well"',
}


def _key(field: models.Field) -> str:
    model = field.model._meta
    return f"{model.app_label}.{model.object_name}.{field.name}"


def text_limit(field: models.Field) -> int:
    """The most characters `field` (a model's free-text field) may hold."""
    return TEXT_LIMITS.get(_key(field), DEFAULT_TEXT_LIMIT)


def text_limit_message(field: models.Field) -> str:
    """The refusal of text past the limit: "Keep evidence to 10,000 characters or fewer." """
    name = TEXT_NAMES.get(_key(field)) or f"the {field.verbose_name}"
    return f"Keep {name} to {text_limit(field):,} characters or fewer."
