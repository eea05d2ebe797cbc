"""Load the default activity kinds and themes; trusts edit them afterwards."""

from django.db import migrations

KINDS = [
    ("co-production-workshop", "Co-production workshop"),
    ("consultation-event", "Consultation event"),
    ("steering-group", "Steering group"),
    ("interview-panel", "Interview panel"),
    ("document-review", "Document review"),
    ("training-delivery", "Training delivery"),
    ("monitoring-evaluation", "Monitoring and evaluation"),
    ("peer-support-group", "Peer support group"),
]

THEMES = [
    # The four "I" statements.
    ("who-i-am", "Who I am", "i_statement"),
    ("whats-important-to-me", "What's important to me", "i_statement"),
    ("how-i-wish-to-be-supported", "How I wish to be supported", "i_statement"),
    ("how-people-behave-with-me", "How people behave with me", "i_statement"),
    # The groupings of the mental-health narrative's statements.
    ("my-daily-life", "My daily life", "narrative"),
    ("the-support-i-need", "The support I need", "narrative"),
    ("crisis-before", "Crisis: before", "narrative"),
    ("crisis-during", "Crisis: during", "narrative"),
    ("crisis-after", "Crisis: after", "narrative"),
    ("people-close-to-me", "The people close to me", "narrative"),
    ("staff-i-trust", "Staff, supporters and advocates I trust", "narrative"),
    ("culture", "Culture", "narrative"),
]


def load(apps, schema_editor):
    ActivityKind = apps.get_model("involvement", "ActivityKind")
    Theme = apps.get_model("involvement", "Theme")
    for code, name in KINDS:
        ActivityKind.objects.get_or_create(code=code, defaults={"name": name})
    for code, name, group in THEMES:
        Theme.objects.get_or_create(code=code, defaults={"name": name, "group": group})


def unload(apps, schema_editor):
    apps.get_model("involvement", "ActivityKind").objects.filter(
        code__in=[c for c, _ in KINDS], activities__isnull=True
    ).delete()
    apps.get_model("involvement", "Theme").objects.filter(code__in=[c for c, _, _ in THEMES]).delete()


class Migration(migrations.Migration):
    dependencies = [("involvement", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
