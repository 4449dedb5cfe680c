"""Open data: the /data/ page, the data dictionary, and the downloads at stable addresses.

A round's files live at /data/<round id>/scores.<csv|xlsx|json>: the id never changes, while a round's
name (and so any slug made from it) may be corrected; the readable name goes into the file name.
Every download carries ETag and Last-Modified from what it depends on (see `round_data_version`) and
"Cache-Control: no-cache": caches keep the file but ask each time, so that a city withdrawing its
agreement disappears at once, at the cost of a cheap 304.
"""

import datetime
import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import condition, require_safe

from icc.core.exports import csv_response, xlsx_response
from icc.core.licence import attribution, publisher_name
from icc.public.page_cache import public_cache
from icc.public.selectors import open_data as selectors
from icc.public.selectors import open_data_gaps as gaps_data
from icc.public.selectors.open_data import FORMATS, DataVersion, RoundData


@require_safe
@public_cache
def data_index(request: HttpRequest) -> HttpResponse:
    context = {
        **selectors.data_overview(),
        "formats": [(fmt, fmt.upper()) for fmt in FORMATS],
        "gap_city_count": gaps_data.published_gap_city_count(),
    }
    catalog = selectors.catalog_jsonld(
        selectors.harvest_rows(context["rounds"]),
        absolute=request.build_absolute_uri,
        city_count=context["city_count"],
        more=[gaps_data.gaps_dataset_jsonld],
    )
    context["jsonld"] = _jsonld_text(catalog)
    return render(request, "public/data/index.html", context)


def _jsonld_text(document: dict[str, Any]) -> str:
    """JSON-LD for a <script type="application/ld+json"> element: no "<", ">" or "&" that could end the
    element early (a round's name is typed by the secretariat)."""
    text = json.dumps(document, ensure_ascii=False, indent=1)
    return mark_safe(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


@require_safe
@public_cache
def data_dictionary(request: HttpRequest) -> HttpResponse:
    context = {**selectors.data_dictionary(), "gap_columns": gaps_data.GAP_COLUMNS}
    return render(request, "public/data/dictionary.html", context)


# --------------------------------------------------------------------------------------------------
# Versions: computed once per request, although `condition` asks twice (ETag and Last-Modified)


def _cached(request: HttpRequest, key: str, compute: Any) -> DataVersion | None:
    versions: dict[str, DataVersion | None] = request.__dict__.setdefault("_open_data_versions", {})
    if key not in versions:
        versions[key] = compute()
    return versions[key]


def _round_version(request: HttpRequest, round_id: int, fmt: str = "") -> DataVersion | None:
    return _cached(request, f"round-{round_id}", lambda: selectors.round_data_version(round_id))


def _round_etag(request: HttpRequest, round_id: int, fmt: str = "") -> str | None:
    version = _round_version(request, round_id)
    return f"{version.etag}-{fmt}" if version else None


def _round_modified(request: HttpRequest, round_id: int, fmt: str = "") -> Any:
    version = _round_version(request, round_id)
    return version.last_modified if version else None


def _cities_etag(request: HttpRequest) -> str | None:
    version = _cached(request, "cities", selectors.cities_data_version)
    return version.etag if version else None


def _cities_modified(request: HttpRequest) -> Any:
    version = _cached(request, "cities", selectors.cities_data_version)
    return version.last_modified if version else None


def _published_headers(response: HttpResponse, request: HttpRequest) -> HttpResponse:
    links = [
        f'<{selectors.LICENCE_URL}>; rel="license"',
        f'<{request.build_absolute_uri(reverse("public:data_dictionary"))}>; rel="describedby"',
    ]
    response["Link"] = ", ".join(links)
    response["X-License"] = selectors.LICENCE_ID
    patch_cache_control(response, public=True, no_cache=True)
    # The XLSX's Licence sheet follows the reader's language, chosen by header or by cookie.
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


# --------------------------------------------------------------------------------------------------
# Downloads


@require_safe
@condition(etag_func=_cities_etag, last_modified_func=_cities_modified)
def cities_csv(request: HttpRequest) -> HttpResponse:
    header, rows = selectors.cities_table()
    return _published_headers(csv_response("icc-cities.csv", header, rows), request)


def _gaps_etag(request: HttpRequest) -> str | None:
    version = _cached(request, "gaps", gaps_data.gaps_data_version)
    return version.etag if version else None


def _gaps_modified(request: HttpRequest) -> Any:
    version = _cached(request, "gaps", gaps_data.gaps_data_version)
    return version.last_modified if version else None


@require_safe
@condition(etag_func=_gaps_etag, last_modified_func=_gaps_modified)
def gaps_csv(request: HttpRequest) -> HttpResponse:
    """Every gap the cities published (withheld ones without figures), every period."""
    header, rows = gaps_data.gaps_table()
    return _published_headers(csv_response(gaps_data.GAPS_FILENAME, header, rows), request)


@require_safe
@condition(etag_func=_round_etag, last_modified_func=_round_modified)
def round_scores(request: HttpRequest, round_id: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("Scores are published as CSV, XLSX or JSON.")
    data = selectors.round_data(selectors.get_published_round(round_id))
    filename = f"{slugify(data.round.name) or 'round'}-{data.results.questionnaire_key}-scores.{fmt}"
    if fmt == "csv":
        response = csv_response(filename, data.header(), data.rows())
    elif fmt == "xlsx":
        response = _round_xlsx(request, data, filename)
    else:
        response = _round_json(request, data, filename)
    return _published_headers(response, request)


def _package_etag(request: HttpRequest, round_id: int) -> str | None:
    return _round_etag(request, round_id, "datapackage")


@require_safe
@condition(etag_func=_package_etag, last_modified_func=_round_modified)
def round_package(request: HttpRequest, round_id: int) -> HttpResponse:
    """The round's Frictionless data package, beside its files (its resource paths are relative)."""
    with translation.override("en"):  # one description for every harvester, like the column names
        data = selectors.round_data(selectors.get_published_round(round_id))
        document = selectors.round_datapackage(
            data,
            package_url=request.build_absolute_uri(),
            csv_url=request.build_absolute_uri(reverse("public:data_round_scores", args=[round_id, "csv"])),
            data_url=request.build_absolute_uri(reverse("public:data")),
            dictionary_url=request.build_absolute_uri(reverse("public:data_dictionary")),
            home_url=request.build_absolute_uri(reverse("public:home")),
        )
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 2})
    return _published_headers(response, request)


