"""The public collection, under the public site's language prefixes (/en/practices/, /fr/practices/):
included by icc/public/urls.py as the namespace public:practices."""

from django.urls import URLPattern, URLResolver, path

from icc.practices.views import briefs, innovations, public

app_name = "practices"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", public.practice_catalogue, name="catalogue"),
    path("feed.atom", public.practice_feed, name="feed"),
    path("practices.<str:fmt>", public.practices_data, name="data"),
    path("<int:pk>/", public.practice_public_detail, name="detail"),
    path("innovations/", innovations.public_innovation_list, name="innovation_list"),
    path("innovations/<slug:key>/", innovations.public_innovation_detail, name="innovation_detail"),
    path("briefs/", briefs.public_brief_list, name="brief_list"),
    path("briefs/<int:pk>/", briefs.public_brief_detail, name="brief_detail"),
    path("briefs/<int:pk>.pdf", briefs.public_brief_pdf, name="brief_pdf"),
    path("questions/<str:question_id>/", public.practice_question, name="question"),
    path("<int:pk>/files/<str:kind>/<int:file_pk>/", public.practice_public_file, name="file"),
]
