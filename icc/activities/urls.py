from django.urls import URLPattern, URLResolver, path

from icc.activities.views import events, money, participants, programme

app_name = "activities"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", events.event_list, name="event_list"),
    path("events/new/", events.event_create, name="event_create"),
    path("events/<int:pk>/", events.event_detail, name="event_detail"),
    path("events/<int:pk>/edit/", events.event_edit, name="event_edit"),
    path("events/<int:pk>/status/", events.event_status, name="event_status"),
    path("events/<int:pk>/invite-city/", events.invite_city, name="invite_city"),
    path("events/<int:pk>/invite/", events.invite_person, name="invite_person"),
    path("events/<int:pk>/register/", events.register, name="register"),
    path("events/<int:pk>/registrations/", events.registrations, name="registrations"),
    path(
        "events/<int:pk>/registrations/<int:registration_pk>/attendance/",
        events.attendance,
        name="attendance",
    ),
    path("events/<int:pk>/documents/", events.document_upload, name="document_upload"),
    path("events/<int:pk>/documents/<int:document_pk>/", events.document_download, name="document_download"),
    path("registrations/<int:pk>/", participants.registration_detail, name="registration_detail"),
    path("registrations/<int:pk>/funding/", participants.funding_request, name="funding_request"),
    path("registrations/<int:pk>/follow-up/", participants.follow_up, name="follow_up"),
    path("registrations/<int:pk>/claim/", participants.claim, name="claim"),
    path("registrations/<int:pk>/feedback/", participants.feedback, name="feedback"),
    path("registrations/<int:pk>/accept/", participants.accept, name="accept"),
    path("registrations/<int:pk>/cancel/", participants.cancel, name="cancel"),
    path("registrations/<int:pk>/certificate.pdf", participants.certificate, name="certificate"),
    path(
        "registrations/<int:pk>/receipts/<int:receipt_pk>/",
        participants.receipt_download,
        name="receipt_download",
    ),
    path("mine/", participants.my_registrations, name="my_registrations"),
    path("mine/calendar-key/", participants.my_key_renew, name="my_key_renew"),
    path("me/<str:key>/renew/", participants.contact_key_renew_view, name="contact_key_renew"),
    path("me/<str:key>/", participants.contact_page, name="contact_page"),
    path("me/<str:key>.ics", participants.contact_feed, name="contact_feed"),
    path("funding/", money.funding_list, name="funding_list"),
    path("funding/<int:pk>/decide/", money.funding_decide, name="funding_decide"),
    path("claims/", money.claim_list, name="claim_list"),
    path("claims/<int:pk>/", money.claim_detail, name="claim_detail"),
    path("programme/", programme.programme, name="programme"),
    path("programme/<int:pk>/status/", programme.programme_item_status, name="programme_item_status"),
    path("figures/", programme.figures, name="figures"),
]
