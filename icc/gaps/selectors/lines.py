"""One gap as the pages show it: every figure formatted once, or the reason why it is missing.

A line is built from a stored `GapResult` (the engine's record, or why there is none) or from nothing at
all (the city has no figure for that indicator and period: "not collected"). No cell is ever blank: a
missing figure reads as its reason (withheld: too few people; not collected; not applicable), and a
suppressed record shows no figure at all, its rates included (../shared/docs/gap-format.md).

Each cell also holds what the downloads write: the number exactly as the page shows it (rounded the
same way), or the reason's words, so that a CSV or XLSX holds exactly what the page shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from icc.gaps.models import GapResult, Indicator, MissingReason

RATE_DIGITS = 1
GAP_DIGITS = 1
RATIO_DIGITS = 2
SCORE_DIGITS = 1

# Why a figure is missing, in the reader's language (the model's choices, in one place for the pages).
REASONS = dict(MissingReason.choices)
# A ratio is not defined when a group has no one on the favourable side (x = 0 in Katz's interval).
NO_RATIO = gettext_lazy("not applicable: no one on the favourable side")


@dataclass(frozen=True)
class Shown:
    """A cell: its text on the page, its value in the downloads, and whether it says why it is missing."""

    text: str
    value: float | int | str | None
    missing: bool = False


def number_text(value: float, digits: int) -> str:
    return number_format(round(value, digits), digits, force_grouping=True)


def shown_number(value: float | int | None, digits: int, *, scale: float = 1.0, reason: str = "") -> Shown:
    if value is None:
        return missing_cell(reason or MissingReason.NOT_APPLICABLE)
    scaled = round(value * scale, digits)
    text = number_text(scaled, digits) if digits else number_format(int(scaled), 0, force_grouping=True)
    return Shown(text, scaled if digits else int(scaled))


def missing_cell(reason: str) -> Shown:
    label = str(REASONS.get(reason, reason))
    return Shown(label, label, missing=True)


def _text(text: str) -> Shown:
    return Shown(text, text)


def interval_text(low: float, high: float, digits: int) -> str:
    return _("%(low)s to %(high)s") % {"low": number_text(low, digits), "high": number_text(high, digits)}


@dataclass(frozen=True)
class GapLine:
    """One indicator and focal group in one period, against the city's reference group."""

    indicator: Indicator
    period: str
    focal_key: str
    focal_name: str
    reference_name: str
    focal_rate: Shown
    reference_rate: Shown
    focal_n: Shown
    reference_n: Shown
    gap: Shown
    gap_interval: Shown
    significance: Shown
    ratio: Shown
    ratio_interval: Shown
    gap_score: Shown
    reliability: Shown
    # The figures themselves, for charts and the summary: None whenever the page shows a reason.
    missing_reason: str  # "" when the figures are there
    gap_pp: float | None = None
    gap_ci: tuple[float, float] | None = None
    significant: bool | None = None
    gap_score_value: float | None = None
    low_reliability: bool | None = None
    focal_rate_value: float | None = None
    reference_rate_value: float | None = None

    @property
    def label(self) -> str:
        return _("%(indicator)s: %(group)s") % {"indicator": self.indicator.name, "group": self.focal_name}

    @property
    def shown(self) -> bool:
        return not self.missing_reason


def _all_missing(reason: str) -> dict[str, Shown]:
    cell = missing_cell(reason)
    return dict.fromkeys(
        (
            "focal_rate",
            "reference_rate",
            "focal_n",
            "reference_n",
            "gap",
            "gap_interval",
            "significance",
            "ratio",
            "ratio_interval",
            "gap_score",
            "reliability",
        ),
        cell,
    )


def gap_line(
    *,
    indicator: Indicator,
    period: str,
    focal_key: str,
    focal_name: str,
    reference_name: str,
    result: GapResult | None,
) -> GapLine:
    """The line of a stored result, or of no result at all (not collected)."""
    common: dict[str, Any] = {
        "indicator": indicator,
        "period": period,
        "focal_key": focal_key,
        "focal_name": focal_name,
        "reference_name": reference_name,
    }
    if result is None:
        reason = str(MissingReason.NOT_COLLECTED)
    else:
        reason = result.shown_missing_reason or ("" if result.record else str(MissingReason.NOT_COLLECTED))
    if reason:
        return GapLine(**common, **_all_missing(reason), missing_reason=reason)  # type: ignore[arg-type]
    assert result is not None and result.record is not None
    record = result.record
    gap_ci = (float(record["gap_ci"][0]), float(record["gap_ci"][1])) if record.get("gap_ci") else None
    ratio_ci = record.get("ratio_ci")
    ratio_missing = str(NO_RATIO)
    significant = record.get("significant")
    low = bool(record.get("low_reliability"))
    return GapLine(
        **common,
        focal_rate=shown_number(record["focal_rate"], RATE_DIGITS, scale=100),
        reference_rate=shown_number(record["reference_rate"], RATE_DIGITS, scale=100),
        focal_n=shown_number(record["focal_n"], 0),
        reference_n=shown_number(record["reference_n"], 0),
        gap=shown_number(record["gap_pp"], GAP_DIGITS),
        gap_interval=(
            _text(interval_text(gap_ci[0], gap_ci[1], GAP_DIGITS))
            if gap_ci
            else missing_cell(MissingReason.NOT_APPLICABLE)
        ),
        significance=_text(_("significant") if significant else _("not significant")),
        ratio=(
            shown_number(record["ratio"], RATIO_DIGITS)
            if record.get("ratio") is not None
            else Shown(ratio_missing, ratio_missing, missing=True)
        ),
        ratio_interval=(
            _text(interval_text(ratio_ci[0], ratio_ci[1], RATIO_DIGITS))
            if ratio_ci
            else Shown(ratio_missing, ratio_missing, missing=True)
        ),
        gap_score=shown_number(record["gap_score"], SCORE_DIGITS),
        reliability=_text(_("low: few people, read with care") if low else _("sufficient")),
        missing_reason="",
        gap_pp=record["gap_pp"],
        gap_ci=gap_ci,
        significant=bool(significant),
        gap_score_value=record["gap_score"],
        low_reliability=low,
        focal_rate_value=record["focal_rate"],
        reference_rate_value=record["reference_rate"],
    )


def download_header() -> list[str]:
    """The columns of a download of lines, in the order the pages show them."""
    return [
        _("Domain"),
        _("Indicator"),
        _("Period"),
        _("Group"),
        _("Rate of the group (%)"),
        _("People in the group"),
        _("Reference group"),
        _("Rate of the reference group (%)"),
        _("People in the reference group"),
        _("Gap (percentage points)"),
        _("95 % interval of the gap"),
        _("Significance"),
        _("Ratio"),
        _("95 % interval of the ratio"),
        _("Gap score (100 = parity)"),
        _("Reliability"),
    ]


def download_row(line: GapLine) -> list[Any]:
    return [
        line.indicator.get_domain_display(),
        line.indicator.name,
        line.period,
        line.focal_name,
        line.focal_rate.value,
        line.focal_n.value,
        line.reference_name,
        line.reference_rate.value,
        line.reference_n.value,
        line.gap.value,
        line.gap_interval.value,
        line.significance.value,
        line.ratio.value,
        line.ratio_interval.value,
        line.gap_score.value,
        line.reliability.value,
    ]
