from django.urls import URLPattern, URLResolver, path

from icc.practices.views import work

app_name = "practices"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", work.practice_list, name="list"),
    path("new/", work.practice_create, name="create"),
    path("<int:pk>/", work.practice_detail, name="detail"),
    path("<int:pk>/edit/", work.practice_edit, name="edit"),
    path("<int:pk>/questions/<int:question_pk>/answer/", work.question_answer, name="answer"),
    path("<int:pk>/files/<str:kind>/<int:file_pk>/", work.practice_file, name="file"),
    path("<int:pk>/<str:action>/", work.practice_action, name="action"),
]
