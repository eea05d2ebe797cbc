"""Equality monitoring in aggregate only, every figure through the small-number rule before it leaves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from typing import Any

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q

from accounts.disclosure import ROUND_TO, SUPPRESS_UP_TO, Relation, disclose_ratio, protect
from accounts.models import Team
from recruitment.errors import RecruitmentError
from recruitment.models import EqualityMonitoring, StageKind, StageMove, Vacancy
from recruitment.selectors.analytics import period_bounds, reached_stage, team_q

__all__ = ["EQUALITY_CHARACTERISTICS", "equality_report", "relative_likelihood"]

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
COMPARISONS: list[tuple[str, str, str, list[Any], str, list[Any]]] = [
    ("ethnicity", "ethnic_group", "white", [EM.EthnicGroup.WHITE], "bme", BME),
    ("disability", "disabled", "non_disabled", [EM.YesNo.NO], "disabled", [EM.YesNo.YES]),
]
DISCLOSURE_NOTE = (
    f"Small numbers are controlled before anything leaves the server: 0 stays 0, a count from 1 to "
    f"{SUPPRESS_UP_TO} is suppressed (null in JSON, * in CSV), and every other count is rounded to the "
    f"nearest {ROUND_TO}. Where a group is suppressed, enough other groups are suppressed too that "
    "subtracting the shown groups from the total cannot recover it, and that characteristic's zeros "
    "are suppressed as well, so a reader cannot tell which groups the hidden people are in. Where "
    "everyone gave the same answer, it is suppressed: it would be each applicant's answer. With 1 to "
    f"{SUPPRESS_UP_TO} applicants in the report nothing is shown at all. Reports cover whole months. "
    "Rates and relative likelihoods are worked out from the rounded counts and are shown only when "
    "every count they use is. Only aggregates are reported; no one's answers are shown."
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
    """Every raw count the report needs, from one grouped query; never returned as they are.

    One row per combination of answers and outcome comes back (at most one per applicant), and
    the counts are added up here: far cheaper than a hundred filtered counts in SQL.
    """
    fields = [field for field, _label, _choices in EQUALITY_CHARACTERISTICS]
    rows = (
        answers.annotate(
            was_shortlisted=ExpressionWrapper(
                reached_stage("shortlisted", prefix="application__"), output_field=BooleanField()
            ),
            # Hired: a worker made from it, at the hired stage now, or moved there in its history.
            was_appointed=ExpressionWrapper(
                Q(application__hired_worker__isnull=False)
                | Q(application__stage__kind=StageKind.HIRED)
                | Exists(
                    StageMove.objects.filter(
                        application=OuterRef("application"), to_stage__kind=StageKind.HIRED
                    )
                ),
                output_field=BooleanField(),
            ),
        )
        .values(*fields, "was_shortlisted", "was_appointed")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {f"all__{measure}": 0 for measure in MEASURES}
    for field, _label, choices in EQUALITY_CHARACTERISTICS:
        for value in choices.values:
            for measure in MEASURES:
                counts[_key(field, value, measure)] = 0
    for row in rows:
        measures = ["applicants"]
        measures += ["shortlisted"] if row["was_shortlisted"] else []
        measures += ["appointed"] if row["was_appointed"] else []
        for measure in measures:
            counts[f"all__{measure}"] += row["n"]
            for field in fields:
                counts[_key(field, row[field], measure)] += row["n"]
    return counts


# Every count as it may be shown (None: suppressed), by key.
Shown = dict[Hashable, int | None]


def _comparison_key(key: str, side: str, measure: str) -> str:
    return f"{key}__{side}__{measure}"


def choices_of(field: str) -> list[str]:
    """Every answer a characteristic's question has, "prefer not to say" included."""
    return next(list(choices.values) for name, _label, choices in EQUALITY_CHARACTERISTICS if name == field)


def _protected(raw: dict[str, int]) -> Shown:
    """Every count as it may be shown, with the relations a reader could subtract along.

    Each characteristic's groups add up to all applicants (everyone has an answer, "prefer not
    to say" included), and a comparison's group is a sum of answers (BME is four of them). If the
    whole population of the report is small (1 to 7 applicants) nothing at all is shown: a mix of
    zeros and hidden cells would tell the reader which answers those few people gave.
    """
    counts: dict[Hashable, int] = dict(raw.items())
    relations = []
    for measure in MEASURES:
        total = f"all__{measure}"
        for field, _label, choices in EQUALITY_CHARACTERISTICS:
            parts = tuple(_key(field, value, measure) for value in choices.values)
            relations.append(Relation(total, parts, exhaustive=True))
        for key, field, _first, first_values, _second, second_values in COMPARISONS:
            for side, values in (("first", first_values), ("second", second_values)):
                name = _comparison_key(key, side, measure)
                parts = tuple(_key(field, value, measure) for value in values)
                counts[name] = sum(counts[part] for part in parts)
                relations.append(Relation(name, parts, exhaustive=True))
            # The two groups and the answers left out of both ("prefer not to say") make everyone:
            # without this, all minus the two groups' counts gives back a hidden "prefer not to say".
            grouped = set(first_values) | set(second_values)
            rest = tuple(_key(field, value, measure) for value in choices_of(field) if value not in grouped)
            sides = tuple(_comparison_key(key, side, measure) for side in ("first", "second"))
            relations.append(Relation(total, sides + rest, exhaustive=True))
    shown = protect(counts, relations)
    if 1 <= raw["all__applicants"] <= SUPPRESS_UP_TO:
        return dict.fromkeys(shown)
    return _zeros_hidden_beside_hidden(shown, relations)


