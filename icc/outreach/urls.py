"""News and the newsletter for the secretariat, under /outreach/ (views/manage.py)."""

from django.urls import URLPattern, URLResolver, path

from icc.outreach.views import manage

app_name = "outreach"

urlpatterns: list[URLPattern | URLResolver] = [
    path("news/", manage.news_list, name="news_list"),
    path("news/new/", manage.news_create, name="news_create"),
    path("news/<int:pk>/", manage.news_detail, name="news_detail"),
    path("news/<int:pk>/edit/", manage.news_edit, name="news_edit"),
    path("news/<int:pk>/status/", manage.news_status, name="news_status"),
    path("news/<int:pk>/history/", manage.news_history, name="news_history"),
    path("newsletter/", manage.newsletter, name="newsletter"),
    path("newsletter/new/", manage.issue_create, name="issue_create"),
    path("newsletter/<int:pk>/", manage.issue_detail, name="issue_detail"),
    path("newsletter/<int:pk>/edit/", manage.issue_edit, name="issue_edit"),
    path("newsletter/<int:pk>/send/", manage.issue_send, name="issue_send"),
    path("newsletter/<int:pk>/history/", manage.issue_history, name="issue_history"),
]
