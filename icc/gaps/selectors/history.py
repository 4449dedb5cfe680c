"""An indicator's history in a city: every period's gap for each focal group, the gap score's path, and
the change of the gap score between two periods with its 95 % interval ("no clear change" when the
interval includes 0)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from icc.gaps.models import GapGroup, GapResult, Indicator, period_sort_key
from icc.gaps.selectors.changes import Change, change_between, city_records
from icc.gaps.selectors.charts import gap_score_history_chart
from icc.gaps.selectors.lines import GapLine, gap_line
from icc.gaps.selectors.summary import signed
from icc.network.models import City


@dataclass(frozen=True)
class ChangeLine:
    group_name: str
    change: Change | None
    text: str  # "+4.2 (95 % interval +1.0 to +7.5): a clear change" or why there is none

    @property
    def clear(self) -> bool:
        return self.change is not None and self.change.change.clear


@dataclass
class GroupHistory:
    key: str
    name: str
    lines: list[GapLine]


@dataclass
class IndicatorHistory:
    indicator: Indicator
    periods: list[str]
    groups: list[GroupHistory]
    earlier: str | None
    later: str | None
    changes: list[ChangeLine] = field(default_factory=list)
    chart: str | None = None

    @property
    def lines(self) -> list[GapLine]:
        return [line for group in self.groups for line in group.lines]

    @property
    def chart_id(self) -> str:
        return f"gap-history-{self.indicator.key.replace('_', '-')}"


def _change_text(change: Change | None, reason: str) -> str:
    if change is None:
        return reason
    values = {
        "change": signed(change.change.change),
        "low": signed(change.change.ci_low),
        "high": signed(change.change.ci_high),
    }
    if change.change.clear:
        template = (
            _("%(change)s points (95 %% interval %(low)s to %(high)s): a clear move towards parity")
            if change.change.change > 0
            else _("%(change)s points (95 %% interval %(low)s to %(high)s): a clear move away from parity")
        )
    else:
        template = _("%(change)s points (95 %% interval %(low)s to %(high)s): no clear change")
    return template % values


def indicator_history(
    city: City, key: str, *, earlier: str | None = None, later: str | None = None, with_chart: bool = True
) -> IndicatorHistory | None:
    """None when the catalogue has no such indicator. `earlier` and `later` choose the two periods compared
    (by default the first and the last the city has)."""
    indicator = Indicator.objects.filter(key=key).first()
    if indicator is None:
        return None
    results = list(
        GapResult.objects.filter(city=city, indicator=indicator).select_related("focal", "reference")
    )
    periods = sorted({r.period for r in results}, key=period_sort_key)
    groups: dict[int, GapGroup] = {}
    for result in sorted(results, key=lambda r: r.focal.key):
        groups.setdefault(result.focal_id, result.focal)
    by_key = {(r.period, r.focal_id): r for r in results}
    reference = next((r.reference.name for r in results if r.reference is not None), _("reference group"))
    histories = []
    for group in groups.values():
        lines = []
        for period in periods:
            found = by_key.get((period, group.pk))
            lines.append(
                gap_line(
                    indicator=indicator,
                    period=period,
                    focal_key=group.key,
                    focal_name=group.name,
                    reference_name=found.reference.name if found and found.reference else reference,
                    result=found,
                )
            )
        histories.append(GroupHistory(group.key, group.name, lines))
    if earlier not in periods:
        earlier = periods[0] if periods else None
    if later not in periods or later == earlier:
        later = periods[-1] if periods else None
    if earlier and later and period_sort_key(earlier) > period_sort_key(later):
        earlier, later = later, earlier
    history = IndicatorHistory(indicator, periods, histories, earlier, later)
    if earlier and later and earlier != later:
        records = city_records(city, indicator_key=indicator.key)
        for group_history in histories:
            change = change_between(records, indicator.key, group_history.key, earlier, later)
            history.changes.append(
                ChangeLine(
                    group_history.name,
                    change,
                    _change_text(
                        change, _("no change to give: a figure of either period is missing or withheld")
                    ),
                )
            )
    if with_chart and periods and any(line.shown for line in history.lines):
        title = _("Gap score of %(indicator)s in %(city)s, by period (100 = parity)") % {
            "indicator": indicator.name,
            "city": city.name,
        }
        series = [(g.name, [line.gap_score_value for line in g.lines]) for g in histories]
        history.chart = gap_score_history_chart(periods, series, title=title, chart_id=history.chart_id)
    return history
