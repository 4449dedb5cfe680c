"""The initiation course: the public pages, under the public site's language prefixes
(/en/learning/, /fr/learning/): included by icc/public/urls.py as the namespace public:learning."""

from django.urls import URLPattern, URLResolver, path

from icc.learning import views

app_name = "learning"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.public_catalogue, name="catalogue"),
    path("certificates/<str:code>/", views.public_certificate, name="certificate"),
]
