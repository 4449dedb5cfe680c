"""The programme's objectives, targets and risks: the public pages, under the public site's language prefixes
(/en/programme/, /fr/programme/): included by icc/public/urls.py as the namespace public:programme."""

from django.urls import URLPattern, URLResolver, path

from icc.programme import views

app_name = "programme"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.public_summary, name="summary"),
]
