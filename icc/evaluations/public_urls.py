"""Evaluations of strategies' implementation: the public pages, under the public site's language prefixes
(/en/evaluations/, /fr/evaluations/): included by icc/public/urls.py as the namespace public:evaluations."""

from django.urls import URLPattern, URLResolver, path

from icc.evaluations.views import public

app_name = "evaluations"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", public.public_list, name="list"),
    path("reports/<int:pk>/", public.public_detail, name="detail"),
    path("reports/<int:pk>/report.pdf", public.public_pdf, name="pdf"),
]
