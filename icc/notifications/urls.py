from django.urls import path

from icc.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/", views.notification_open, name="open"),
    path("read/", views.notification_read, name="read"),
    path("preferences/", views.preferences, name="preferences"),
]
