"""The metrics behind the indicators, each reading a domain app only through its selectors.

`docs/indicators.md` documents every one: formula, numerator, denominator, source, and why.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from charter.models import Unit
from charter.registry import Raw, Result, metric
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


def _simple(key: str, unit: str, target: str, amber: str, source: Callable[[date, date], Grouped]) -> None:
    metric(key, unit=unit, target=target, amber=amber)(lambda start, end: _result(source(start, end)))


# 1. Open and inclusive recruitment
_simple("le_panel_share", Unit.PERCENT, "100", "90", recruitment.lived_experience_panel_share)
_simple("advert_to_offer_days", Unit.DAYS, "42", "56", recruitment.advert_to_offer_days)
_simple("adjustments_provided_share", Unit.PERCENT, "100", "90", recruitment.adjustments_provided_share)
_simple("register_applications", Unit.COUNT, "5", "1", recruitment.register_applications)
# 2. Awareness of the benefits of lived experience
_simple("le_training_delivered", Unit.COUNT, "6", "3", involvement.lived_experience_training_delivered)
_simple("cofacilitated_share", Unit.PERCENT, "50", "30", involvement.cofacilitated_share)
# 3. Support from the start of employment
_simple("peer_workers_in_post", Unit.COUNT, "20", "15", peers.peer_workers_in_post)
_simple("supervision_in_date", Unit.PERCENT, "90", "75", peers.supervision_in_date)
_simple("mandatory_training_compliance", Unit.PERCENT, "95", "85", peers.mandatory_training_compliance)
_simple("retention_12_months", Unit.PERCENT, "85", "75", peers.retention_12_months)
# 4. Clear progression pathways
_simple("promotions", Unit.COUNT, "2", "1", peers.promotions)
_simple("progression_reviews_share", Unit.PERCENT, "90", "70", peers.progression_reviews_share)
# 6. Sharing good practice and co-producing services
_simple("coproduction_share", Unit.PERCENT, "60", "40", involvement.coproduction_share)
_simple("you_said_we_did_on_time", Unit.PERCENT, "90", "75", involvement.you_said_we_did_on_time)
_simple(
    "consultation_outcomes_published", Unit.PERCENT, "100", "80", involvement.consultation_outcomes_published
)


# 5. A workplace free from discrimination: relative likelihood of appointment from shortlisting.
def _likelihood(characteristic: str) -> Callable[[date, date], Result]:
    def compute(start: date, end: date) -> Result:
        groups = recruitment.appointment_from_shortlisting(start, end, characteristic=characteristic)
        return Result(total=Raw(numerator=None, groups=(groups["first"], groups["second"])))

    return compute


metric("appointment_likelihood_ethnicity", unit=Unit.RATIO, target="1.25", amber="1.5")(
    _likelihood("ethnicity")
)
metric("appointment_likelihood_disability", unit=Unit.RATIO, target="1.25", amber="1.5")(
    _likelihood("disability")
)
