"""City strategies and results-based accountability: the pages for signed-in people, under /strategies/."""

from django.urls import URLPattern, URLResolver, path

from icc.strategies import views

app_name = "strategies"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.strategy_list, name="strategy_list"),
    path("new/", views.strategy_create, name="strategy_create"),
    path("<int:pk>/", views.strategy_detail, name="strategy_detail"),
    path("<int:pk>/edit/", views.strategy_edit, name="strategy_edit"),
    path("<int:pk>/status/", views.strategy_status, name="strategy_status"),
    path("<int:pk>/publish/", views.strategy_publish, name="strategy_publish"),
    path("<int:pk>/history/", views.strategy_history, name="strategy_history"),
    path("<int:pk>/scorecard/", views.scorecard, name="scorecard"),
    path("<int:pk>/versions/", views.version_add, name="version_add"),
    path("<int:pk>/versions/<int:version_pk>/", views.version_detail, name="version_detail"),
    path("<int:pk>/documents/<int:doc_pk>/", views.document_download, name="document_download"),
    path("<int:pk>/members/", views.member_add, name="member_add"),
    path("<int:pk>/members/<int:member_pk>/remove/", views.member_remove, name="member_remove"),
    path("<int:pk>/results/new/", views.result_edit, name="result_create"),
    path("<int:pk>/results/<int:result_pk>/edit/", views.result_edit, name="result_edit"),
    path("<int:pk>/results/<int:result_pk>/card.pdf", views.report_card_pdf, name="report_card_pdf"),
    path("<int:pk>/results/<int:result_pk>/indicators/new/", views.indicator_edit, name="indicator_create"),
    path("<int:pk>/indicators/<int:indicator_pk>/", views.indicator_detail, name="indicator_detail"),
    path("<int:pk>/indicators/<int:indicator_pk>/edit/", views.indicator_edit, name="indicator_edit"),
    path("<int:pk>/indicators/<int:indicator_pk>/curve/", views.curve_edit, name="curve_edit"),
    path("<int:pk>/indicators/<int:indicator_pk>/forecast/", views.forecast_edit, name="forecast_edit"),
    path(
        "<int:pk>/indicators/<int:indicator_pk>/refresh/", views.indicator_refresh, name="indicator_refresh"
    ),
    path("<int:pk>/indicators/<int:indicator_pk>/actions/new/", views.action_edit, name="action_create"),
    path("<int:pk>/actions/<int:action_pk>/edit/", views.action_edit, name="action_edit"),
    path("<int:pk>/actions/<int:action_pk>/update/", views.action_update, name="action_update"),
    path("<int:pk>/series/<str:kind>/<int:owner_pk>/points/", views.point_add, name="point_add"),
    path("<int:pk>/series/<str:kind>/<int:owner_pk>/targets/", views.target_add, name="target_add"),
    path("<int:pk>/points/<int:point_pk>/", views.point_edit, name="point_edit"),
    path("<int:pk>/programmes/new/", views.programme_edit, name="programme_create"),
    path("<int:pk>/programmes/<int:programme_pk>/edit/", views.programme_edit, name="programme_edit"),
    path("<int:pk>/programmes/<int:programme_pk>/measures/new/", views.measure_edit, name="measure_create"),
    path("<int:pk>/measures/<int:measure_pk>/", views.measure_detail, name="measure_detail"),
    path("<int:pk>/measures/<int:measure_pk>/edit/", views.measure_edit, name="measure_edit"),
]
