"""Onboarding: the induction template HR keeps, and each new worker's checklist made from it.

Loads a default template, the trust's to edit afterwards. Days count from the start date (negative:
before the first day); the owner is a part in the new worker's start, resolved to a person when a
checklist is made.
"""

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

# title, description, owner role, days from the start date
DEFAULT_TEMPLATE = [
    (
        "IT account and email",
        "Ask for the new worker's computer login and email address, so they work on the first day.",
        "line_manager",
        -5,
    ),
    (
        "ID badge",
        "Arrange the new worker's ID badge and building access, ready for their first day.",
        "hr",
        0,
    ),
    (
        "First supervision booked",
        "Book the first supervision session and put regular ones in both diaries.",
        "supervisor",
        7,
    ),
    (
        "Mandatory training booked",
        "Book the statutory and mandatory courses the role needs, such as safeguarding and data security.",
        "hr",
        7,
    ),
    (
        "Peer support induction",
        "Take part in the trust's peer support induction: the values of peer support, and how the "
        "team works.",
        "worker",
        14,
    ),
    (
        "Wellness action plan offered",
        "Offer the new worker the chance to write a wellness action plan. It is theirs: they choose "
        "whether to write one and what goes in it.",
        "line_manager",
        28,
    ),
]


def load(apps, schema_editor):
    Item = apps.get_model("peers", "OnboardingTemplateItem")
    for order, (title, description, owner_role, due_days) in enumerate(DEFAULT_TEMPLATE, start=1):
        Item.objects.get_or_create(
            title=title,
            defaults={
                "description": description,
                "owner_role": owner_role,
                "due_days": due_days,
                "order": order,
            },
        )


def unload(apps, schema_editor):
    apps.get_model("peers", "OnboardingTemplateItem").objects.filter(
        title__in=[title for title, *_ in DEFAULT_TEMPLATE]
    ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('peers', '0004_peer_led_supervision_and_leaving_reasons'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='OnboardingTemplateItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200)),
                ('description', models.TextField(blank=True, help_text='What the step is, in plain words.')),
                ('owner_role', models.CharField(choices=[('hr', 'HR'), ('line_manager', 'Line manager'), ('supervisor', 'Supervisor'), ('worker', 'The new worker')], max_length=20)),
                ('due_days', models.SmallIntegerField(help_text='Days from the start date it is due; negative for before the first day.', validators=[django.core.validators.MinValueValidator(-365), django.core.validators.MaxValueValidator(365)])),
                ('order', models.PositiveSmallIntegerField(default=0)),
                ('is_active', models.BooleanField(default=True)),
            ],
            options={
                'ordering': ['order', 'id'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalOnboardingItem',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('title', models.CharField(max_length=200)),
                ('description', models.TextField(blank=True)),
                ('owner_role', models.CharField(choices=[('hr', 'HR'), ('line_manager', 'Line manager'), ('supervisor', 'Supervisor'), ('worker', 'The new worker')], max_length=20)),
                ('due_on', models.DateField()),
                ('done_on', models.DateField(blank=True, null=True)),
                ('notes', models.CharField(blank=True, max_length=500)),
                ('created_at', models.DateTimeField(blank=True, editable=False)),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('done_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('owner', models.ForeignKey(blank=True, db_constraint=False, help_text='The person who does it; empty when nobody holds the part (no supervisor named yet).', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('worker', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peers.peerworker')),
                ('template_item', models.ForeignKey(blank=True, db_constraint=False, help_text='Empty for a step added for this worker only.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='peers.onboardingtemplateitem')),
            ],
            options={
                'verbose_name': 'historical onboarding item',
                'verbose_name_plural': 'historical onboarding items',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='OnboardingItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200)),
                ('description', models.TextField(blank=True)),
                ('owner_role', models.CharField(choices=[('hr', 'HR'), ('line_manager', 'Line manager'), ('supervisor', 'Supervisor'), ('worker', 'The new worker')], max_length=20)),
                ('due_on', models.DateField()),
                ('done_on', models.DateField(blank=True, null=True)),
                ('notes', models.CharField(blank=True, max_length=500)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('done_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('owner', models.ForeignKey(blank=True, help_text='The person who does it; empty when nobody holds the part (no supervisor named yet).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='onboarding_items_owned', to=settings.AUTH_USER_MODEL)),
                ('worker', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='onboarding_items', to='peers.peerworker')),
                ('template_item', models.ForeignKey(blank=True, help_text='Empty for a step added for this worker only.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='worker_items', to='peers.onboardingtemplateitem')),
            ],
            options={
                'ordering': ['due_on', 'id'],
                'indexes': [models.Index(fields=['worker', 'due_on'], name='peers_onboa_worker__cf9085_idx'), models.Index(fields=['owner', 'done_on', 'due_on'], name='peers_onboa_owner_i_ce6781_idx'), models.Index(fields=['done_on', 'due_on'], name='peers_onboa_done_on_e9ec6c_idx')],
                'constraints': [models.UniqueConstraint(condition=models.Q(('template_item__isnull', False)), fields=('worker', 'template_item'), name='onboarding_item_once_per_template_item'), models.CheckConstraint(condition=models.Q(('done_on__isnull', False), ('done_by__isnull', True), _connector='OR'), name='onboarding_item_done_by_only_when_done')],
            },
        ),
        migrations.RunPython(load, unload),
    ]
