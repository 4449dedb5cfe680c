"""Pagination of every list: `limit` and `offset`, with the total `count` (ninja's limit-offset)."""

from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 500
# Far beyond any list of the platform; the bound keeps a wild offset from reaching the database.
MAX_OFFSET = 1_000_000


class Mapped:
    """What an operation returns for the paginator: the rows, and how one row becomes output; only the
    rows of the page are converted."""

    def __init__(self, rows: QuerySet[Any] | Sequence[Any], convert: Callable[[Any], Any]) -> None:
        self.rows = rows
        self.convert = convert


class Pagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_LIMIT, description="How many items to return (1-500).")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip.")

    class Output(Schema):
        items: list[Any]
        count: int = Field(..., description="How many items the whole list has.")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)

    def paginate_queryset(
        self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any
    ) -> dict[str, Any]:
        rows, convert = (
            (queryset.rows, queryset.convert) if isinstance(queryset, Mapped) else (queryset, None)
        )
        start, stop = pagination.offset, pagination.offset + min(pagination.limit, MAX_LIMIT)
        page = list(rows[start:stop])
        return {
            "items": [convert(row) for row in page] if convert else page,
            "count": rows.count() if isinstance(rows, QuerySet) else len(rows),
        }
