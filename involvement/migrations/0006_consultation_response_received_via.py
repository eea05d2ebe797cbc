"""How a consultation response reached the trust: online, or entered by staff from paper, a phone call or otherwise."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('involvement', '0005_consultation_response_once_per_person'),
    ]

    operations = [
        migrations.AddField(
            model_name='consultationresponse',
            name='received_via',
            field=models.CharField(choices=[('online', 'Online'), ('paper', 'Paper form'), ('phone', 'Phone call'), ('other', 'Another way')], default='online', max_length=10),
        ),
        migrations.AddField(
            model_name='historicalconsultationresponse',
            name='received_via',
            field=models.CharField(choices=[('online', 'Online'), ('paper', 'Paper form'), ('phone', 'Phone call'), ('other', 'Another way')], default='online', max_length=10),
        ),
    ]
