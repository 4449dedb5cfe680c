"""News in the JSON API: the published news (the same rule as the public pages, `NewsItem.objects.public()`),
in the language asked for (`?lang=fr`; English by default, English where a piece has no French)."""

import datetime
from typing import Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import translation
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from icc.api.auth import PUBLIC, PUBLIC_SECURITY
from icc.api.errors import documented
from icc.api.pagination import Mapped, Pagination
from icc.outreach.models import NewsItem
from icc.outreach.selectors import public_news

router = Router(tags=["news"])


class NewsOut(Schema):
    id: int
    title: str
    summary: str
    body: str = Field(..., description="Plain text; a blank line separates paragraphs.")
    published_at: datetime.datetime
    url: str = Field(..., description="The news page on the public site, in the language asked for.")


class NewsQuery(Schema):
    lang: Literal["en", "fr"] = Field("en", description="The language of the texts.")


def _out(item: NewsItem, lang: str) -> NewsOut:
    with translation.override(lang):
        return NewsOut(
            id=item.pk,
            title=getattr(item, f"title_{lang}") or item.title_en,
            summary=getattr(item, f"summary_{lang}") or item.summary_en,
            body=getattr(item, f"body_{lang}") or item.body_en,
            published_at=item.published_at,  # type: ignore[arg-type]
            url=item.get_absolute_url(),
        )


@router.get("/news", response=documented({200: list[NewsOut]}), auth=PUBLIC, openapi_extra=PUBLIC_SECURITY)
@paginate(Pagination)
def news_list(request: HttpRequest, query: Query[NewsQuery]) -> Any:
    """The published news, newest first. No token needed."""
    return Mapped(public_news(), lambda item: _out(item, query.lang))


@router.get(
    "/news/{news_id}",
    response=documented({200: NewsOut}, 404),
    auth=PUBLIC,
    openapi_extra=PUBLIC_SECURITY,
)
def news_detail(request: HttpRequest, news_id: int, query: Query[NewsQuery]) -> NewsOut:
    """One published piece of news. No token needed."""
    return _out(get_object_or_404(public_news(), pk=news_id), query.lang)
