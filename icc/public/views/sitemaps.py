"""`sitemap.xml` and `robots.txt`: public pages only (cities, published rounds, published versions)."""

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from icc.index.models import Round
from icc.network.models import City
from icc.public.selectors.questionnaires import public_version_keys
from icc.public.selectors.results import rounds_newest_first


class PagesSitemap(Sitemap):
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


class CitiesSitemap(Sitemap):
    priority = 0.6

    def items(self) -> QuerySet[City]:
        return City.objects.public().only("slug").order_by("slug")

    def location(self, item: City) -> str:
        return reverse("public:city_detail", args=[item.slug])


class RoundsSitemap(Sitemap):
    """One ranking per published round."""

    priority = 0.5

    def items(self) -> list[Round]:
        return rounds_newest_first()

    def location(self, item: Round) -> str:
        return f"{reverse('public:rankings')}?round={item.pk}"


class QuestionnairesSitemap(Sitemap):
    priority = 0.4

    def items(self) -> list[str]:
        return public_version_keys()

    def location(self, item: str) -> str:
        return reverse("public:questionnaire_detail", args=[item])


SITEMAPS: dict[str, Any] = {
    "pages": PagesSitemap,
    "cities": CitiesSitemap,
    "rounds": RoundsSitemap,
    "questionnaires": QuestionnairesSitemap,
}


@require_safe
def sitemap(request: HttpRequest) -> HttpResponse:
    return sitemap_view(request, sitemaps=SITEMAPS)


# The back office, the Index work and sign-in are not for search engines; everything else is (published
# report downloads under /reports/ included).
PRIVATE_PREFIXES = ("/manage/", "/index/", "/accounts/", "/admin/", "/i18n/")


@require_safe
def robots(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {prefix}" for prefix in PRIVATE_PREFIXES)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('public:sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
