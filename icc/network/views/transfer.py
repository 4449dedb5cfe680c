"""PLACEHOLDER: being written; every view here is replaced before this lands."""

from typing import Any

from django.http import HttpRequest, HttpResponse


def import_upload(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


def import_review(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


def export_register(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError
