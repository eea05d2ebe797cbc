"""The default Lived Experience Charter: six commitments and the indicators that measure them."""

import datetime
from decimal import Decimal

from django.db import migrations

COMMITMENTS = [
    (1, "Open and inclusive recruitment of people with lived experience"),
    (2, "Awareness across the organisation of the benefits of employing people with lived experience, "
        "the barriers they face and how to overcome them"),
    (3, "Support for people with lived experience from the start of their employment journey"),
    (4, "Clear progression pathways"),
    (5, "A workplace free from discriminatory practice, unconscious bias or prejudice"),
    (6, "Sharing good practice and co-producing services with people with lived experience"),
]

# commitment, key, name, definition, unit, direction, target, amber
INDICATORS = [
    (1, "le_panel_share", "Lived-experience panels",
     "Of lived-experience vacancies that interviewed in the period, the share whose panel included a person "
     "with lived experience.", "percent", "higher", "100", "90"),
    (1, "advert_to_offer_days", "Days from advert to offer",
     "For offers made in the period, the average number of days from the advert opening to the offer.",
     "days", "lower", "42", "56"),
    (1, "adjustments_provided_share", "Recruitment adjustments provided",
     "Of reasonable adjustments for the recruitment process decided in the period, the share provided.",
     "percent", "higher", "100", "90"),
    (1, "register_applications", "Applications from the involvement register",
     "Applications made in the period by people on the involvement register.", "count", "higher", "5", "1"),
    (2, "le_training_delivered", "Staff training delivered with lived experience",
     "Training sessions for staff delivered with people with lived experience that took place in the period.",
     "count", "higher", "6", "3"),
    (2, "cofacilitated_share", "Activities co-facilitated by people with lived experience",
     "Of involvement activities that took place, the share with a register member as co-facilitator.",
     "percent", "higher", "50", "30"),
    (3, "peer_workers_in_post", "Peer workers in post",
     "Peer workers employed on the last day of the period.", "count", "higher", "20", "15"),
    (3, "supervision_in_date", "Supervision in date",
     "Of peer workers in post at the end of the period, the share whose every kind of supervision was in date.",
     "percent", "higher", "90", "75"),
    (3, "mandatory_training_compliance", "Mandatory training compliance",
     "Mandatory courses held in date at the end of the period, out of all those required of peer workers in post.",
     "percent", "higher", "95", "85"),
    (3, "retention_12_months", "12-month retention",
     "Of peer workers in post twelve months before the end of the period, the share still in post at its end.",
     "percent", "higher", "85", "75"),
    (4, "promotions", "Promotions along the pathway",
     "Promotions to a higher pathway level taking effect in the period.", "count", "higher", "2", "1"),
    (4, "progression_reviews_share", "Progression reviews held",
     "Of peer workers in post at the end of the period, the share with a progression review in the 12 months "
     "before.", "percent", "higher", "90", "70"),
    (5, "appointment_likelihood_ethnicity", "Relative likelihood of appointment: ethnicity",
     "How many times more likely white applicants were to be appointed from shortlisting than applicants from "
     "Black, Asian and other minority ethnic groups (1.0 is equal).", "ratio", "lower", "1.25", "1.5"),
    (5, "appointment_likelihood_disability", "Relative likelihood of appointment: disability",
     "How many times more likely non-disabled applicants were to be appointed from shortlisting than disabled "
     "applicants (1.0 is equal).", "ratio", "lower", "1.25", "1.5"),
    (6, "coproduction_share", "Co-design and co-production",
     "Of involvement activities that took place in the period, the share at co-design or co-production on the "
     "ladder.", "percent", "higher", "60", "40"),
    (6, "you_said_we_did_on_time", "\"You said, we did\" on time",
     "Of actions due in the period, the share done by their due date.", "percent", "higher", "90", "75"),
    (6, "consultation_outcomes_published", "Consultations that published their outcome",
     "Of consultations that closed in the period, the share that have published what changed.",
     "percent", "higher", "100", "80"),
]


def load(apps, schema_editor):
    Charter = apps.get_model("charter", "Charter")
    Commitment = apps.get_model("charter", "Commitment")
    Indicator = apps.get_model("charter", "Indicator")
    charter, created = Charter.objects.get_or_create(
        name="Lived Experience Charter", version="1", defaults={"adopted_on": datetime.date(2026, 4, 1)}
    )
    if not created:
        return
    by_number = {
        number: Commitment.objects.create(charter=charter, number=number, title=title)
        for number, title in COMMITMENTS
    }
    for order, (number, key, name, definition, unit, direction, target, amber) in enumerate(INDICATORS):
        Indicator.objects.create(
            commitment=by_number[number], key=key, name=name, definition=definition, unit=unit,
            direction=direction, target=Decimal(target), amber_threshold=Decimal(amber), order=order,
        )


def unload(apps, schema_editor):
    apps.get_model("charter", "Charter").objects.filter(name="Lived Experience Charter", version="1").delete()


class Migration(migrations.Migration):
    dependencies = [("charter", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
