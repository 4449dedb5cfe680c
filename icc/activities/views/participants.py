"""A participant's pages: their registration (funding request, travel details, reimbursement claim,
feedback, certificate, cancelling), their registrations, and their private page and calendar feed (the
address with their key, for people without an account)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icc.accounts.models import User
from icc.activities.forms import ClaimForm, FeedbackForm, FollowUpForm, FundingRequestForm
from icc.activities.models import (
    ClaimReceipt,
    ClaimStatus,
    Contact,
    EventStatus,
    FundingStatus,
    Registration,
    RegistrationStatus,
)
from icc.activities.selectors import access
from icc.activities.selectors import events as selectors
from icc.activities.selectors.certificates import certificate_filename, certificate_pdf
from icc.activities.selectors.ical import ICAL_TYPE, events_ical
from icc.activities.services import funding as funding_services
from icc.activities.services import participation
from icc.activities.services.registrations import (
    contact_for_user,
    contact_key_renew,
    registration_cancel,
    registration_confirm,
)
from icc.activities.views import me
from icc.core.downloads import attachment_response
from icc.core.forms import apply_validation_error
from icc.core.history import history_entries


def _forms(registration: Registration) -> dict[str, object]:
    """Which forms the participant's page offers now, from the registration's state."""
    funding = getattr(registration, "funding", None)
    claim = getattr(registration, "claim", None)
    event = registration.event
    now = timezone.now()
    held = registration.status == RegistrationStatus.REGISTERED
    forms: dict[str, object] = {}
    open_request = funding is None or funding.status == FundingStatus.REQUESTED
    if held and event.funding_ceiling > 0 and open_request and event.ends_at > now:
        initial = (
            {"travel": funding.travel_requested, "subsistence": funding.subsistence_requested}
            if funding
            else {}
        )
        forms["funding_form"] = FundingRequestForm(initial=initial)
    if funding is not None and funding.status == FundingStatus.APPROVED:
        if event.ends_at > now or registration.follow_up_at:
            forms["follow_up_form"] = FollowUpForm(
                initial={
                    "itinerary": registration.itinerary,
                    "arrival_at": registration.arrival_at,
                    "departure_at": registration.departure_at,
                }
            )
        claimable = claim is None or claim.status == ClaimStatus.RETURNED
        if event.ends_at <= now and registration.attended is not False and claimable:
            forms["claim_form"] = ClaimForm()
    if registration.attended is True and getattr(registration, "feedback", None) is None:
        forms["feedback_form"] = FeedbackForm()
    return forms


def _page(request: HttpRequest, pk: int, **bound: object) -> HttpResponse:
    registration, organiser = access.get_registration_for_user(request, pk)
    context: dict[str, object] = {
        "registration": registration,
        "event": registration.event,
        "organiser": organiser,
        "funding": getattr(registration, "funding", None),
        "claim": getattr(registration, "claim", None),
        "feedback": getattr(registration, "feedback", None),
        "may_cancel": registration.status
        in (RegistrationStatus.INVITED, RegistrationStatus.REGISTERED, RegistrationStatus.WAITING)
        and registration.event.starts_at > timezone.now(),
        "may_accept": registration.status
        in (RegistrationStatus.INVITED, RegistrationStatus.DECLINED, RegistrationStatus.CANCELLED)
        and registration.event.status == EventStatus.PUBLISHED
        and registration.event.starts_at > timezone.now(),
        "history": history_entries(registration),
    }
    context.update(_forms(registration))
    context.update(bound)
    status = 400 if bound else 200
    return render(request, "activities/registration_detail.html", context, status=status)


def registration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, pk)


@require_POST
def funding_request(request: HttpRequest, pk: int) -> HttpResponse:
    registration, _organiser = access.get_registration_for_user(request, pk)
    form = FundingRequestForm(request.POST)
    if form.is_valid():
        try:
            funding_services.funding_request(
                actor=_actor(request),
                registration=registration,
                travel=form.cleaned_data["travel"],
                subsistence=form.cleaned_data["subsistence"],
                note=form.cleaned_data["note"],
            )
            messages.success(request, _("Your request is sent to the secretariat."))
            return redirect("activities:registration_detail", pk)
        except ValidationError as error:
            apply_validation_error(form, error)
    return _page(request, pk, funding_form=form)


@require_POST
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    registration, _organiser = access.get_registration_for_user(request, pk)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        try:
            funding_services.follow_up_submit(
                actor=_actor(request), registration=registration, **form.cleaned_data
            )
            messages.success(request, _("Your travel details are saved."))
            return redirect("activities:registration_detail", pk)
        except ValidationError as error:
            apply_validation_error(form, error)
    return _page(request, pk, follow_up_form=form)


@require_POST
def claim(request: HttpRequest, pk: int) -> HttpResponse:
    registration, _organiser = access.get_registration_for_user(request, pk)
    form = ClaimForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            funding_services.claim_submit(
                actor=_actor(request),
                registration=registration,
                travel=form.cleaned_data["travel"],
                subsistence=form.cleaned_data["subsistence"],
                note=form.cleaned_data["note"],
                receipts=form.cleaned_data["receipts"],
            )
            messages.success(request, _("Your claim is sent to the secretariat."))
            return redirect("activities:registration_detail", pk)
        except ValidationError as error:
            apply_validation_error(form, error)
    return _page(request, pk, claim_form=form)


@require_POST
def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    registration, _organiser = access.get_registration_for_user(request, pk)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            participation.feedback_give(actor=_actor(request), registration=registration, **form.cleaned_data)
            messages.success(request, _("Thank you for your feedback."))
            return redirect("activities:registration_detail", pk)
        except ValidationError as error:
            apply_validation_error(form, error)
    return _page(request, pk, feedback_form=form)


@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    """An invited person takes a place (or, full, a place on the waiting list); so does one who declined or
    cancelled and changes their mind before the event."""
    registration, _organiser = access.get_registration_for_user(request, pk)
    try:
        registration = registration_confirm(registration=registration, actor=_actor(request))
        messages.success(
            request, _("Your registration: %(status)s.") % {"status": registration.get_status_display()}
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("activities:registration_detail", pk)


@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    registration, _organiser = access.get_registration_for_user(request, pk)
    try:
        decline = registration.status == RegistrationStatus.INVITED
        registration_cancel(registration=registration, actor=_actor(request), decline=decline)
        messages.success(request, _("Your registration is cancelled."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    return redirect("activities:registration_detail", pk)


def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    registration, _organiser = access.get_registration_for_user(request, pk)
    if registration.attended is not True:
        raise Http404
    response = HttpResponse(certificate_pdf(registration), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate_filename(registration)}"'
    return response


def receipt_download(request: HttpRequest, pk: int, receipt_pk: int) -> FileResponse:
    registration, _organiser = access.get_registration_for_user(request, pk)
    receipt = get_object_or_404(ClaimReceipt, pk=receipt_pk, claim__registration=registration)
    return attachment_response(receipt.file, receipt.name)


def _actor(request: HttpRequest) -> User | None:
    return me(request) if request.user.is_authenticated else None


@login_required
def my_registrations(request: HttpRequest) -> HttpResponse:
    rows = selectors.own_registrations(access.contacts_of_request(request))
    own = Contact.objects.filter(user=me(request)).order_by("pk").first()
    feed_url = ""
    if own is not None and own.calendar_token:
        feed_url = request.build_absolute_uri(reverse("activities:contact_feed", args=[own.calendar_token]))
    return render(request, "activities/my_registrations.html", {"rows": rows, "feed_url": feed_url})


@login_required
@require_POST
def my_key_renew(request: HttpRequest) -> HttpResponse:
    """The signed-in person's private calendar address, created or renewed."""
    contact_key_renew(contact=contact_for_user(user=me(request)), actor=me(request))
    messages.success(request, _("Your calendar has a new address: subscribe again with it."))
    return redirect("activities:my_registrations")


