"""Reads for controlled expansion: who is in the network, where, how fast it grows, and what to admit next.

The whole page is computed from one read of the register (a few hundred rows at most) and the growth
targets, so the number of queries does not depend on the number of cities.

Growth over time is rebuilt from each city's dates rather than from the history tables:
a city counts as a member on a day when `member_since` is on or before that day and it is a member or
suspended today, or it has withdrawn since (then `status_since` is the day it withdrew). A city that
withdrew and has since applied again (enquiry or candidate with an old `member_since`) is not counted
for its earlier membership: the register no longer holds the day it left. This undercounts past years
only for such cities, which are rare.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _

from icc.core.countries import COE_MEMBER_STATES, WORLD_REGIONS, country_name, world_region
from icc.network.models import City, CityStatus, GrowthTarget, NetworkSettings
from icc.network.selectors.access import network_settings

MEMBER_STATUSES = (CityStatus.MEMBER, CityStatus.SUSPENDED)
PROSPECTIVE_STATUSES = (CityStatus.CANDIDATE, CityStatus.ENQUIRY)
QUARTERS_SHOWN = 12  # the last three years, current quarter included


@dataclass
class CompositionRow:
    key: str  # a country code or a world region key
    label: str
    members: int = 0
    candidates: int = 0
    share: float | None = None  # of all members, in percent
    countries: int = 0  # for a region: countries with at least one member


@dataclass
class UnderRepresentedCountry:
    country: str
    label: str
    members: int
    prospects: list[City] = field(default_factory=list)  # candidates and enquiries


@dataclass
class Priority:
    city: City
    capital: bool
    under_represented: bool


@dataclass
class Quarter:
    year: int
    number: int
    start: datetime.date
    end: datetime.date
    admissions: int = 0
    over_cap: bool = False
    current: bool = False

    @property
    def label(self) -> str:
        return _("%(year)s Q%(quarter)s") % {"year": self.year, "quarter": self.number}


@dataclass
class GrowthYear:
    year: int
    members: int
    to_date: bool  # the current year: counted today, not at the year's end


@dataclass
class TargetResult:
    target: GrowthTarget
    members: int  # at the deadline, or today when the deadline is still ahead
    state: str  # "met", "missed" or "open"
    gap: int  # members still missing (0 when met)

    @property
    def display_label(self) -> str:
        return self.target.label or _("%(members)s members by %(date)s") % {
            "members": self.target.members,
            "date": formats.date_format(self.target.deadline, "DATE_FORMAT"),
        }

    @property
    def state_label(self) -> str:
        return {"met": _("Met"), "missed": _("Not met"), "open": _("Not reached yet")}[self.state]


@dataclass
class ExpansionOverview:
    today: datetime.date
    settings: NetworkSettings
    total_members: int
    total_candidates: int
    by_region: list[CompositionRow]
    by_country: list[CompositionRow]
    coe_states_represented: int
    under_represented: list[UnderRepresentedCountry]
    priorities: list[Priority]
    quarters: list[Quarter]
    growth: list[GrowthYear]
    targets: list[TargetResult]

    @property
    def coe_states_total(self) -> int:
        return len(COE_MEMBER_STATES)

    @property
    def current_quarter(self) -> Quarter:
        return self.quarters[-1]

    @property
    def quarters_over_cap(self) -> list[Quarter]:
        return [q for q in self.quarters if q.over_cap]

    @property
    def region_chart(self) -> list[tuple[str, int]]:
        return [(row.label, row.members) for row in self.by_region if row.members]

    @property
    def country_chart(self) -> list[tuple[str, int]]:
        return [(row.label, row.members) for row in self.by_country if row.members]

    @property
    def quarter_chart(self) -> list[tuple[str, int]]:
        return [(q.label, q.admissions) for q in self.quarters]

    @property
    def cap_line(self) -> list[tuple[str, int]]:
        cap = self.settings.admissions_per_quarter_cap
        return [(_("Cap: %(cap)s a quarter") % {"cap": cap}, cap)]

    @property
    def growth_chart(self) -> list[tuple[str, int]]:
        return [(str(year.year), year.members) for year in self.growth]

    @property
    def target_lines(self) -> list[tuple[str, int]]:
        return [
            (
                _("Target: %(members)s by %(year)s")
                % {"members": r.target.members, "year": r.target.deadline.year},
                r.target.members,
            )
            for r in self.targets
        ]


def quarter_of(day: datetime.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year: int, number: int) -> tuple[datetime.date, datetime.date]:
    start = datetime.date(year, 3 * number - 2, 1)
    end = (
        datetime.date(year, 12, 31)
        if number == 4
        else datetime.date(year, 3 * number + 1, 1) - datetime.timedelta(days=1)
    )
    return start, end


def was_member_on(city: City, day: datetime.date) -> bool:
    """Whether `city` was a member (or suspended member) of the network on `day`; see the module notes."""
    if city.member_since is None or city.member_since > day:
        return False
    if city.status in MEMBER_STATUSES:
        return True
    if city.status == CityStatus.WITHDRAWN:
        return city.status_since > day
    return False


def members_on(cities: list[City], day: datetime.date) -> int:
    return sum(1 for city in cities if was_member_on(city, day))


def admissions_in_quarter(day: datetime.date) -> tuple[int, int]:
    """(cities admitted in the quarter of `day`, the cap): for a warning before admitting one more."""
    start, end = quarter_bounds(*quarter_of(day))
    count = City.objects.filter(member_since__range=(start, end)).count()
    return count, network_settings().admissions_per_quarter_cap


def _composition(cities: list[City]) -> tuple[list[CompositionRow], list[CompositionRow], int]:
    members = Counter(c.country for c in cities if c.status in MEMBER_STATUSES)
    candidates = Counter(c.country for c in cities if c.status == CityStatus.CANDIDATE)
    total = sum(members.values())

    def share(n: int) -> float | None:
        return 100 * n / total if total else None

    by_country = [
        CompositionRow(
            key=code,
            label=country_name(code),
            members=members[code],
            candidates=candidates[code],
            share=share(members[code]),
        )
        for code in set(members) | set(candidates)
    ]
    by_country.sort(key=lambda row: (-row.members, -row.candidates, row.label.casefold()))

    regions: dict[str, CompositionRow] = {
        key: CompositionRow(key=key, label=str(label)) for key, label in WORLD_REGIONS.items()
    }
    for row in by_country:
        region = regions.setdefault(
            world_region(row.key), CompositionRow(key=world_region(row.key), label=world_region(row.key))
        )
        region.members += row.members
        region.candidates += row.candidates
        region.countries += 1 if row.members else 0
    by_region = [row for row in regions.values() if row.members or row.candidates]
    for row in by_region:
        row.share = share(row.members)
    by_region.sort(key=lambda row: (-row.members, -row.candidates, row.label.casefold()))
    return by_region, by_country, total


def _under_represented(cities: list[City], threshold: int) -> tuple[list[UnderRepresentedCountry], int]:
    members = Counter(c.country for c in cities if c.status in MEMBER_STATUSES)
    prospects: dict[str, list[City]] = defaultdict(list)
    for city in cities:
        if city.status in PROSPECTIVE_STATUSES:
            prospects[city.country].append(city)
    rows = [
        UnderRepresentedCountry(
            country=code, label=country_name(code), members=members[code], prospects=prospects[code]
        )
        for code in COE_MEMBER_STATES
        if members[code] < threshold
    ]
    rows.sort(key=lambda row: (row.members, row.label.casefold()))
    represented = sum(1 for code in COE_MEMBER_STATES if members[code] > 0)
    return rows, represented


def _priorities(cities: list[City], under_represented: set[str]) -> list[Priority]:
    rows = [
        Priority(city=c, capital=c.is_capital, under_represented=c.country in under_represented)
        for c in cities
        if c.status in PROSPECTIVE_STATUSES and (c.is_capital or c.country in under_represented)
    ]
    # Cities that meet both criteria first, then capitals, then by country and name.
    rows.sort(
        key=lambda p: (
            -(p.capital + p.under_represented),
            not p.capital,
            country_name(p.city.country).casefold(),
            p.city.name.casefold(),
        )
    )
    return rows


def _quarters(cities: list[City], today: datetime.date, cap: int) -> list[Quarter]:
    year, number = quarter_of(today)
    keys = []
    for _step in range(QUARTERS_SHOWN):
        keys.append((year, number))
        year, number = (year, number - 1) if number > 1 else (year - 1, 4)
    admitted = Counter(quarter_of(c.member_since) for c in cities if c.member_since is not None)
    quarters = []
    for year, number in reversed(keys):
        start, end = quarter_bounds(year, number)
        count = admitted[(year, number)]
        quarters.append(
            Quarter(
                year=year,
                number=number,
                start=start,
                end=end,
                admissions=count,
                over_cap=count > cap,
                current=(year, number) == quarter_of(today),
            )
        )
    return quarters


def _growth(
    cities: list[City], targets: list[GrowthTarget], today: datetime.date
) -> tuple[list[GrowthYear], list[TargetResult]]:
    years_with_members = [c.member_since.year for c in cities if c.member_since is not None]
    first = min(years_with_members + [t.deadline.year for t in targets if t.deadline <= today], default=None)
    growth = []
    if first is not None:
        for year in range(first, today.year + 1):
            day = min(datetime.date(year, 12, 31), today)
            growth.append(GrowthYear(year=year, members=members_on(cities, day), to_date=day == today))
    results = []
    for target in targets:
        day = min(target.deadline, today)
        count = members_on(cities, day)
        if count >= target.members:
            state = "met"
        elif target.deadline > today:
            state = "open"
        else:
            state = "missed"
        results.append(
            TargetResult(target=target, members=count, state=state, gap=max(target.members - count, 0))
        )
    return growth, results


def expansion_overview(today: datetime.date | None = None) -> ExpansionOverview:
    today = today or datetime.date.today()
    row = network_settings()
    cities = list(City.objects.order_by("name"))
    targets = list(GrowthTarget.objects.order_by("deadline"))
    by_region, by_country, total_members = _composition(cities)
    under_represented, represented = _under_represented(cities, row.underrepresented_max_members)
    growth, target_results = _growth(cities, targets, today)
    return ExpansionOverview(
        today=today,
        settings=row,
        total_members=total_members,
        total_candidates=sum(1 for c in cities if c.status == CityStatus.CANDIDATE),
        by_region=by_region,
        by_country=by_country,
        coe_states_represented=represented,
        under_represented=under_represented,
        priorities=_priorities(cities, {r.country for r in under_represented}),
        quarters=_quarters(cities, today, row.admissions_per_quarter_cap),
        growth=growth,
        targets=target_results,
    )
