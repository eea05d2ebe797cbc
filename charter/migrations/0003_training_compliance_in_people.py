"""Mandatory training compliance is counted in people, not course places: say so in its definition.

Only a definition still worded as the default is changed; a trust's own wording is left alone.
"""

from django.db import migrations

OLD = "Mandatory courses held in date at the end of the period, out of all those required of peer workers in post."
NEW = (
    "Of peer workers in post at the end of the period, the share who held every mandatory course in "
    "date on that day."
)


def forwards(apps, schema_editor):
    Indicator = apps.get_model("charter", "Indicator")
    Indicator.objects.filter(key="mandatory_training_compliance", definition=OLD).update(definition=NEW)


def backwards(apps, schema_editor):
    Indicator = apps.get_model("charter", "Indicator")
    Indicator.objects.filter(key="mandatory_training_compliance", definition=NEW).update(definition=OLD)


class Migration(migrations.Migration):
    dependencies = [("charter", "0002_default_charter")]

    operations = [migrations.RunPython(forwards, backwards)]