@require_POST
def contact_key_renew_view(request: HttpRequest, key: str) -> HttpResponse:
    """A new private address for a person without an account, from their page; the old one stops working."""
    contact = _contact_by_key(key)
    new_key = contact_key_renew(contact=contact, actor=_actor(request))
    messages.success(request, _("Your page has a new address: keep it, the old one no longer works."))
    return redirect("activities:contact_page", new_key)


def _contact_by_key(key: str) -> Contact:
    if len(key) < 20:
        raise Http404
    contact = Contact.objects.filter(calendar_token=key).first()
    if contact is None:
        raise Http404
    return contact


def contact_page(request: HttpRequest, key: str) -> HttpResponse:
    """A person's own page at their private address: their registrations; this browser may then act for
    them (the key is the credential, as for the experts' calendar feeds)."""
    contact = _contact_by_key(key)
    access.remember_contact(request, contact)
    rows = selectors.own_registrations([contact.pk])
    response = render(
        request,
        "activities/contact_page.html",
        {
            "contact": contact,
            "rows": rows,
            "feed_url": request.build_absolute_uri(f"{request.path.rstrip('/')}.ics"),
        },
    )
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


def contact_feed(request: HttpRequest, key: str) -> HttpResponse:
    """The person's own events as an iCal feed at their private address (calendar programs cannot sign in)."""
    contact = _contact_by_key(key)
    registrations = selectors.own_registrations([contact.pk])
    events = [
        r.event
        for r in registrations
        if r.status in (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING, RegistrationStatus.INVITED)
    ]
    body = events_ical(events, name=_("My events: %(name)s") % {"name": contact.full_name})
    response = HttpResponse(body, content_type=ICAL_TYPE)
    response["Content-Disposition"] = 'inline; filename="my-events.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
