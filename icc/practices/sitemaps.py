"""The collection's public pages in the public site's sitemap.xml (icc/public/views/sitemaps.py): the
catalogue, the briefs and innovations lists, each public practice, brief and innovation, in both languages."""

from __future__ import annotations

import datetime

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from icc.practices.models import Innovation, PolicyBrief, Practice

Entry = tuple[str, tuple[object, ...], datetime.datetime | None]


class PracticesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    priority = 0.5

    def items(self) -> list[Entry]:
        pages: list[Entry] = [
            ("public:practices:catalogue", (), None),
            ("public:practices:brief_list", (), None),
            ("public:practices:innovation_list", (), None),
        ]
        practices: list[Entry] = [
            ("public:practices:detail", (pk,), when)
            for pk, when in Practice.objects.public().order_by("pk").values_list("pk", "published_at")
        ]
        briefs: list[Entry] = [
            ("public:practices:brief_detail", (pk,), when)
            for pk, when in PolicyBrief.objects.public().order_by("pk").values_list("pk", "published_at")
        ]
        innovations: list[Entry] = [
            ("public:practices:innovation_detail", (key,), None)
            for key in Innovation.objects.order_by("key").values_list("key", flat=True)
        ]
        return pages + practices + briefs + innovations

    def location(self, item: Entry) -> str:
        return reverse(item[0], args=item[1])

    def lastmod(self, item: Entry) -> datetime.datetime | None:
        return item[2]
