"""PLACEHOLDER: being written; every view here is replaced before this lands."""

from typing import Any

from django.http import HttpRequest, HttpResponse


def pipeline(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


def record_step(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError


def document_download(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise NotImplementedError
