"""A short summary of a city's gaps, written from its records in the reader's language (EN/FR).

It says how many gaps of the period are significant, which are the largest where the group is worse off
(with both groups' rates, never the gap alone), and which gaps changed clearly since the period before:
narrowed (a clear move of the gap score towards parity, its 95 % interval above 0) or widened. Only
figures the page shows are used: a suppressed gap is never named with a figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from icc.gaps.selectors.changes import Change, change_between, city_records
from icc.gaps.selectors.city import CityGapsPage
from icc.gaps.selectors.lines import GAP_DIGITS, GapLine, number_text

LARGEST = 3


@dataclass(frozen=True)
class Block:
    """A sentence, and the gaps it introduces (one sentence each)."""

    text: str
    items: tuple[str, ...] = ()


@dataclass
class Summary:
    blocks: list[Block] = field(default_factory=list)
    earlier_period: str | None = None

    @property
    def text(self) -> str:
        """The whole summary as plain text (downloads, tests)."""
        return " ".join(" ".join((block.text, *block.items)) for block in self.blocks)


def _gap_sentence(line: GapLine) -> str:
    assert line.gap_pp is not None
    points = number_text(abs(line.gap_pp), GAP_DIGITS)
    template = (
        _(
            "%(indicator)s, %(group)s: %(rate)s against %(reference_rate)s for %(reference)s "
            "(%(points)s points worse off)"
        )
        if line.gap_pp < 0
        else _(
            "%(indicator)s, %(group)s: %(rate)s against %(reference_rate)s for %(reference)s "
            "(%(points)s points better off)"
        )
    )
    return template % {
        "indicator": line.indicator.name,
        "group": line.focal_name,
        "rate": f"{line.focal_rate.text} %",
        "reference_rate": f"{line.reference_rate.text} %",
        "reference": line.reference_name,
        "points": points,
    }


def _change_sentence(line: GapLine, change: Change) -> str:
    return _("%(indicator)s, %(group)s: gap score %(change)s (95 %% interval %(low)s to %(high)s)") % {
        "indicator": line.indicator.name,
        "group": line.focal_name,
        "change": signed(change.change.change),
        "low": signed(change.change.ci_low),
        "high": signed(change.change.ci_high),
    }


def signed(value: float) -> str:
    text = number_format(round(value, 1), 1, force_grouping=True)
    return f"+{text}" if round(value, 1) > 0 else text


def city_gaps_summary(page: CityGapsPage) -> Summary:
    """The summary of the page's period, against the period before it (when there is one)."""
    summary = Summary()
    if page.period is None:
        return summary
    shown = [line for line in page.lines if line.shown]
    significant = [line for line in shown if line.significant]
    n = len(significant)
    summary.blocks.append(
        Block(
            ngettext(
                "In %(period)s, %(n)s gap of the %(total)s measured is significant.",
                "In %(period)s, %(n)s gaps of the %(total)s measured are significant.",
                n,
            )
            % {"period": page.period, "n": n, "total": len(shown)}
        )
    )
    worse = sorted(
        (line for line in significant if (line.gap_pp or 0) < 0), key=lambda line: line.gap_pp or 0
    )
    if worse:
        summary.blocks.append(
            Block(
                ngettext(
                    "%(n)s leaves the group worse off than the reference group; the largest:",
                    "%(n)s leave the group worse off than the reference group; the largest:",
                    len(worse),
                )
                % {"n": len(worse)},
                tuple(_gap_sentence(line) for line in worse[:LARGEST]),
            )
        )
    elif significant:
        summary.blocks.append(Block(_("None of them leaves the group worse off than the reference group.")))
    earlier = page.periods[page.periods.index(page.period) - 1] if page.periods.index(page.period) else None
    if earlier is None:
        summary.blocks.append(Block(_("There is no earlier period to say which gaps changed.")))
        return summary
    summary.earlier_period = earlier
    records = city_records(page.city)
    narrowed, widened = [], []
    for line in shown:
        change = change_between(records, line.indicator.key, line.focal_key, earlier, page.period)
        if change is not None and change.narrowed:
            narrowed.append(_change_sentence(line, change))
        elif change is not None and change.widened:
            widened.append(_change_sentence(line, change))
    if narrowed:
        summary.blocks.append(
            Block(
                ngettext(
                    "Since %(earlier)s, %(n)s gap narrowed clearly (towards parity):",
                    "Since %(earlier)s, %(n)s gaps narrowed clearly (towards parity):",
                    len(narrowed),
                )
                % {"earlier": earlier, "n": len(narrowed)},
                tuple(narrowed),
            )
        )
    else:
        summary.blocks.append(Block(_("No gap narrowed clearly since %(earlier)s.") % {"earlier": earlier}))
    if widened:
        summary.blocks.append(
            Block(
                ngettext(
                    "%(n)s gap widened clearly since %(earlier)s:",
                    "%(n)s gaps widened clearly since %(earlier)s:",
                    len(widened),
                )
                % {"earlier": earlier, "n": len(widened)},
                tuple(widened),
            )
        )
    return summary
