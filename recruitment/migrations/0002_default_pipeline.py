"""The default pipeline template; trusts edit it or add their own."""

from django.db import migrations

STAGES = [
    ("applied", "Applied", 1, "step"),
    ("shortlisted", "Shortlisted", 2, "step"),
    ("interview", "Interview", 3, "step"),
    ("offer", "Offer", 4, "step"),
    ("checks", "Pre-employment checks", 5, "step"),
    ("hired", "Hired", 6, "hired"),
    ("rejected", "Rejected", 90, "rejected"),
    ("withdrawn", "Withdrawn", 91, "withdrawn"),
]


def load(apps, schema_editor):
    Template = apps.get_model("recruitment", "PipelineTemplate")
    Stage = apps.get_model("recruitment", "TemplateStage")
    template, created = Template.objects.get_or_create(name="Standard", defaults={"is_default": True})
    if created:
        Stage.objects.bulk_create(
            Stage(template=template, code=code, name=name, order=order, kind=kind)
            for code, name, order, kind in STAGES
        )


def unload(apps, schema_editor):
    apps.get_model("recruitment", "PipelineTemplate").objects.filter(name="Standard").delete()


class Migration(migrations.Migration):
    dependencies = [("recruitment", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
