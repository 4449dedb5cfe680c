"""City strategies: the public pages, under the public site's language prefixes
(/en/strategies/, /fr/strategies/): included by icc/public/urls.py as the namespace public:strategies."""

from django.urls import URLPattern, URLResolver, path, re_path

from icc.strategies import public_views

app_name = "strategies"
CITY = r"(?P<slug>[-a-zA-Z0-9_]*[-a-zA-Z_][-a-zA-Z0-9_]*)"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", public_views.strategy_list, name="strategy_list"),
    # A city's slug has a letter: a number here is a back-office strategy's id (/strategies/<id>/), and
    # the language redirect must not send a refused back-office address to a public one.
    re_path(rf"^{CITY}/$", public_views.city_strategy, name="city_strategy"),
    re_path(
        rf"^{CITY}/results/(?P<result_pk>[0-9]+)/card\.pdf$",
        public_views.report_card_pdf,
        name="report_card_pdf",
    ),
]
