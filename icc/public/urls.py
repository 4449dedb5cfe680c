from django.urls import URLPattern, URLResolver, path

from icc.public.views import home

app_name = "public"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", home.home, name="home"),
]
