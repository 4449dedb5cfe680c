"""Policy self-assessment tools: the public pages, under the public site's language prefixes
(/en/policy-tools/, /fr/policy-tools/): included by icc/public/urls.py as the namespace public:policytools."""

from django.urls import URLPattern, URLResolver, path

from icc.policytools import public_views

app_name = "policytools"

urlpatterns: list[URLPattern | URLResolver] = [
    path("diversity-advantage/", public_views.diversity_advantage, name="diversity_advantage"),
    path(
        "diversity-advantage/result/",
        public_views.diversity_advantage_result,
        name="diversity_advantage_result",
    ),
    path("diversity-advantage/saved/<str:token>/", public_views.saved_result, name="saved_result"),
    path(
        "diversity-advantage/saved/<str:token>/erase/",
        public_views.saved_result_erase,
        name="saved_result_erase",
    ),
]
