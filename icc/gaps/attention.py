"""What the gap tool asks of a city's people now (icc.core.attention): a file whose check failed and that no
later file replaced, and gap figures whose newest period ended more than two years ago. Two queries,
whatever the number of cities; none for a person without a city. The secretariat gets nothing here: the
gap data is the city's to keep, and there is nothing for the secretariat to approve."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from icc.core.attention import AttentionItem, contributes
from icc.gaps.selectors.data import is_stale, newest_period_years, waiting_failed_imports
from icc.network.models import City

STALE_AFTER_YEARS = 2


@contributes
def city_items(user: Any, summary: Any) -> Iterator[AttentionItem]:
    city_ids = summary.city_ids
    if not city_ids:
        return
    # Files with errors, per city: the newest one is the link (one query).
    failed: dict[int, list[Any]] = {}
    for gap_import in waiting_failed_imports(city_ids).order_by("created"):
        failed.setdefault(gap_import.city_id, []).append(gap_import)
    for imports in failed.values():
        newest, city = imports[-1], imports[-1].city
        problems = len(newest.problems)
        yield AttentionItem(
            key="gaps.import_errors",
            label=ngettext(
                "%(city)s: a gap data file has errors and was not imported",
                "%(city)s: %(n)s gap data files have errors and were not imported",
                len(imports),
            )
            % {"city": city.name, "n": len(imports)},
            count=len(imports),
            oldest=imports[0].created,
            url=reverse("gaps:import_review", args=[city.slug, newest.pk]),
            detail=ngettext(
                "%(file)s: %(n)s problem to fix, then upload the file again.",
                "%(file)s: %(n)s problems to fix, then upload the file again.",
                problems,
            )
            % {"file": newest.filename, "n": problems},
        )
    # Figures that are getting old (one query for the periods, one for the cities' names and slugs).
    today = timezone.localdate()
    stale = {
        city_id: year
        for city_id, year in newest_period_years(city_ids).items()
        if is_stale(year, today, years=STALE_AFTER_YEARS)
    }
    if not stale:
        return
    for city in City.objects.filter(pk__in=stale).only("pk", "slug", "name", "name_en", "name_fr"):
        year = stale[city.pk]
        yield AttentionItem(
            key="gaps.stale",
            label=_("%(city)s: the newest gap figures are for %(year)s") % {"city": city.name, "year": year},
            count=1,
            # Waiting since the first day the figures counted as old.
            oldest=datetime.date(year + STALE_AFTER_YEARS + 1, 1, 1),
            url=reverse("gaps:data", args=[city.slug]),
            detail=_(
                "Add the figures of a more recent period, so that the gaps say where the city stands now."
            ),
        )
