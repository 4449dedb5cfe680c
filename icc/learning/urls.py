"""The initiation course: the pages for signed-in people, under /learning/."""

from django.urls import URLPattern, URLResolver, path

from icc.learning import views

app_name = "learning"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("manage/", views.manage, name="manage"),
    path("new/", views.course_new, name="course_new"),
    path("versions/<int:pk>/", views.version, name="version"),
    path("versions/<int:pk>/move/", views.version_move, name="version_move"),
    path("versions/<int:pk>/new-version/", views.lesson_new_version, name="lesson_new_version"),
    path("versions/<int:pk>/questions/", views.question_add, name="question_add"),
    path("versions/<int:pk>/images/", views.image_add, name="image_add"),
    path("versions/<int:pk>/history/", views.version_history, name="version_history"),
    path("images/<int:pk>/", views.image, name="image"),
    path("<slug:slug>/", views.course, name="course"),
    path("<slug:slug>/enrol/", views.enrol, name="enrol"),
    path("<slug:slug>/edit/", views.course_edit, name="course_edit"),
    path("<slug:slug>/publish/", views.course_publish, name="course_publish"),
    path("<slug:slug>/history/", views.course_history, name="course_history"),
    path("<slug:slug>/lessons/new/", views.lesson_new, name="lesson_new"),
    path("<slug:slug>/lessons/<int:order>/", views.lesson, name="lesson"),
    path("<slug:slug>/certificate.pdf", views.certificate_download, name="certificate"),
]
