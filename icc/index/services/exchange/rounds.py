"""A round's responses for analysts: CSV/XLSX rows with a stable column layout, and the interchange JSON."""

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import timezone
from django.utils.text import slugify

from icc.index.answers import NOT_APPLICABLE
from icc.index.models import Answer, Response, ResponseStatus, Round
from icc.index.services.exchange.workbook import plain_number
from icc.index.structure import structure_of

# Round exports for analysts ------------------------------------------------------------------------

ROUND_FIXED_COLUMNS = ("questionnaire", "round", "city", "country", "status", "submitted_at", "validated_at")


def _round_responses(round_: Round, statuses: Iterable[str] | None = None) -> list[Response]:
    """The round's responses, each with `stored_answers` (question id -> value). Two queries, each row read
    once: the answers as values, not as model instances, and the round and its questionnaire (a large
    document) not joined to every response, which cost 15 s and 8 s for a round of 1,500 cities."""
    queryset = (
        Response.objects.filter(round=round_)
        .select_related("city")
        .order_by("city__name", "city__country", "pk")
    )
    if statuses is not None:
        queryset = queryset.filter(status__in=list(statuses))
    responses = list(queryset)
    values: dict[int, dict[str, Any]] = {response.pk: {} for response in responses}
    rows = Answer.objects.filter(response__round=round_)
    if statuses is not None:
        rows = rows.filter(response__status__in=list(statuses))
    for response_id, question, value in rows.values_list("response_id", "question", "value").iterator(
        chunk_size=5000
    ):
        if response_id in values:  # not a response that changed status between the two queries
            values[response_id][question] = value
    for response in responses:
        response.round = round_
        response.stored_answers = values[response.pk]  # type: ignore[attr-defined]
    return responses


def _stored_answers(response: Response) -> dict[str, Any]:
    """Question id -> value: read by `_round_responses` for a whole round, or now for one response."""
    stored = getattr(response, "stored_answers", None)
    if stored is None:
        stored = dict(response.answers.values_list("question", "value"))
    return stored


def _city_name(city: Any) -> str:
    return str(getattr(city, "name_en", "") or city.name)


def export_value(value: Any) -> Any:
    """An answer in a round export: several ids joined with ";", n/a kept, numbers as numbers."""
    if value is None:
        return None
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    return plain_number(value)


def round_rows(round_: Round) -> tuple[list[str], list[list[Any]]]:
    """One row per response of the round, with a column layout that depends only on the questionnaire
    version: the fixed columns, then one column per question id in questionnaire order."""
    structure = structure_of(round_.questionnaire)
    question_ids = [info.id for info in structure.all_questions()]
    header = [*ROUND_FIXED_COLUMNS, *question_ids]
    rows: list[list[Any]] = []
    for response in _round_responses(round_):
        answers = _stored_answers(response)
        rows.append(
            [
                round_.questionnaire.key,
                round_.name,
                _city_name(response.city),
                response.city.country,
                response.status,
                response.submitted_at,
                response.validated_at,
                *(export_value(answers.get(qid)) for qid in question_ids),
            ]
        )
    return header, rows


def _fact_key(question_id: str, taken: set[str]) -> str:
    short = question_id.rsplit(".", 1)[-1]
    return short if short not in taken else question_id


def round_interchange(
    round_: Round,
    statuses: Iterable[str] | None = (ResponseStatus.VALIDATED,),
    *,
    responses: Sequence[Response] | None = None,
) -> dict[str, Any]:
    """The round's responses in the interchange "Responses" format (docs: index-format), which the offline
    scorer reads as it is. Only validated responses by default; `statuses=None` for every response.
    `responses` converts exactly these instead, in this order: scoring passes them to know which entry is
    which response's.

    `answers` holds every answered question, facts included, n/a kept. `facts` holds the fact questions'
    values by their id (the part after the last dot when the id has an area prefix); population and
    foreign-born share come from the register when the response does not give them."""
    structure = structure_of(round_.questionnaire)
    questions = structure.all_questions()
    fact_keys: dict[str, str] = {}
    for info in questions:
        if info.question.data_type == "fact":
            fact_keys[info.id] = _fact_key(info.id, set(fact_keys.values()))
    if responses is None:
        responses = _round_responses(round_, statuses)
    names = [_city_name(response.city) for response in responses]
    named = Counter(names)
    items = []
    for response, name in zip(responses, names, strict=True):
        if named[name] > 1:  # the format identifies a response by its city's name
            name = f"{name} ({response.city.country})"
        stored = _stored_answers(response)
        answers = {info.id: stored[info.id] for info in questions if stored.get(info.id) is not None}
        facts: dict[str, Any] = {}
        for qid, key in fact_keys.items():
            value = answers.get(qid)
            if value is not None and value != NOT_APPLICABLE:
                facts[key] = value
        register = {
            "population": response.city.population,
            "foreign_born_share": response.city.foreign_born_share,
        }
        for key, value in register.items():
            if key not in facts and value is not None:
                facts[key] = plain_number(float(value)) if key == "foreign_born_share" else int(value)
        items.append(
            {
                "city": name,
                "country": response.city.country,
                "status": response.status,
                "facts": facts,
                "answers": answers,
            }
        )
    return {
        "questionnaire": round_.questionnaire.key,
        "round": round_.name,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "responses": items,
    }


def round_export_filename(round_: Round, extension: str) -> str:
    return f"{slugify(round_.name) or 'round'}-{round_.questionnaire.key}-responses.{extension}"
