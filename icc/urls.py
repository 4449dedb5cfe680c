from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path

from icc.api.api import api, unknown_endpoint
from icc.public.views import sitemaps

# A request refused before any view (a forged Host header...): JSON under /api/, the site's page elsewhere.
handler400 = "icc.api.api.bad_request"

# Static files are served by WhiteNoise (from the app folders while DEBUG is on).
urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("icc.accounts.urls")),
    path("admin/", admin.site.urls),
    path("index/", include("icc.index.urls")),
    path("gaps/", include("icc.gaps.urls")),
    path("experts/", include("icc.experts.urls")),
    path("activities/", include("icc.activities.urls")),
    path("clusters/", include("icc.clusters.urls")),
    path("practices/work/", include("icc.practices.urls")),
    path("reports/", include("icc.reports.urls")),
    path("strategies/", include("icc.strategies.urls")),
    path("evaluations/", include("icc.evaluations.urls")),
    path("policy-tools/", include("icc.policytools.urls")),
    path("programme/", include("icc.programme.urls")),
    path("funding/", include("icc.funding.urls")),
    path("outreach/", include("icc.outreach.urls")),
    path("impact/", include("icc.impact.urls")),
    path("surveys/", include("icc.surveys.urls")),
    path("learning/", include("icc.learning.urls")),
    path("manage/", include("icc.network.urls")),
    path("notifications/", include("icc.notifications.urls")),
    path("api/v1/", api.urls),  # the JSON API (icc/api/api.py), its OpenAPI document and docs
    re_path(r"^api/(?P<rest>.*)$", unknown_endpoint),
    # Robots read these two at the root, whatever the language.
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("robots.txt", sitemaps.robots, name="robots"),
]
# The public site (home, city pages, comparisons, rankings, open data) has its language in the address,
# /en/... and /fr/..., so that a French page can be shared as French; an address without it redirects
# permanently to the reader's language (icc.public.middleware). The back office and the API stay as they are.
urlpatterns += i18n_patterns(path("", include("icc.public.urls")))
