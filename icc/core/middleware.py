"""Checks every request passes before any view: what no page or API endpoint should have to repeat."""

from collections.abc import Callable

from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from icc.core.text import text_problem


class ParameterRefused(BadRequest):
    """A parameter of the address that no view may read (Django answers 400 through `handler400`)."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter
        self.message = message


class RefuseControlCharactersMiddleware:
    """Refuses an address whose parameters hold control characters (a NUL in `?q=`, say): PostgreSQL cannot
    search for them (HTTP 500 from a search box) and no person types them. Form fields and the API's bodies
    have their own checks, which name the field (icc/core/text.py)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for name, values in request.GET.lists():
            for text in (name, *values):
                problem = text_problem(text)
                if problem:
                    raise ParameterRefused(
                        name,
                        _("The address's parameter “%(name)s” cannot be read. %(problem)s")
                        % {"name": name.encode("unicode_escape").decode(), "problem": problem},
                    )
        return self.get_response(request)
