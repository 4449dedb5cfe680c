"""City strategies: the public pages, under the public site's language prefixes
(/en/strategies/, /fr/strategies/): included by icc/public/urls.py as the namespace public:strategies."""

from django.urls import URLPattern, URLResolver, path

from icc.strategies import public_views

app_name = "strategies"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", public_views.strategy_list, name="strategy_list"),
    path("<slug:slug>/", public_views.city_strategy, name="city_strategy"),
    path(
        "<slug:slug>/results/<int:result_pk>/card.pdf", public_views.report_card_pdf, name="report_card_pdf"
    ),
]
