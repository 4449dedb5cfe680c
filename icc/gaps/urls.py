"""The gap tool's back-office pages, under /gaps/: a city's import and hand entry (icc/gaps/views/data.py)
and its reading pages (the city's gaps, an indicator's history, publication: their own view modules)."""

from django.urls import URLPattern, URLResolver, path

from icc.gaps.views import data, publication, reading

app_name = "gaps"

urlpatterns: list[URLPattern | URLResolver] = [
    # Reading a city's gaps (the city's people and the secretariat), and publishing them.
    path("", reading.gap_cities, name="cities"),
    path("<slug:slug>/", reading.city_gaps, name="city_gaps"),
    path("<slug:slug>/gaps.<str:fmt>", reading.city_gaps_download, name="city_gaps_download"),
    path("<slug:slug>/indicators/<slug:key>/", reading.indicator_history, name="indicator_history"),
    path(
        "<slug:slug>/indicators/<slug:key>.<str:fmt>",
        reading.indicator_history_download,
        name="indicator_history_download",
    ),
    path("<slug:slug>/publication/", publication.city_gaps_publication_view, name="publication"),
    # The city's figures: entry by hand, import from a file, the figures in the gap format.
    path("<slug:slug>/data/", data.data, name="data"),
    path("<slug:slug>/data/gap-data.csv", data.data_csv, name="data_csv"),
    path("<slug:slug>/data/history/", data.data_history, name="data_history"),
    path("<slug:slug>/data/enter/", data.entry, name="entry"),
    path("<slug:slug>/data/groups/new/", data.group_add, name="group_add"),
    path("<slug:slug>/data/<int:pk>/delete/", data.observation_remove, name="observation_remove"),
    path("<slug:slug>/import/", data.import_upload, name="import_upload"),
    path("<slug:slug>/import/<int:pk>/", data.import_review, name="import_review"),
]
