"""One consultation response per person: a second one is refused, the first is changed instead."""

from django.db import migrations, models


def refuse_existing_duplicates(apps, schema_editor):
    """Stop with a list to sort out by hand: which of two responses stands is a person's words, not ours."""
    ConsultationResponse = apps.get_model("involvement", "ConsultationResponse")
    twice = (
        ConsultationResponse.objects.filter(participant__isnull=False)
        .values("consultation_id", "participant_id")
        .annotate(n=models.Count("id"))
        .filter(n__gt=1)
    )
    if twice:
        pairs = ", ".join(f"consultation {r['consultation_id']} / participant {r['participant_id']}" for r in twice)
        raise RuntimeError(
            "Some people have more than one response to the same consultation. Merge or delete the extra "
            f"responses in the back office, then migrate again: {pairs}."
        )


class Migration(migrations.Migration):

    dependencies = [
        ("involvement", "0004_claim_payment_details_and_payroll_reference"),
    ]

    operations = [
        migrations.RunPython(refuse_existing_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="consultationresponse",
            constraint=models.UniqueConstraint(
                condition=models.Q(("participant__isnull", False)),
                fields=("consultation", "participant"),
                name="consultation_response_once_per_person",
            ),
        ),
    ]
