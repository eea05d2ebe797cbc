"""The metrics behind the indicators, each reading a domain app only through its selectors.

`docs/indicators.md` documents every one: formula, numerator, denominator, source, and why.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from charter.models import Unit
from charter.registry import FLOW, STOCK, Disclosed, Measure, Raw, Result, metric
from involvement import selectors as involvement
from peers import selectors as peers
from recruitment import selectors as recruitment

Grouped = dict[int | None, tuple[int, int | None]]


def _result(grouped: Grouped) -> Result:
    """The trust's figure is the sum over directorates (rows with no directorate count only there)."""
    top = sum(n for n, _ in grouped.values())
    bottoms = [d for _, d in grouped.values() if d is not None]
    total = Raw(numerator=top, denominator=sum(bottoms) if bottoms else None)
    by = {key: Raw(numerator=n, denominator=d) for key, (n, d) in grouped.items() if key is not None}
    return Result(total=total, by_directorate=by)


def _simple(
    key: str,
    unit: str,
    target: str,
    amber: str,
    source: Callable[[date, date], Grouped],
    numerator: Measure,
    denominator: Measure | None = None,
) -> None:
    metric(key, unit=unit, target=target, amber=amber, numerator=numerator, denominator=denominator)(
        lambda start, end: _result(source(start, end))
    )


IN_POST = Measure("peer_workers_in_post", STOCK)
HELD_ACTIVITIES = Measure("activities_held", FLOW)

# 1. Open and inclusive recruitment
_simple(
    "le_panel_share",
    Unit.PERCENT,
    "100",
    "90",
    recruitment.lived_experience_panel_share,
    Measure("vacancies_with_le_panel", FLOW),
    Measure("le_vacancies_interviewing", FLOW),
)
_simple(
    "advert_to_offer_days",
    Unit.DAYS,
    "42",
    "56",
    recruitment.advert_to_offer_days,
    Measure("days_advert_to_offer", FLOW),
    Measure("offers_made", FLOW),
)
_simple(
    "adjustments_provided_share",
    Unit.PERCENT,
    "100",
    "90",
    recruitment.adjustments_provided_share,
    Measure("adjustments_provided", FLOW),
    Measure("adjustments_decided", FLOW),
)
_simple(
    "register_applications",
    Unit.COUNT,
    "5",
    "1",
    recruitment.register_applications,
    Measure("register_applications", FLOW),
)
# 2. Awareness of the benefits of lived experience
_simple(
    "le_training_delivered",
    Unit.COUNT,
    "6",
    "3",
    involvement.lived_experience_training_delivered,
    Measure("le_training_sessions", FLOW),
)
_simple(
    "cofacilitated_share",
    Unit.PERCENT,
    "50",
    "30",
    involvement.cofacilitated_share,
    Measure("activities_cofacilitated", FLOW),
    HELD_ACTIVITIES,
)
# 3. Support from the start of employment
_simple("peer_workers_in_post", Unit.COUNT, "20", "15", peers.peer_workers_in_post, IN_POST)
_simple(
    "supervision_in_date",
    Unit.PERCENT,
    "90",
    "75",
    peers.supervision_in_date,
    Measure("supervision_in_date", STOCK),
    IN_POST,
)
_simple(
    "peer_led_supervision_share",
    Unit.PERCENT,
    "50",
    "25",
    peers.peer_led_supervision_share,
    Measure("supervision_sessions_peer_led", FLOW),
    Measure("supervision_sessions_held", FLOW),
)
_simple(
    "mandatory_training_compliance",
    Unit.PERCENT,
    "95",
    "85",
    peers.mandatory_training_compliance,
    Measure("mandatory_training_in_date", STOCK),
    IN_POST,
)
_simple(
    "retention_12_months",
    Unit.PERCENT,
    "85",
    "75",
    peers.retention_12_months,
    Measure("peer_workers_retained", STOCK),
    Measure(IN_POST.name, STOCK, months_before=12),
)
# 4. Clear progression pathways
_simple("promotions", Unit.COUNT, "2", "1", peers.promotions, Measure("promotions", FLOW))
_simple(
    "progression_reviews_share",
    Unit.PERCENT,
    "90",
    "70",
    peers.progression_reviews_share,
    Measure("progression_reviewed", STOCK),
    IN_POST,
)
# 6. Sharing good practice and co-producing services
_simple(
    "coproduction_share",
    Unit.PERCENT,
    "60",
    "40",
    involvement.coproduction_share,
    Measure("activities_coproduced", FLOW),
    HELD_ACTIVITIES,
)
_simple(
    "you_said_we_did_on_time",
    Unit.PERCENT,
    "90",
    "75",
    involvement.you_said_we_did_on_time,
    Measure("actions_done_on_time", FLOW),
    Measure("actions_due", FLOW),
)
_simple(
    "consultation_outcomes_published",
    Unit.PERCENT,
    "100",
    "80",
    involvement.consultation_outcomes_published,
    Measure("consultation_outcomes_published", FLOW),
    Measure("consultations_closing", FLOW),
)


# 5. A workplace free from discrimination: relative likelihood of appointment from shortlisting,
# exactly as HR's equality report shows it (the same counts, hidden the same way).
def _likelihood(comparison: str) -> Callable[[date, date], Disclosed]:
    def compute(start: date, end: date) -> Disclosed:
        ratio, suppressed = recruitment.relative_likelihood(
            date_from=start, date_to=end, comparison=comparison
        )
        return Disclosed(value=ratio, suppressed=suppressed)

    return compute


metric("appointment_likelihood_ethnicity", unit=Unit.RATIO, target="1.25", amber="1.5")(
    _likelihood("ethnicity")
)
metric("appointment_likelihood_disability", unit=Unit.RATIO, target="1.25", amber="1.5")(
    _likelihood("disability")
)
