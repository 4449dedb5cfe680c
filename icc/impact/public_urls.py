"""Evidence of impact: the public pages, under the public site's language prefixes
(/en/impact/, /fr/impact/): included by icc/public/urls.py as the namespace public:impact."""

from django.urls import URLPattern, URLResolver, path

from icc.impact import views

app_name = "impact"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.public_study_list, name="study_list"),
    path("<int:pk>/", views.public_study_detail, name="study_detail"),
]
