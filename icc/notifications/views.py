from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from icc.core.forms import apply_validation_error
from icc.notifications import services
from icc.notifications.forms import PreferencesForm
from icc.notifications.selectors import notifications_for, preferences_for


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(notifications_for(request.user), 50).get_page(request.GET.get("page"))  # type: ignore[arg-type]
    return render(request, "notifications/list.html", {"page": page})


@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Open a notice: it is read, and the person lands where the work is."""
    notice = get_object_or_404(notifications_for(request.user), pk=pk)  # type: ignore[arg-type]
    if request.method == "POST":
        services.notification_mark_read(user=request.user, notification_id=notice.pk)  # type: ignore[arg-type]
        if notice.link and url_has_allowed_host_and_scheme(notice.link, allowed_hosts=None):
            return redirect(notice.link)
        return redirect("notifications:list")
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read(request: HttpRequest) -> HttpResponse:
    pk = request.POST.get("notification")
    if pk is not None and not pk.isdigit():
        messages.error(request, _("Choose a notice to mark read."))
        return redirect("notifications:list")
    count = services.notification_mark_read(
        user=request.user,  # type: ignore[arg-type]
        notification_id=int(pk) if pk is not None else None,
    )
    if pk is None:
        messages.success(request, _("Every notice is marked read."))
    elif count:
        messages.success(request, _("Marked read."))
    return redirect("notifications:list")


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(request.POST or None, initial_choices=preferences_for(request.user))  # type: ignore[arg-type]
    if request.method == "POST" and form.is_valid():
        try:
            services.preferences_set(user=request.user, choices=form.cleaned_data, by=request.user)  # type: ignore[arg-type]
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Your notification preferences are saved."))
            return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})