def _zeros_hidden_beside_hidden(shown: Shown, relations: list[Relation]) -> Shown:
    """Where any group is hidden, its characteristic's zeros are hidden too; and where everyone in
    the report is in one group, that group is hidden (and so its zeros).

    Reports over overlapping scopes (a month and its quarter, a vacancy and the trust) share
    people. A zero shown beside hidden groups says those people are all in the hidden ones; HR
    knows how many applied for each vacancy each month, so with zeros from a wider report a
    narrower report hidden whole could be read back (issue 13). With the zeros hidden as well, a
    hidden group could hold anything from none to all of what the shown ones leave over. A group
    that holds everyone (the rest all 0) would tell HR, who knows who applied, each applicant's
    answer.
    """
    shown = dict(shown)
    for relation in relations:
        if not str(relation.total).startswith("all__"):
            continue  # a comparison group (BME) is not everyone in the report
        answered = [part for part in relation.parts if shown[part] != 0]
        if len(answered) == 1:
            # Everyone gave the same answer: shown, it would be each person's answer.
            shown[answered[0]] = None
    changed = True
    while changed:  # a zero hidden in one relation is a hidden part of any other it is in
        changed = False
        for relation in relations:
            if any(shown[part] is None for part in relation.parts):
                # A comparison group (BME) of 0 would say its hidden answers are 0 as well.
                for key in (*relation.parts, relation.total):
                    if shown[key] == 0:
                        shown[key] = None
                        changed = True
    return shown


def _disclosed_group(shown: Shown, key) -> dict[str, Any]:
    applicants, shortlisted, appointed = (shown[key(measure)] for measure in MEASURES)
    # A rate is shown with both its parts or not at all.
    return {
        "applicants": applicants,
        "shortlisted": shortlisted,
        "appointed": appointed,
        "shortlisting_rate": _rate(shortlisted, applicants),
        "appointment_likelihood": _rate(appointed, shortlisted),
    }


def _rate(top: int | None, bottom: int | None) -> float | None:
    if top is None or bottom is None or bottom == 0:
        return None
    return top / bottom


def _answers(
    *, date_from: dt.date, date_to: dt.date, vacancy: Vacancy | None, team: Team | None, whole_months: bool
):
    # Reports over any run of days could be subtracted from each other a day at a time.
    if whole_months and date_from.day != 1:
        raise RecruitmentError(
            "Equality reports cover whole months: start on the first day of a month.", field="from"
        )
    if whole_months and (date_to + dt.timedelta(days=1)).day != 1:
        raise RecruitmentError(
            "Equality reports cover whole months: end on the last day of a month.", field="to"
        )
    start, end = period_bounds(date_from, date_to)
    answers = EqualityMonitoring.objects.filter(
        application__applied_at__gte=start, application__applied_at__lt=end
    ).filter(team_q(team, "application__vacancy__"))
    if vacancy is not None:
        answers = answers.filter(application__vacancy=vacancy)
    return answers


def relative_likelihood(
    *, date_from: dt.date, date_to: dt.date, comparison: str
) -> tuple[float | None, bool]:
    """The trust's relative likelihood of appointment for one comparison, as the equality report shows it.

    The charter's board figure comes from here, so the board and HR see one figure hidden or
    shown the same way. A period still running may end today rather than on a month's last day:
    no application is dated later, so the counts are the whole month's. Returns (ratio or None,
    whether a small number held it back).
    """
    shown = _protected(
        _raw_counts(
            _answers(date_from=date_from, date_to=date_to, vacancy=None, team=None, whole_months=False)
        )
    )
    first = _disclosed_group(shown, lambda measure: _comparison_key(comparison, "first", measure))
    second = _disclosed_group(shown, lambda measure: _comparison_key(comparison, "second", measure))
    ratio = disclose_ratio(first["appointment_likelihood"], second["appointment_likelihood"])
    hidden = any(first[m] is None or second[m] is None for m in ("shortlisted", "appointed"))
    return ratio, ratio is None and hidden


def equality_report(
    *,
    date_from: dt.date,
    date_to: dt.date,
    vacancy: Vacancy | None = None,
    team: Team | None = None,
) -> dict[str, Any]:
    """Applicants, shortlisted and appointed per group, and the relative likelihood of appointment.

    Counts applications made in whole months (and for one vacancy, or a team and those under it).
    Every count goes through disclosure control with the relations between the counts, so no
    subtraction recovers a hidden one; rates and ratios are shown only with all their parts.
    """
    answers = _answers(date_from=date_from, date_to=date_to, vacancy=vacancy, team=team, whole_months=True)
    shown = _protected(_raw_counts(answers))

    characteristics = []
    for field, label, choices in EQUALITY_CHARACTERISTICS:
        groups = [
            {
                "group": value,
                "label": choice_label,
                **_disclosed_group(shown, lambda measure, f=field, v=value: _key(f, v, measure)),
            }
            for value, choice_label in choices.choices
        ]
        characteristics.append({"characteristic": field, "label": label, "groups": groups})

    relative = {}
    for key, _field, first, _first_values, second, _second_values in COMPARISONS:
        first_group = _disclosed_group(shown, lambda measure, k=key: _comparison_key(k, "first", measure))
        second_group = _disclosed_group(shown, lambda measure, k=key: _comparison_key(k, "second", measure))
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
        "total": _disclosed_group(shown, lambda measure: f"all__{measure}"),
        "characteristics": characteristics,
        "relative_likelihood": relative,
        "notes": {"disclosure": DISCLOSURE_NOTE, "likelihood": LIKELIHOOD_NOTE},
    }
