"""Equality monitoring in aggregate only, every figure through the small-number rule before it leaves."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q

from accounts.disclosure import ROUND_TO, SUPPRESS_UP_TO, disclose_count, disclose_rate, disclose_ratio
from accounts.models import Team
from recruitment.models import EqualityMonitoring, StageKind, Vacancy
from recruitment.selectors.analytics import period_bounds, reached_stage, team_q

__all__ = ["EQUALITY_CHARACTERISTICS", "equality_report"]

EM = EqualityMonitoring
# (field, label, its answers) in the order they are reported.
EQUALITY_CHARACTERISTICS = [
    ("ethnic_group", "Ethnic group", EM.EthnicGroup),
    ("disabled", "Disabled", EM.YesNo),
    ("sex", "Sex", EM.Sex),
    ("age_band", "Age band", EM.AgeBand),
    ("lgb_plus", "Lesbian, gay, bisexual or another sexual orientation", EM.YesNo),
    ("gender_same_as_at_birth", "Gender the same as at birth", EM.YesNo),
]
MEASURES = ["applicants", "shortlisted", "appointed"]
BME = [EM.EthnicGroup.MIXED, EM.EthnicGroup.ASIAN, EM.EthnicGroup.BLACK, EM.EthnicGroup.OTHER]
# (key, field, first group, its answers, second group, its answers): WRES indicator 2 and WDES metric 2.
COMPARISONS = [
    ("ethnicity", "ethnic_group", "white", [EM.EthnicGroup.WHITE], "bme", BME),
    ("disability", "disabled", "non_disabled", [EM.YesNo.NO], "disabled", [EM.YesNo.YES]),
]
DISCLOSURE_NOTE = (
    f"Small numbers are controlled before anything leaves the server: 0 stays 0, a count from 1 to "
    f"{SUPPRESS_UP_TO} is suppressed (null in JSON, * in CSV), and every other count is rounded to the "
    f"nearest {ROUND_TO}. Rates and relative likelihoods are worked out from the rounded counts and are "
    "suppressed when any count they use is. Only aggregates are reported; no one's answers are shown."
)
LIKELIHOOD_NOTE = (
    "Likelihood of appointment from shortlisting = appointed / shortlisted in a group. Relative "
    "likelihood = the first group's likelihood / the second's (white / BME; non-disabled / disabled), "
    "as in WRES and WDES: above 1 means the first group is more likely to be appointed. BME is mixed, "
    "Asian, Black and other ethnic groups; 'prefer not to say' is left out of both groups."
)


def _key(field: str, value: str, measure: str) -> str:
    return f"{field}__{value}__{measure}"


def _raw_counts(answers) -> dict[str, int]:
    """Every raw count the report needs, in one aggregate query; never returned as they are."""
    conditions = {
        "applicants": Q(),
        "shortlisted": reached_stage("shortlisted", prefix="application__"),
        "appointed": Q(application__hired_worker__isnull=False) | Q(application__stage__kind=StageKind.HIRED),
    }
    counts = {f"all__{measure}": Count("pk", filter=condition) for measure, condition in conditions.items()}
    for field, _label, choices in EQUALITY_CHARACTERISTICS:
        for value in choices.values:
            for measure, condition in conditions.items():
                counts[_key(field, value, measure)] = Count("pk", filter=Q(**{field: value}) & condition)
    for key, field, _first, first_values, _second, second_values in COMPARISONS:
        for side, values in (("first", first_values), ("second", second_values)):
            for measure, condition in conditions.items():
                counts[f"{key}__{side}__{measure}"] = Count(
                    "pk", filter=Q(**{f"{field}__in": values}) & condition
                )
    return answers.aggregate(**counts)


def _disclosed_group(raw: dict[str, int], prefix: str) -> dict[str, Any]:
    applicants, shortlisted, appointed = (raw[f"{prefix}__{measure}"] for measure in MEASURES)
    return {
        "applicants": disclose_count(applicants),
        "shortlisted": disclose_count(shortlisted),
        "appointed": disclose_count(appointed),
        "shortlisting_rate": disclose_rate(shortlisted, applicants),
        "appointment_likelihood": disclose_rate(appointed, shortlisted),
    }


def equality_report(
    *,
    date_from: dt.date,
    date_to: dt.date,
    vacancy: Vacancy | None = None,
    team: Team | None = None,
) -> dict[str, Any]:
    """Applicants, shortlisted and appointed per group, and the relative likelihood of appointment.

    Counts applications made in the period (and for one vacancy, or a team and those under it).
    Every count, rate and ratio is disclosed under the small-number rule; no row leaves.
    """
    start, end = period_bounds(date_from, date_to)
    answers = EqualityMonitoring.objects.filter(
        application__applied_at__gte=start, application__applied_at__lt=end
    ).filter(team_q(team, "application__vacancy__"))
    if vacancy is not None:
        answers = answers.filter(application__vacancy=vacancy)
    raw = _raw_counts(answers)

    characteristics = []
    for field, label, choices in EQUALITY_CHARACTERISTICS:
        groups = [
            {"group": value, "label": choice_label, **_disclosed_group(raw, f"{field}__{value}")}
            for value, choice_label in choices.choices
        ]
        characteristics.append({"characteristic": field, "label": label, "groups": groups})

    relative = {}
    for key, _field, first, _first_values, second, _second_values in COMPARISONS:
        first_group = _disclosed_group(raw, f"{key}__first")
        second_group = _disclosed_group(raw, f"{key}__second")
        relative[key] = {
            "first_group": {"group": first, **first_group},
            "second_group": {"group": second, **second_group},
            "relative_likelihood": disclose_ratio(
                first_group["appointment_likelihood"], second_group["appointment_likelihood"]
            ),
        }
    return {
        "period": {"from": date_from, "to": date_to},
        "filters": {"vacancy": vacancy.pk if vacancy else None, "team": team.pk if team else None},
        "total": _disclosed_group(raw, "all"),
        "characteristics": characteristics,
        "relative_likelihood": relative,
        "notes": {"disclosure": DISCLOSURE_NOTE, "likelihood": LIKELIHOOD_NOTE},
    }
