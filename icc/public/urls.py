from django.urls import URLPattern, URLResolver, include, path

from icc.activities.views import public as events
from icc.clusters.views import public as clusters
from icc.public.views import audit, cities, compare, home, open_data, pages, rankings

app_name = "public"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", home.home, name="home"),
    # The public site: no sign-in; everything through icc.index.selectors.publication.
    path("cities/", cities.city_list, name="city_list"),
    path("cities/<slug:slug>/", cities.city_detail, name="city_detail"),
    path("cities/<slug:slug>/areas-<int:round_id>.<str:fmt>", cities.city_chart, name="city_chart"),
    path("cities/<slug:slug>/progress.<str:fmt>", cities.city_progress_chart, name="city_progress_chart"),
    path("compare/", compare.compare, name="compare"),
    path("compare.csv", compare.compare_csv, name="compare_csv"),
    path("compare/chart-<int:index>.<str:fmt>", compare.compare_chart, name="compare_chart"),
    path("rankings/", rankings.ranking_list, name="rankings"),
    path("practices/", include("icc.practices.public_urls")),
    path("strategies/", include("icc.strategies.public_urls")),
    path("evaluations/", include("icc.evaluations.public_urls")),
    path("policy-tools/", include("icc.policytools.public_urls")),
    path("programme/", include("icc.programme.public_urls")),
    path("funding/", include("icc.funding.public_urls")),
    path("news/", include("icc.outreach.public_urls")),  # news, its Atom feed and the newsletter
    path("impact/", include("icc.impact.public_urls")),
    path("surveys/", include("icc.surveys.public_urls")),
    path("learning/", include("icc.learning.public_urls")),
    # Learning clusters and the policy lab's open calls (icc/clusters/views/public.py).
    path("clusters/", clusters.cluster_list, name="cluster_list"),
    path("methodology/", pages.methodology, name="methodology"),
    # Public events of the programme (icc/activities/views/public.py): no sign-in needed to register.
    path("events/", events.event_list, name="event_list"),
    path("events/<int:pk>/", events.event_detail, name="event_detail"),
    path("events.ics", events.events_feed, name="events_feed"),
    path("data/events.csv", events.events_csv, name="data_events_csv"),
    path("questionnaires/", pages.questionnaire_list, name="questionnaire_list"),
    path("questionnaires/<slug:key>/", pages.questionnaire_detail, name="questionnaire_detail"),
    # Open data: stable addresses, keyed on the round's id (a name can be corrected, an id cannot).
    path("data/", open_data.data_index, name="data"),
    path("data/dictionary/", open_data.data_dictionary, name="data_dictionary"),
    path("data/cities.csv", open_data.cities_csv, name="data_cities_csv"),
    path("data/gaps.csv", open_data.gaps_csv, name="data_gaps_csv"),
    path("data/<int:round_id>/scores.<str:fmt>", open_data.round_scores, name="data_round_scores"),
    path("data/<int:round_id>/datapackage.json", open_data.round_package, name="data_round_package"),
    path("data/<int:round_id>/audit/", audit.round_audit, name="data_round_audit"),
    path("data/<int:round_id>/audit.pdf", audit.round_audit_pdf, name="data_round_audit_pdf"),
]
