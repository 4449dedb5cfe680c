from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

# Static files are served by WhiteNoise (from the app folders while DEBUG is on).
urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("icc.accounts.urls")),
    path("admin/", admin.site.urls),
    path("index/", include("icc.index.urls")),
    path("", include("icc.network.urls")),
]
