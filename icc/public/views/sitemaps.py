"""`sitemap.xml` and `robots.txt`: public pages only (cities, published rounds, published versions)."""

import datetime
from typing import Any

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from icc.evaluations.sitemaps import EvaluationsSitemap
from icc.index.models import Round
from icc.network.models import City
from icc.practices.sitemaps import PracticesSitemap
from icc.public.selectors import open_data
from icc.public.selectors.questionnaires import public_version_keys
from icc.public.selectors.results import rounds_newest_first


class PublicSitemap(Sitemap):
    """Every public page in English and in French (/en/..., /fr/...), each listing the other as its
    hreflang alternate, and the English one as x-default."""

    i18n = True
    alternates = True
    x_default = True


class PagesSitemap(PublicSitemap):
    priority = 0.8

    def items(self) -> list[str]:
        return [
            "public:home",
            "public:city_list",
            "public:rankings",
            "public:compare",
            "public:methodology",
            "public:questionnaire_list",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class CitiesSitemap(PublicSitemap):
    priority = 0.6

    def items(self) -> QuerySet[City]:
        return City.objects.public().only("slug").order_by("slug")

    def location(self, item: City) -> str:
        return reverse("public:city_detail", args=[item.slug])


class RoundsSitemap(PublicSitemap):
    """One ranking per published round."""

    priority = 0.5

    def items(self) -> list[Round]:
        return rounds_newest_first()

    def location(self, item: Round) -> str:
        return f"{reverse('public:rankings')}?round={item.pk}"


class QuestionnairesSitemap(PublicSitemap):
    priority = 0.4

    def items(self) -> list[str]:
        return public_version_keys()

    def location(self, item: str) -> str:
        return reverse("public:questionnaire_detail", args=[item])


class DataSitemap(PublicSitemap):
    """Open data: /data/ and its dictionary, and each published round's data package, with the date their
    files last changed (the Last-Modified of the downloads), so harvesters come back when data change."""

    priority = 0.7

    def items(self) -> list[tuple[str, int | None, datetime.datetime | None]]:
        harvest = open_data.harvest_rows(open_data.round_rows())
        changed = open_data.data_last_modified(harvest)
        pages: list[tuple[str, int | None, datetime.datetime | None]] = [
            ("public:data", None, changed),
            ("public:data_dictionary", None, changed),
        ]
        packages = [
            ("public:data_round_package", h.row.round.pk, h.modified)
            for h in harvest
            if h.row.published_cities
        ]
        return pages + packages

    def location(self, item: tuple[str, int | None, datetime.datetime | None]) -> str:
        name, round_id, _changed = item
        return reverse(name, args=[round_id] if round_id is not None else [])

    def lastmod(self, item: tuple[str, int | None, datetime.datetime | None]) -> datetime.datetime | None:
        return item[2]


SITEMAPS: dict[str, Any] = {
    "pages": PagesSitemap,
    "cities": CitiesSitemap,
    "rounds": RoundsSitemap,
    "questionnaires": QuestionnairesSitemap,
    "data": DataSitemap,
    "practices": PracticesSitemap,
    "evaluations": EvaluationsSitemap,
}


@require_safe
def sitemap(request: HttpRequest) -> HttpResponse:
    return sitemap_view(request, sitemaps=SITEMAPS)


# The back office, the Index work and sign-in are not for search engines; everything else is (published
# report downloads under /reports/ included).
PRIVATE_PREFIXES = ("/manage/", "/index/", "/accounts/", "/admin/", "/i18n/", "/practices/work/")


@require_safe
def robots(request: HttpRequest) -> HttpResponse:
    # The questionnaire versions of published rounds, in the interchange format, are open data that
    # lives under /index/: allowed one by one, before the Disallow lines, so that both kinds of robots
    # parser (longest match wins, first match wins) let them through and nothing else under /index/.
    allowed = [reverse("index:questionnaire_json", args=[key]) for key in public_version_keys()]
    lines = [
        "User-agent: *",
        *(f"Allow: {path}" for path in allowed),
        *(f"Disallow: {prefix}" for prefix in PRIVATE_PREFIXES),
    ]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
