"""The published evaluation reports in the public site's sitemap.xml (icc/public/views/sitemaps.py): the list
and
each published report, in both languages; the same rule as the pages, `Evaluation.objects.public()`."""

from __future__ import annotations

import datetime

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from icc.evaluations.models import Evaluation

Entry = tuple[str, tuple[object, ...], datetime.datetime | None]


class EvaluationsSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    priority = 0.4

    def items(self) -> list[Entry]:
        reports: list[Entry] = [
            ("public:evaluations:detail", (pk,), when)
            for pk, when in Evaluation.objects.public()
            .order_by("pk")
            .values_list("pk", "report__published_at")
        ]
        return [("public:evaluations:list", (), None), *reports]

    def location(self, item: Entry) -> str:
        name, args, _when = item
        return reverse(name, args=args)

    def lastmod(self, item: Entry) -> datetime.datetime | None:
        return item[2]
