"""The city's coordinator (or the secretariat) publishes the city's gaps or withdraws them, after a
confirmation page that says what becomes public; a withdrawal shows on the public site at once (the
service moves the public content version on)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from icc.gaps.selectors.access import get_city_gaps_for_user
from icc.gaps.selectors.city import city_gap_counts
from icc.gaps.selectors.publication import city_gaps_publication
from icc.gaps.services.publication import city_gaps_publish, city_gaps_withdraw


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def city_gaps_publication_view(request: HttpRequest, slug: str) -> HttpResponse:
    city = get_city_gaps_for_user(request.user, slug, perm="gaps.publish_city_gaps")
    publication = city_gaps_publication(city)
    published = bool(publication and publication.published)
    if request.method != "POST":
        counts = city_gap_counts(city)
        context = {
            "city": city,
            "publication": publication,
            "published": published,
            "shown_count": counts.shown,
            "withheld_count": counts.withheld,
        }
        return render(request, "gaps/publication.html", context)
    try:
        if request.POST.get("action") == "withdraw":
            city_gaps_withdraw(city=city, by=request.user)
            messages.success(request, _("The gaps of %(city)s are no longer public.") % {"city": city.name})
        else:
            city_gaps_publish(city=city, by=request.user)
            messages.success(
                request,
                _("The gaps of %(city)s are published: they are on its public page and in the open data.")
                % {"city": city.name},
            )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("gaps:city_gaps", slug=city.slug)