def _round_json(request: HttpRequest, data: RoundData, filename: str) -> HttpResponse:
    # A machine format: its credit line stays English whatever the address's language, like its keys.
    with translation.override("en"):
        document = data.document(
            source=request.build_absolute_uri(),
            questionnaire_url=request.build_absolute_uri(
                reverse("index:questionnaire_json", args=[data.results.questionnaire_key])
            ),
        )
    response = JsonResponse(document, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _round_xlsx(request: HttpRequest, data: RoundData, filename: str) -> HttpResponse:
    """Scores on the first sheet (as in the CSV), the licence on the second, statistics on the third.
    Sheet names, labels and the credit line follow the reader's language (the address's /en/ or /fr/);
    the column names of the first sheet are the CSV's, identifiers that never change."""
    round_ = data.round
    about = [
        [_("Data set"), selectors.round_dataset_name(round_.name)],
        [_("Publisher"), publisher_name()],
        [_("Licence"), selectors.LICENCE_NAME],
        [_("Licence text"), selectors.LICENCE_URL],
        [_("Credit the source as"), attribution(selectors.round_dataset_name(round_.name))],
        [_("Source"), request.build_absolute_uri()],
        [_("Data dictionary"), request.build_absolute_uri(reverse("public:data_dictionary"))],
        [_("Questionnaire version"), data.results.questionnaire_key],
        [
            _("Questionnaire (interchange format)"),
            request.build_absolute_uri(
                reverse("index:questionnaire_json", args=[data.results.questionnaire_key])
            ),
        ],
        [_("Results published on (UTC)"), _utc(round_.results_published_at)],
        [_("Scores computed on (UTC)"), _utc(data.computed_at)],
        [_("Published cities"), len(data.results.cities)],
        [_("Cities ranked (every validated city of the round)"), data.results.sample_size],
        [
            _("What is published"),
            _(
                "The scores of the cities that agreed to publication; their answers are not published. "
                "Statistics (third sheet) are over these cities only; ranks are among every validated "
                "city of the round. Scores are out of 100 and unrounded."
            ),
        ],
    ]
    return xlsx_response(
        filename,
        pgettext("XLSX sheet", "Scores"),
        data.header(),
        data.rows(),
        more_sheets=[
            (pgettext("XLSX sheet", "Licence"), None, about),
            (pgettext("XLSX sheet", "Statistics"), *data.statistics_table()),
        ],
    )


def _utc(value: Any) -> Any:
    # XLSX has no time zones: say which one the cell is in, the same for every reader.
    return value.astimezone(datetime.UTC).replace(tzinfo=None, microsecond=0) if value else None
