from django.urls import URLPattern, URLResolver, path

from icc.practices.views import briefs, innovations, work

app_name = "practices"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", work.practice_list, name="list"),
    path("new/", work.practice_create, name="create"),
    path("<int:pk>/", work.practice_detail, name="detail"),
    path("<int:pk>/edit/", work.practice_edit, name="edit"),
    path("<int:pk>/questions/<int:question_pk>/answer/", work.question_answer, name="answer"),
    path("<int:pk>/files/<str:kind>/<int:file_pk>/", work.practice_file, name="file"),
    path("<int:pk>/<str:action>/", work.practice_action, name="action"),
    path("innovations/<slug:key>/", innovations.innovation_manage, name="innovation_manage"),
    path("briefs/", briefs.brief_list, name="brief_list"),
    path("briefs/new/", briefs.brief_edit, name="brief_create"),
    path("briefs/<int:pk>/", briefs.brief_detail, name="brief_detail"),
    path("briefs/<int:pk>/edit/", briefs.brief_edit, name="brief_edit"),
    path("briefs/<int:pk>/status/<str:status>/", briefs.brief_status, name="brief_status"),
]
