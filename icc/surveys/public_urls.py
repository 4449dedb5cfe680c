"""Residents' questionnaires: the public pages, under the public site's language prefixes
(/en/surveys/, /fr/surveys/): included by icc/public/urls.py as the namespace public:surveys."""

from django.urls import URLPattern, URLResolver, path

from icc.surveys.views import public

app_name = "surveys"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", public.result_list, name="list"),
    path("<slug:city_slug>/<int:pk>/", public.answer, name="answer"),
    path("<slug:city_slug>/<int:pk>/thanks/", public.thanks, name="thanks"),
    path("<slug:city_slug>/<int:pk>/results/", public.results, name="results"),
    path("<slug:city_slug>/<int:pk>/results.<str:fmt>", public.results_export, name="results_export"),
]
