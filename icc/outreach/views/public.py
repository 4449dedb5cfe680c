"""News and the newsletter on the public site (/en/news/, /fr/news/): the published news, each piece's page,
the Atom feed; the newsletter's subscription (double opt-in: the e-mailed link confirms), and the page of the
link in every issue that unsubscribes (one click from the mail program, RFC 8058). Only
`NewsItem.objects.public()`; no sign-in."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from icc.core.forms import apply_validation_error
from icc.core.throttling import form_allowed, honeypot_filled, too_many
from icc.outreach import selectors, services
from icc.outreach.forms import SubscribeForm
from icc.outreach.models import NewsItem, Subscriber, SubscriberStatus
from icc.public.page_cache import public_cache

PER_PAGE = 20


@require_safe
@public_cache
def news_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.public_news(), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "outreach/public/news_list.html", {"page": page})


@require_safe
@public_cache
def news_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(selectors.public_news(), pk=pk)
    paragraphs = [p.strip() for p in item.body.split("\n\n") if p.strip()]
    return render(request, "outreach/public/news_detail.html", {"item": item, "paragraphs": paragraphs})


class NewsFeed(Feed):
    """Atom feed of the news, in the language of its address."""

    feed_type = Atom1Feed

    def title(self) -> str:
        return _("Intercultural Cities: news")

    def subtitle(self) -> str:
        return _("News of the Intercultural Cities programme of the Council of Europe.")

    def link(self) -> str:
        return reverse("public:outreach:news_list")

    def items(self) -> list[NewsItem]:
        return list(selectors.public_news()[:50])

    def item_title(self, item: NewsItem) -> str:
        return item.title

    def item_description(self, item: NewsItem) -> str:
        return item.summary

    def item_link(self, item: NewsItem) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: NewsItem) -> datetime.datetime | None:
        return item.published_at

    def item_updateddate(self, item: NewsItem) -> datetime.datetime | None:
        return item.updated


news_feed = require_safe(public_cache(NewsFeed()))


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    form = SubscribeForm(request.POST or None, initial={"language": (get_language() or "en")[:2]})
    if request.method == "POST":
        if not form_allowed(request, scope="newsletter"):
            return too_many(request)
        if honeypot_filled(request):  # a robot: it is told what a person is told, nothing is written
            return redirect("public:outreach:subscribe_sent")
        if form.is_valid():
            try:
                services.subscription_request(
                    email=form.cleaned_data["email"], language=form.cleaned_data["language"]
                )
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                return redirect("public:outreach:subscribe_sent")
    return render(request, "outreach/public/subscribe.html", {"form": form})


@require_safe
def subscribe_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "outreach/public/subscribe_sent.html")


def _subscriber(token: str) -> Subscriber:
    subscriber = selectors.subscriber_for_token(token)
    if subscriber is None:
        raise Http404
    return subscriber


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link of the confirmation e-mail: a page with one button (a link checker that opens the link
    subscribes nobody), which confirms."""
    subscriber = _subscriber(token)
    error = ""
    if request.method == "POST":
        try:
            services.subscription_confirm(subscriber=subscriber)
        except ValidationError as exc:
            error = " ".join(exc.messages)
    return render(
        request,
        "outreach/public/confirm.html",
        {
            "subscriber": subscriber,
            "error": error,
            "confirmed": subscriber.status == SubscriberStatus.CONFIRMED,
        },
    )


# RFC 8058: the mail program posts "List-Unsubscribe=One-Click" without a page; the token is the key.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The link of every issue: a page with one button, or the mail program's one-click post. A link
    checker that opens the link unsubscribes nobody."""
    subscriber = _subscriber(token)
    if request.method == "POST":
        services.subscription_cancel(subscriber=subscriber)
    return render(
        request,
        "outreach/public/unsubscribe.html",
        {"subscriber": subscriber, "done": subscriber.status == SubscriberStatus.UNSUBSCRIBED},
    )
