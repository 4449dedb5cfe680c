"""The public collection at /<lang>/practices/: the catalogue, a practice's page, its images, the open data
downloads and the Atom feed of new practices. No sign-in; only `Practice.objects.public()`."""

from __future__ import annotations

import datetime
import json

from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from icc.core.downloads import attachment_response
from icc.core.exports import csv_response, xlsx_response
from icc.core.licence import LICENCE_NAME, LICENCE_URL, attribution, licence_document
from icc.practices.index_areas import area_title, index_question
from icc.practices.models import Practice, PracticeDocument, PracticeImage
from icc.practices.selectors import catalogue as selectors
from icc.practices.selectors import open_data
from icc.practices.selectors.pointers import practices_from_full_points
from icc.practices.selectors.work import practice_page
from icc.public.page_cache import public_cache


@require_safe
@public_cache
def practice_catalogue(request: HttpRequest) -> HttpResponse:
    found = selectors.catalogue(request.GET)
    page = Paginator(found.practices, selectors.PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "practices/public/catalogue.html", {"catalogue": found, "page": page})


@require_safe
@public_cache
def practice_public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    practice = selectors.get_public_practice(pk)
    context = {
        "practice": practice,
        "page": practice_page(practice, with_review=False),
        "scores": selectors.city_scores_in_areas(practice.city, practice.areas),
        "similar": selectors.more_like_this(practice),
        "images": list(practice.images.all()),
        "documents": list(practice.documents.all()),
    }
    return render(request, "practices/public/detail.html", context)


@require_safe
@public_cache
def practice_question(request: HttpRequest, question_id: str) -> HttpResponse:
    """An Index question's practices: those of cities scoring its full points first, then the others."""
    question = index_question(question_id)
    if question is None:
        raise Http404
    full = practices_from_full_points(question_id)
    shown = {p.pk for p in full}
    others = [p for p in selectors.practices_answering(question_id) if p.pk not in shown]
    context = {"question": question, "area_title": area_title(question.area), "full": full, "others": others}
    return render(request, "practices/public/question.html", context)


@require_safe
def practice_public_file(request: HttpRequest, pk: int, kind: str, file_pk: int) -> FileResponse:
    practice = selectors.get_public_practice(pk)
    stored: PracticeImage | PracticeDocument
    if kind == "image":
        stored = get_object_or_404(practice.images.all(), pk=file_pk)
    elif kind == "document":
        stored = get_object_or_404(practice.documents.all(), pk=file_pk)
    else:
        raise Http404
    return attachment_response(stored.file, stored.name)


def _items(request: HttpRequest) -> list[dict]:
    keep = selectors.filter_public(request.GET)
    practices = Practice.objects.filter(pk__in=keep).select_related("city").order_by("pk")
    return [
        open_data.practice_item(p, url=request.build_absolute_uri(p.get_absolute_url())) for p in practices
    ]


@require_safe
def practices_data(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every public practice (or those of the filters given, as on the catalogue) as CSV, XLSX or JSON,
    under CC BY 4.0. Not kept in the page cache, which keeps a body without its download headers."""
    items = _items(request)
    name = f"{open_data.FILENAME}.{fmt}"
    if fmt == "csv":
        response = csv_response(name, open_data.table_header(), open_data.table_rows(items))
    elif fmt == "xlsx":
        licence_rows = [[attribution(open_data.dataset_title())], [LICENCE_NAME], [LICENCE_URL]]
        response = xlsx_response(
            name,
            _("Practices"),
            open_data.table_header(),
            open_data.table_rows(items),
            more_sheets=[(_("Licence"), None, licence_rows)],
        )
    elif fmt == "json":
        document = {"licence": licence_document(open_data.DATASET), "count": len(items), "items": items}
        response = HttpResponse(
            json.dumps(document, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    else:
        raise Http404
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    return response


class NewPracticesFeed(Feed):
    """Atom feed of the newest practices, in the language of its address."""

    feed_type = Atom1Feed

    def title(self) -> str:
        return _("Intercultural Cities: new good practices")

    def subtitle(self) -> str:
        return _("Practices published in the collection of the Intercultural Cities network.")

    def link(self) -> str:
        return reverse("public:practices:catalogue")

    def items(self) -> list[Practice]:
        return selectors.feed_items()

    def item_title(self, item: Practice) -> str:
        return f"{item.title} ({item.city.name})"

    def item_description(self, item: Practice) -> str:
        return item.summary

    def item_link(self, item: Practice) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Practice) -> datetime.datetime | None:
        return item.first_published_at

    def item_updateddate(self, item: Practice) -> datetime.datetime | None:
        return item.published_at


practice_feed = require_safe(public_cache(NewPracticesFeed()))
