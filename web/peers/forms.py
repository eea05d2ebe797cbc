"""Forms for a peer worker's own pages. They check the shape of what is typed; the rules are the services'."""

from __future__ import annotations

from django import forms

from peers.models import WellnessActionPlan

SNOOZE_CHOICES = [("1", "Tomorrow"), ("3", "In 3 days"), ("7", "In a week")]


class WellnessPlanForm(forms.ModelForm):
    class Meta:
        model = WellnessActionPlan
        fields = ["keeps_me_well", "triggers", "early_warning_signs", "impact_on_work", "agreed_support"]
        labels = {
            "keeps_me_well": "What helps you stay well at work",
            "triggers": "What can make you unwell at work",
            "early_warning_signs": "Early signs that you are not so well",
            "impact_on_work": "How that can affect your work",
            "agreed_support": "Support you have agreed with your line manager",
        }
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}


class SnoozeForm(forms.Form):
    days = forms.ChoiceField(
        label="Remind me again",
        choices=SNOOZE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select when to be reminded again"},
    )
