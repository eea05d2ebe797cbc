"""The share of supervision led by peers: a new indicator under the third commitment, just after
"Supervision in date" (ImROC's guidance for peer workers; no charter template counted it).

Added only to a charter that has the default indicators; a trust's own charter is left alone.
"""

from decimal import Decimal

from django.db import migrations
from django.db.models import F

KEY = "peer_led_supervision_share"


def forwards(apps, schema_editor):
    Indicator = apps.get_model("charter", "Indicator")
    after = Indicator.objects.filter(key="supervision_in_date").select_related("commitment").first()
    if after is None or Indicator.objects.filter(key=KEY).exists():
        return
    Indicator.objects.filter(commitment=after.commitment, order__gt=after.order).update(order=F("order") + 1)
    Indicator.objects.create(
        commitment=after.commitment,
        key=KEY,
        name="Supervision led by peers",
        definition=(
            "Of supervision sessions held in the period, the share whose supervisor has lived experience "
            "and works in a peer role."
        ),
        unit="percent",
        direction="higher",
        target=Decimal("50"),
        amber_threshold=Decimal("25"),
        order=after.order + 1,
    )


def backwards(apps, schema_editor):
    apps.get_model("charter", "Indicator").objects.filter(key=KEY).delete()


class Migration(migrations.Migration):
    dependencies = [("charter", "0003_training_compliance_in_people")]

    operations = [migrations.RunPython(forwards, backwards)]
