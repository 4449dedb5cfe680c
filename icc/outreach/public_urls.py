"""News and the newsletter on the public site, under the language prefixes (/en/news/, /fr/news/): included
by icc/public/urls.py as the namespace public:outreach (views/public.py)."""

from django.urls import URLPattern, URLResolver, path

from icc.outreach.views import public

app_name = "outreach"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", public.news_list, name="news_list"),
    path("feed.atom", public.news_feed, name="news_feed"),
    path("<int:pk>/", public.news_detail, name="news_detail"),
    path("newsletter/", public.subscribe, name="subscribe"),
    path("newsletter/check-your-inbox/", public.subscribe_sent, name="subscribe_sent"),
    path("newsletter/confirm/<str:token>/", public.confirm, name="confirm"),
    path("newsletter/unsubscribe/<str:token>/", public.unsubscribe, name="unsubscribe"),
]
