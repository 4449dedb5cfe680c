"""The JSON API v1 (django-ninja), mounted at /api/v1/: OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs.

Public data without a token; with a personal token (`Authorization: Bearer <token>`, created at
/accounts/tokens/) what its owner's roles allow. Access is decided by the same helpers and rules as the
pages; writes go through the same services. See docs/api.md.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import defaults
from ninja import NinjaAPI, Swagger
from ninja.operation import Operation
from ninja.renderers import JSONRenderer

from icc.api.auth import THROTTLES
from icc.api.errors import error_response, install_handlers
from icc.api.routers import (
    cities,
    clusters,
    evaluations,
    events,
    experts,
    funding,
    gaps,
    impact,
    learning,
    me,
    networks,
    outreach,
    policytools,
    practices,
    programme,
    questionnaires,
    responses,
    rounds,
    strategies,
    surveys,
    visits,
)
from icc.core.middleware import ParameterRefused

DESCRIPTION = """
The Intercultural Cities platform's data: cities, national networks, questionnaire versions, Index rounds
and published scores for everyone; with a personal API token (create one at `/accounts/tokens/`, send it
as `Authorization: Bearer <token>`), what your roles let you read, and your city's answers.

* Lists are paginated: `limit` (1-500, default 50) and `offset`; the answer has `items` and `count`.
* Every error has the same shape: `{"error": {"code", "message", "fields": [{"field", "message"}]}}`.
* Rate limits per IP address without a token, per person with one; over the limit: 429 and `Retry-After`.
* Only published results are public: a city's scores appear once the round's results are published and
  the city has agreed.
"""


class Renderer(JSONRenderer):
    # Names and messages in French read as written (« Réseau », not "\u00ab R\u00e9seau").
    json_dumps_params = {"ensure_ascii": False}


class Api(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        # Short, stable ids ("list_cities") for clients generated from the OpenAPI document.
        return operation.view_func.__name__


api = Api(
    title="Intercultural Cities API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    # ninja's own Swagger UI files (INSTALLED_APPS has "ninja"): the page loads nothing from outside.
    # No deep links: Swagger UI puts each one inside the operation's toggle button, a nested interactive
    # control that screen readers cannot reach (WCAG 4.1.2).
    docs=Swagger(settings={"persistAuthorization": False, "deepLinking": False}),
    docs_url="/docs",
    throttle=THROTTLES,
    renderer=Renderer(),
)
install_handlers(api)

api.add_router("", me.router)
api.add_router("", cities.router)
api.add_router("", networks.router)
api.add_router("", questionnaires.router)
api.add_router("", rounds.router)
api.add_router("", responses.router)
api.add_router("", gaps.router)
api.add_router("", experts.router)
api.add_router("", visits.router)
api.add_router("", clusters.router)
api.add_router("", practices.router)
api.add_router("", events.router)
api.add_router("", strategies.router)
api.add_router("", evaluations.router)
api.add_router("", policytools.router)
api.add_router("", programme.router)
api.add_router("", funding.router)
api.add_router("", outreach.router)
api.add_router("", impact.router)
api.add_router("", surveys.router)
api.add_router("", learning.router)


def unknown_endpoint(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other address under /api/: the API's JSON error, not the site's HTML page."""
    return error_response(
        api, request, 404, _("No such endpoint: see the OpenAPI document at /api/v1/openapi.json.")
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Django's answer to a request it refuses before any view (a forged Host header...): under /api/, the
    API's JSON error rather than the site's HTML page."""
    if isinstance(exception, ParameterRefused):
        if request.path.startswith("/api/"):
            return error_response(
                api, request, 400, exception.message, fields=[(exception.parameter, exception.message)]
            )
        return render(request, "core/refused_address.html", {"message": exception.message}, status=400)
    if request.path.startswith("/api/"):
        return error_response(api, request, 400, _("The request is not valid (check its headers)."))
    return defaults.bad_request(request, exception)  # type: ignore[arg-type]
