"""The Index demo: three rounds on the demo network, so that `make run` shows the Index at work.

- "Index 2014" (version icc-2009, closed): about 45 members, validated in 2014-2015;
- "Index 2022" (icc-2019, closed): about 80 members validated in 2022-2023, 35 of them also in 2014;
- "Index 2026" (icc-2026, the 2019 questions and a gender lens, open until 15 December 2026): about 40 members
  and candidates in every state, Strasbourg (the demo coordinator's city) in progress, Lisbon (the multi-role
  account's) submitted. Cities answer the gender-lens questions a little below their other answers (a lens
  new to most of them), so the few validated responses show a gender-lens score beside the intercultural one.

Each city has a latent "intercultural maturity" that grows with its years in the network (more for a few
well-known cities) and a strength or weakness per section, so scores are believable and progress between
rounds shows. Explanations are in French for French-speaking cities, in English elsewhere.

The open round is played through the real services (invitations, answers, assignments, submission,
comment threads, return, validation, reopening), so its statuses, rules and history are the real ones.
The ~12,000 answers of the closed rounds are bulk-created with their history instead: saving them one by
one would take minutes, and nobody edits a closed round. Their responses get the history the services
would have written (invited, in progress, submitted, validated).

The services stamp every write with `timezone.now()`. The story happened over twelve years, so each write
runs under `_at(moment)`, which makes `now` that moment: timestamps, history and the accession step that
a candidate's submission records all carry the day the story gives them (never after LAST_DEMO_DAY).
"""

import copy
import datetime
import math
import random
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from unittest import mock

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone

from icc.accounts.models import RoleKind, User
from icc.accounts.services import role_grant
from icc.core.history import reason as history_reason
from icc.core.history import record_change
from icc.index import demo_data as data
from icc.index.answers import NOT_APPLICABLE, clean_answer
from icc.index.models import (
    Answer,
    Comment,
    CommentThread,
    Questionnaire,
    Response,
    ResponseStatus,
    Round,
    RoundStatus,
)
from icc.index.services import publication as publication_services
from icc.index.services import responses as response_services
from icc.index.services import review
from icc.index.services import rounds as round_services
from icc.index.services.questionnaires import questionnaire_load_shipped
from icc.index.structure import QuestionInfo, Structure, structure_of
from icc.network.demo import DemoResult
from icc.network.demo_data import (
    ACCOUNTS,
    CITY_LANGUAGE,
    COUNTRY_LANGUAGE,
    FRENCH_SPEAKING,
    LAST_DEMO_DAY,
    PERSON_NAMES,
)
from icc.network.models import AccessionStep, AccessionStepKind, City, CityContact, CityStatus
from icc.network.selectors.access import network_settings

EU_COUNTRIES = {
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
}  # fmt: skip
# Answers that earn nothing because the city does not measure the outcome.
NOT_MEASURED = frozenset({"no_data", "no_survey"})
_LEFT = (CityStatus.SUSPENDED, CityStatus.WITHDRAWN)


@dataclass
class IndexDemoResult(DemoResult):
    note: str = ""  # why nothing was loaded


# ---------------------------------------------------------------------------------------------------
# Time and mail


@contextmanager
def _at(moment: datetime.datetime) -> Iterator[None]:
    """Run the writes inside as if it were `moment` (see the module's docstring)."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def _moment(day: datetime.date, minutes: int = 0) -> datetime.datetime:
    """`minutes` after 9:00 on `day`, in the platform's time zone."""
    start = datetime.datetime.combine(day, datetime.time(9, 0)) + datetime.timedelta(minutes=minutes)
    return timezone.make_aware(start)


def _day_between(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def _spread(rng: random.Random, first: datetime.date, last: datetime.date, n: int) -> list[datetime.datetime]:
    """n moments in order between two days, in working sessions of a dozen answers or so."""
    if n == 0:
        return []
    span = max(0, (last - first).days)
    sessions = min(n, span + 1, n // 12 + 1)
    days = sorted(rng.sample(range(span + 1), sessions))
    moments = []
    per_session = math.ceil(n / sessions)
    for i in range(n):
        session, position = divmod(i, per_session)
        if position == 0:
            minutes = rng.randint(0, 6 * 60)
        else:
            minutes += rng.randint(2, 7)
        moments.append(_moment(first + datetime.timedelta(days=days[session]), minutes))
    return moments


@contextmanager
def muted_mail() -> Iterator[None]:
    """The services e-mail invitations, comments and decisions once the transaction commits; the demo
    people must not receive them (nor the console fill up with them). Wrap the outermost transaction."""
    dummy = "django.core.mail.backends.dummy.EmailBackend"
    with override_settings(MAILERS={"default": {"BACKEND": dummy}}):
        yield


# ---------------------------------------------------------------------------------------------------
# Cities: language, maturity, answers


def _language(city: City) -> str:
    spoken = CITY_LANGUAGE.get(city.name_en, COUNTRY_LANGUAGE.get(city.country, "en"))
    return "fr" if spoken in FRENCH_SPEAKING else "en"


@dataclass
class _Profile:
    city: City
    language: str
    offset: float  # the city's own distance from what its years in the network give
    strengths: dict[str, float] = field(default_factory=dict)  # per section, kept across versions

    @property
    def name(self) -> str:
        return self.city.name_en

    def level(self, year: int) -> float:
        joined = self.city.member_since.year if self.city.member_since else year
        years = max(0, year - joined)
        famous = 0.1 if self.name in data.FAMOUS else 0.0
        return min(0.9, max(0.25, 0.3 + 0.45 * (1 - math.exp(-years / 6)) + famous + self.offset))

    def text(self, pair: tuple[str, str]) -> str:
        return pair[1] if self.language == "fr" else pair[0]


def _profiles(rng: random.Random, cities: list[City], area_ids: list[str]) -> dict[str, _Profile]:
    profiles = {}
    for city in sorted(cities, key=lambda c: c.name_en):
        profile = _Profile(city=city, language=_language(city), offset=rng.gauss(0, 0.07))
        profile.strengths = {area: rng.gauss(0, 0.1) for area in area_ids}
        profiles[city.name_en] = profile
    return profiles


def _choose(rng: random.Random, info: QuestionInfo, level: float) -> Any:
    question = info.question
    if question.allow_na and rng.random() < 0.06:
        return NOT_APPLICABLE
    x = level + rng.gauss(0, 0.18)
    if question.type == "multiple_choice":
        chance = min(0.95, max(0.03, 0.9 * x))
        return [option.id for option in question.options if rng.random() < chance]
    unmeasured = [o for o in question.options if o.id in NOT_MEASURED]
    if unmeasured and rng.random() < 0.45 - 0.5 * x:
        return unmeasured[0].id
    graded = sorted((o for o in question.options if o.id not in NOT_MEASURED), key=lambda o: o.points)
    return graded[min(len(graded) - 1, max(0, int(x * len(graded))))].id


def _share(value: Any, factor: float) -> float | None:
    if value is None:
        return None
    return round(min(95.0, float(value) * factor), 1)


def _fact(rng: random.Random, info: QuestionInfo, profile: _Profile, year: int) -> Any:
    city = profile.city
    back = max(0, 2024 - year)  # the register's figures are of about 2024
    born = _share(city.foreign_born_share, 1 - 0.015 * back)
    residents = _share(city.foreign_residents_share, 1 - 0.015 * back)
    values: dict[str, Any] = {
        "population": round(city.population * (1 - 0.005 * back) * rng.uniform(0.98, 1.0))
        if city.population
        else None,
        "population_year": year - 1,
        "foreign_born_share": born,
        "foreign_residents_share": residents,
        "migrant_origin_share": _share(born, rng.uniform(1.2, 1.6)) if born and rng.random() < 0.7 else None,
        "minorities_share": _share(city.minorities_share, 1.0),
        "non_eu_share": _share(residents, rng.uniform(0.4, 0.75)) if city.country in EU_COUNTRIES else None,
        "origin_groups": profile.text(data.ORIGIN_GROUPS.get(city.country, data.ORIGIN_GROUPS_DEFAULT)),
        "nationalities_count": rng.randint(45, 170),
        "languages_count": rng.randint(30, 120),
        "pupils_migrant_origin_share": _share(born, rng.uniform(1.1, 1.5)) if rng.random() < 0.6 else None,
    }
    value = values.get(info.id)
    if value is None and info.question.allow_na:
        return NOT_APPLICABLE
    return value


def _points(info: QuestionInfo, value: Any) -> float:
    if isinstance(value, list):
        return float(len(value))
    return next((o.points for o in info.question.options if o.id == value), 0.0)


@dataclass
class _Answer:
    question: str
    area: str
    value: Any
    explanation: str = ""
    links: list[str] = field(default_factory=list)


GENDER_LENS = "gender_lens"
GENDER_LENS_LAG = 0.12  # how far below its other answers a city answers the gender-lens questions


def _answers(rng: random.Random, structure: Structure, profile: _Profile, year: int) -> list[_Answer]:
    """A complete set of answers, in questionnaire order, with explanations for a few per section."""
    level = profile.level(year)
    given: dict[str, Any] = {}
    answers: list[_Answer] = []
    lens = {q for group in structure.parsed.groups for q in group.questions if group.id == GENDER_LENS}
    for area in structure.areas:
        base = level + profile.strengths.get(area.id, 0.0) + rng.gauss(0, 0.04)
        start = len(answers)
        for info in area.questions:
            if not structure.is_shown(info, given):
                continue
            if info.question.data_type == "fact":
                value = _fact(rng, info, profile, year)
            else:
                value = _choose(rng, info, base - (GENDER_LENS_LAG if info.id in lens else 0.0))
            if value is None:
                continue
            value = clean_answer(info.question, value)  # what the services would store
            given[info.id] = value
            answers.append(_Answer(info.id, area.id, value))
        _explain(rng, structure, answers[start:], profile, year)
    return answers


def _amount(value: int, language: str) -> str:
    return f"{value:,}".replace(",", "\u00a0") + "\u00a0€" if language == "fr" else f"€{value:,}"


def _many(value: int, language: str) -> str:
    return f"{value:,}".replace(",", "\u00a0") if language == "fr" else f"{value:,}"


def _explain(
    rng: random.Random, structure: Structure, answers: list[_Answer], profile: _Profile, year: int
) -> None:
    if not answers:
        return
    area = answers[0].area
    if area == "facts":
        for answer in answers:
            if answer.question in ("population", "foreign_born_share"):
                answer.explanation = profile.text(data.FACT_SOURCE).format(year=year - 1)
        return
    fitting = {
        answer.question: [
            (english, french)
            for names, english, french in data.EXPLANATIONS.get(area, [])
            if answer.question.split(".", 1)[-1] in names
        ]
        for answer in answers
    }
    used: set[tuple[str, str]] = set()
    chosen = rng.sample(answers, min(len(answers), rng.randint(1, 3)))
    for answer in sorted(chosen, key=answers.index):
        info = structure.question(answer.question)
        since = year - rng.randint(1, 6)
        if answer.value == NOT_APPLICABLE:
            pair = data.EXPLANATION_NA
        elif _points(info, answer.value) <= 0:
            pair = rng.choice(
                data.EXPLANATIONS_LOW["impact" if info.question.data_type == "impact" else "input"]
            )
        else:
            unused = [pair for pair in fitting[answer.question] if pair not in used]
            if not unused:
                continue
            pair = rng.choice(unused)
            used.add(pair)
            if rng.random() < 0.3:
                answer.links = [
                    f"https://www.{profile.city.slug}.example.org/{data.LINK_PATHS.get(area, area)}"
                ]
        answer.explanation = profile.text(pair).format(
            year=since,
            year_end=since + rng.choice([3, 4, 5]),
            amount=_amount(rng.choice(data.AMOUNTS), profile.language),
            n=rng.randint(3, 12),
            n2=rng.randint(12, 140),
            pct=rng.randint(8, 35),
            share=rng.randint(35, 70),
            many=_many(rng.randrange(800, 25_000, 10), profile.language),
            langs=rng.randint(6, 24),
        )


def _part(
    rng: random.Random, structure: Structure, answers: list[_Answer], shares: dict[str, float] | float
) -> list[_Answer]:
    """The answers given so far: the whole (with a few gaps) or each section answered in order up to its
    share; never a follow-up without the answer that shows it, since answers follow the questionnaire."""
    if isinstance(shares, dict):
        kept: list[_Answer] = []
        for area in structure.areas:
            in_area = [a for a in answers if a.area == area.id]
            kept += in_area[: round(shares.get(area.id, 0.0) * len(in_area))]
        return kept
    conditions = {str(q.show_if["question"]) for q in structure.all_questions() if q.show_if}
    kept = answers[: round(shares * len(answers))]
    return [a for a in kept if a.question in conditions or rng.random() > 0.08]


def _leave_some_out(
    rng: random.Random, structure: Structure, answers: list[_Answer], share: float
) -> list[_Answer]:
    """A submitted response with a few unanswered questions (submission lists them, and allows it)."""
    if share >= 1:
        return answers
    conditions = {q.show_if["question"] for q in structure.all_questions() if q.show_if}
    optional = [a for a in answers if a.question not in conditions and a.area != "facts"]
    left_out = set(id(a) for a in rng.sample(optional, round((1 - share) * len(answers))))
    return [a for a in answers if id(a) not in left_out]


# ---------------------------------------------------------------------------------------------------
# The closed rounds: bulk-created answers, and the history the services would have written


def _eligible(city: City, year: int) -> bool:
    """A member during that round's year."""
    if city.member_since is None or city.member_since.year >= year:
        return False
    return city.status not in _LEFT or (city.status_since is not None and city.status_since.year > year)


def _pick(
    rng: random.Random, pool: list[_Profile], must: list[str], preferred: list[str], size: int
) -> list[_Profile]:
    """`size` cities of the pool: those that must take part, about half of the rest among the preferred
    ones (well-known cities, those of the open round), the others drawn at random."""
    by_name = {p.name: p for p in pool}
    chosen = [by_name[name] for name in dict.fromkeys(must) if name in by_name][:size]
    liked = [by_name[n] for n in dict.fromkeys(preferred) if n in by_name and by_name[n] not in chosen]
    chosen += rng.sample(liked, min(len(liked), (size - len(chosen)) // 2))
    rest = [p for p in pool if p not in chosen]
    return chosen + rng.sample(rest, max(0, min(len(rest), size - len(chosen))))


def _round_through_services(spec: data.RoundSpec, questionnaire: Questionnaire, by: User) -> Round:
    with _at(_moment(spec.created, 15)):
        round = round_services.round_create(
            name=spec.name,
            name_fr=spec.name_fr,
            questionnaire=questionnaire,
            opens_on=spec.opens_on,
            deadline=spec.deadline,
            by=by,
        )
    with _at(_moment(spec.opens_on)):
        round = round_services.round_change_status(round=round, status=RoundStatus.OPEN, by=by)
    return round


@dataclass
class _Story:
    """One city's response to a closed round: its answers and when each step happened."""

    profile: _Profile
    answers: list[_Answer]
    moments: list[datetime.datetime]  # when each answer was saved
    submitted: datetime.datetime
    validated: datetime.datetime


def _closed_round(
    rng: random.Random,
    spec: data.RoundSpec,
    questionnaire: Questionnaire,
    chosen: list[_Profile],
    secretariat: User,
    counts: Counter[str],
) -> Round:
    round = _round_through_services(spec, questionnaire, secretariat)
    structure = structure_of(questionnaire)
    invited = _moment(spec.opens_on, 20)
    assert spec.submitted is not None and spec.closed is not None
    stories = []
    for profile in sorted(chosen, key=lambda p: p.name):
        submitted = _day_between(rng, *spec.submitted)
        validated = submitted + datetime.timedelta(days=rng.randint(*spec.validated_after))
        if spec.last_validation:
            validated = min(validated, spec.last_validation)
        started = max(spec.opens_on, submitted - datetime.timedelta(days=rng.randint(20, 80)))
        answers = _answers(rng, structure, profile, spec.opens_on.year)
        moments = _spread(rng, started, submitted - datetime.timedelta(days=1), len(answers))
        stories.append(
            _Story(
                profile, answers, moments, _moment(submitted, rng.randint(300, 480)), _moment(validated, 90)
            )
        )
    responses = [
        Response(
            round=round,
            city=story.profile.city,
            deadline=round.deadline,
            status=ResponseStatus.VALIDATED,
            submitted_at=story.submitted,
            validated_at=story.validated,
            validated_by=secretariat,
        )
        for story in stories
    ]
    with _at(invited):
        Response.objects.bulk_create(responses)
    _response_history(responses, stories, invited, secretariat)
    items = [
        (response, answer, moment)
        for response, story in zip(responses, stories, strict=True)
        for answer, moment in zip(story.answers, story.moments, strict=True)
    ]
    counts["answers"] += _insert_answers(items, by=None)
    for response, story in zip(responses, stories, strict=True):
        response.updated = story.validated
    Response.objects.bulk_update(responses, ["updated"])
    with _at(_moment(spec.closed)):
        round = round_services.round_change_status(round=round, status=RoundStatus.CLOSED, by=secretariat)
    counts[f"{spec.name} responses (validated)"] = len(responses)
    return round


def _insert_answers(items: list[tuple[Response, _Answer, datetime.datetime]], by: User | None) -> int:
    """Answers written at once, with the timestamps and the history row that saving each one at its
    moment would have given (the services take ~30 ms an answer, the demo has ~15,000 of them)."""
    rows = [
        Answer(
            response=response,
            question=answer.question,
            value=answer.value,
            explanation=answer.explanation,
            links=answer.links,
            revision=1,
            updated_by=by,
        )
        for response, answer, _moment in items
    ]
    Answer.objects.bulk_create(rows, batch_size=500)
    for row, (_response, _answer, moment) in zip(rows, items, strict=True):
        row.created = row.updated = moment
        row._history_date = moment  # type: ignore[attr-defined]
        record_change(row, by=by)
    _set_timestamps(rows)
    Answer.history.bulk_history_create(rows, batch_size=500)
    return len(rows)


def _set_timestamps(rows: list[Answer]) -> None:
    """Store each row's own created/updated, which bulk_create set to "now". One statement for all rows:
    bulk_update's CASE expression takes ~1 ms a row here."""
    field = Answer._meta.get_field("updated")
    quote = connection.ops.quote_name
    sql = (
        f"UPDATE {quote(Answer._meta.db_table)} SET {quote('created')} = %s, {quote('updated')} = %s "  # noqa: S608 - names from the model
        f"WHERE {quote('id')} = %s"
    )
    params = []
    for row in rows:
        stamp = field.get_db_prep_value(row.updated, connection)
        params.append((stamp, stamp, row.pk))
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _response_history(
    responses: list[Response], stories: list[_Story], invited: datetime.datetime, secretariat: User
) -> None:
    """The history rows the services would have written: invited, started (the first answer), submitted,
    validated."""
    steps = [
        (ResponseStatus.NOT_STARTED, history_reason("index.response_invited"), False),
        (ResponseStatus.IN_PROGRESS, "", True),
        (ResponseStatus.SUBMITTED, history_reason("index.response_submitted"), True),
        (ResponseStatus.VALIDATED, history_reason("index.response_validated"), True),
    ]
    for status, reason, update in steps:
        states = []
        for response, story in zip(responses, stories, strict=True):
            state = copy.copy(response)
            state.status = status
            when = {
                ResponseStatus.NOT_STARTED: invited,
                ResponseStatus.IN_PROGRESS: story.moments[0] if story.moments else invited,
                ResponseStatus.SUBMITTED: story.submitted,
                ResponseStatus.VALIDATED: story.validated,
            }[status]
            if status in (ResponseStatus.NOT_STARTED, ResponseStatus.IN_PROGRESS):
                state.submitted_at = None
            if status != ResponseStatus.VALIDATED:
                state.validated_at, state.validated_by = None, None
            state.updated = when
            state._history_date = when  # type: ignore[attr-defined]
            by = secretariat if status in (ResponseStatus.NOT_STARTED, ResponseStatus.VALIDATED) else None
            record_change(state, by=by, reason=reason)
            states.append(state)
        Response.history.bulk_history_create(states, update=update)


# ---------------------------------------------------------------------------------------------------
# The open round, played through the services


@dataclass
class _OpenRound:
    rng: random.Random
    round: Round
    structure: Structure
    secretariat: User
    counts: Counter[str]

    def invite(self, city: City, day: datetime.date) -> Response:
        with _at(_moment(day, 30)):
            round_services.round_invite(round=self.round, cities=[city], by=self.secretariat)
        return Response.objects.get(round=self.round, city=city)

    def save(
        self,
        response: Response,
        answers: list[_Answer],
        first: datetime.date,
        last: datetime.date,
        by: User | None,
        *,
        one_by_one: bool = False,
    ) -> None:
        """Save the answers at moments spread between two days. The first goes through the service (it
        starts the response); the others too when `one_by_one`, else they are inserted at once."""
        moments = _spread(self.rng, first, last, len(answers))
        count = len(answers) if one_by_one else min(1, len(answers))
        for answer, moment in zip(answers[:count], moments[:count], strict=True):
            with _at(moment):
                response_services.answer_save(
                    response=response,
                    question=answer.question,
                    by=by,
                    value=answer.value,
                    explanation=answer.explanation or None,
                    links=answer.links or None,
                )
        rest = list(zip(answers[count:], moments[count:], strict=True))
        _insert_answers([(response, answer, moment) for answer, moment in rest], by)
        self.counts["answers"] += len(answers)

    def submit(self, response: Response, day: datetime.date, by: User | None) -> Response:
        with _at(_moment(day, self.rng.randint(300, 480))):
            return response_services.response_submit(response=response, by=by)

    def ask(self, response: Response, question: str, body: str, day: datetime.date) -> CommentThread:
        with _at(_moment(day, self.rng.randint(0, 120))):
            return review.thread_open(response=response, question=question, body=body, by=self.secretariat)

    def reply(self, thread: CommentThread, body: str, day: datetime.date, by: User) -> None:
        with _at(_moment(day, self.rng.randint(0, 400))):
            review.comment_add(thread=thread, body=body, by=by)


def _open_round(
    rng: random.Random,
    questionnaire: Questionnaire,
    profiles: dict[str, _Profile],
    people: dict[str, User],
    counts: Counter[str],
) -> Round:
    spec = data.ROUND_2026
    secretariat = people["secretariat"]
    round = _round_through_services(spec, questionnaire, secretariat)
    play = _OpenRound(rng, round, structure_of(questionnaire), secretariat, counts)
    year = spec.opens_on.year
    for name, state, share in data.ROUND_2026_PLAN:
        profile = profiles[name]
        city = profile.city
        invited = spec.opens_on
        if city.status == CityStatus.CANDIDATE:  # invited once its application is in
            applied = AccessionStep.objects.get(city=city, step=AccessionStepKind.APPLICATION_RECEIVED).date
            invited = max(invited, applied + datetime.timedelta(days=7))
        response = play.invite(city, invited)
        counts[f"Index 2026 responses ({state.replace('_', ' ')})"] += 1
        if state == "not_started":
            continue
        answers = _answers(rng, play.structure, profile, year)
        if name == "Strasbourg":
            _strasbourg(play, response, profile, answers, people)
            continue
        by = people.get(name)
        if state == "in_progress":
            first = _day_between(rng, max(invited, datetime.date(2026, 2, 2)), datetime.date(2026, 6, 30))
            last = _day_between(rng, first + datetime.timedelta(days=10), LAST_DEMO_DAY)
            play.save(response, _part(rng, play.structure, answers, share), first, last, by)
            continue
        answers = _leave_some_out(rng, play.structure, answers, share)
        submitted = {
            "submitted": _day_between(rng, datetime.date(2026, 9, 1), datetime.date(2026, 10, 28)),
            "returned": _day_between(rng, datetime.date(2026, 7, 1), datetime.date(2026, 8, 31)),
            "validated": _day_between(rng, datetime.date(2026, 5, 15), datetime.date(2026, 8, 31)),
            "reopened": datetime.date(2026, 5, 20),
        }[state]
        if city.status == CityStatus.CANDIDATE:
            submitted = min(
                invited + datetime.timedelta(days=rng.randint(30, 70)),
                LAST_DEMO_DAY - datetime.timedelta(days=1),
            )
        first = invited + datetime.timedelta(days=rng.randint(1, 30))
        if first >= submitted:
            first = invited
        last = submitted - datetime.timedelta(days=1)
        play.save(response, answers, first, last, by, one_by_one=name in data.DEMO_ACCOUNT_CITIES)
        response = play.submit(response, submitted, by)
        if state == "returned":
            _returned(play, response, profile, submitted, by)
        elif state in ("validated", "reopened"):
            _validated(play, response, profile, submitted, state)
    return round


def _strasbourg(
    play: _OpenRound, response: Response, profile: _Profile, answers: list[_Answer], people: dict[str, User]
) -> None:
    """The demo coordinator's city: in progress, two sections assigned to the contributor, one question
    from the secretariat waiting for an answer."""
    coordinator, contributor = people["coordinator"], people["contributor"]
    mine = _part(play.rng, play.structure, answers, data.STRASBOURG_COORDINATOR)
    play.save(
        response, mine[:8], datetime.date(2026, 3, 2), datetime.date(2026, 3, 3), coordinator, one_by_one=True
    )
    for day, area in enumerate(data.STRASBOURG_CONTRIBUTOR, start=5):
        with _at(_moment(datetime.date(2026, 3, day))):
            response_services.section_assign(response=response, area=area, user=contributor, by=coordinator)
    theirs = _part(play.rng, play.structure, answers, data.STRASBOURG_CONTRIBUTOR)
    play.save(
        response,
        theirs,
        datetime.date(2026, 3, 20),
        datetime.date(2026, 10, 15),
        contributor,
        one_by_one=True,
    )
    play.save(
        response,
        mine[8:],
        datetime.date(2026, 3, 9),
        datetime.date(2026, 10, 22),
        coordinator,
        one_by_one=True,
    )
    question, ask, _reply = next(q for q in _asked(response, profile) if q[0] == data.STRASBOURG_THREAD)
    play.ask(response, question, ask, datetime.date(2026, 10, 27))


def _asked(response: Response, profile: _Profile) -> list[tuple[str, str, str]]:
    """The review questions about answers this response gives: (question, ask, reply)."""
    answered = set(response.answers.filter(value__isnull=False).values_list("question", flat=True))
    return [
        (qid, profile.text(ask), profile.text(reply))
        for qid, ask, reply in data.REVIEW_QUESTIONS
        if qid in answered
    ]


def _returned(
    play: _OpenRound, response: Response, profile: _Profile, submitted: datetime.date, by: User | None
) -> None:
    """Questions on a few answers, the response returned; the city has replied to all but the last and
    revised the answers concerned."""
    rng = play.rng
    asked_on = submitted + datetime.timedelta(days=rng.randint(12, 25))
    threads = []
    for question, ask, reply in _asked(response, profile)[: data.RETURNED_THREADS]:
        threads.append((play.ask(response, question, ask, asked_on), reply))
    with _at(_moment(asked_on, 200)):
        review.response_return(response=response, by=play.secretariat, note=profile.text(data.RETURN_NOTE))
    replied = asked_on
    for thread, reply in threads[:-1]:
        replied = min(replied + datetime.timedelta(days=rng.randint(2, 9)), LAST_DEMO_DAY)
        if by is None:
            continue
        answer = response.answers.get(question=thread.question)
        area = play.structure.area_of(thread.question).id
        link = f"https://www.{profile.city.slug}.example.org/{data.LINK_PATHS.get(area, area)}/{replied.year}"
        with _at(_moment(replied, 30)):
            response_services.answer_save(
                response=response,
                question=thread.question,
                by=by,
                links=[*answer.links, link],
                reason=history_reason("index.answer_revised"),
            )
        play.reply(thread, reply, replied, by)


def _validated(
    play: _OpenRound, response: Response, profile: _Profile, submitted: datetime.date, state: str
) -> None:
    rng = play.rng
    validated = min(submitted + datetime.timedelta(days=rng.randint(10, 40)), datetime.date(2026, 10, 20))
    if profile.name in data.RESOLVED_THREADS:
        for question, ask, _reply in _asked(response, profile)[:1]:
            thread = play.ask(response, question, ask, validated - datetime.timedelta(days=6))
            with _at(_moment(validated, 60)):
                review.thread_resolve(thread=thread, by=play.secretariat)
    with _at(_moment(validated, 120)):
        review.response_validate(response=response, by=play.secretariat)
    if state == "reopened":
        with _at(_moment(datetime.date(2026, 10, 6), 60)):
            review.response_reopen(
                response=response, by=play.secretariat, reason=profile.text(data.REOPEN_REASON)
            )


# ---------------------------------------------------------------------------------------------------
# People


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace(" ", "")


def _city_coordinator(rng: random.Random, city: City, secretariat: User, counts: Counter[str]) -> User:
    """A coordinator for a city without a demo account, who replies to the secretariat's questions:
    the city's intercultural coordinator from its contacts, or an invented one. Cannot sign in."""
    contact = (
        CityContact.objects.filter(city=city, position="Intercultural coordinator").order_by("pk").first()
    )
    if contact is not None:
        name, email = contact.name, contact.email
    else:
        language = COUNTRY_LANGUAGE.get(city.country, "en")
        firsts, lasts = (names.split(", ") for names in PERSON_NAMES.get(language, PERSON_NAMES["en"]))
        first, last = rng.choice(firsts), rng.choice(lasts)
        name, email = f"{first} {last}", f"{_ascii(first)}.{_ascii(last)}@{city.slug}.example.org"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create(
            email=email, full_name=name, language=_language(city), password=make_password(None)
        )
        counts["city coordinators (cannot sign in)"] += 1
    role_grant(user=user, kind=RoleKind.CITY_COORDINATOR, by=secretariat, city=city)
    return user


def _people(rng: random.Random, cities: dict[str, City], counts: Counter[str]) -> dict[str, User]:
    """Who acts in the open round: the demo accounts, and a coordinator for each returned city."""
    users = {user.email: user for user in User.objects.filter(email__in=[spec.email for spec in ACCOUNTS])}
    secretariat = users[ACCOUNTS[0].email]
    people = {
        "secretariat": secretariat,
        "coordinator": users["coordinator@demo.icc"],
        "contributor": users["contributor@demo.icc"],
        "Lisbon": users["multi@demo.icc"],
    }
    for name, state, _share in data.ROUND_2026_PLAN:
        if state == "returned":
            people[name] = _city_coordinator(rng, cities[name], secretariat, counts)
    return people


# ---------------------------------------------------------------------------------------------------
# Entry point


def load_index_demo(rng: random.Random | None = None) -> IndexDemoResult:
    """Load the Index demo on the demo network, once: a database that has any round keeps it, and a
    register that is not the demo one gets nothing."""
    if Round.objects.exists():
        return IndexDemoResult(loaded=False, note="kept")
    demo_people = User.objects.filter(email__in=[spec.email for spec in ACCOUNTS]).count() == len(ACCOUNTS)
    demo_cities = City.objects.filter(name_en__in=[name for name, _s, _share in data.ROUND_2026_PLAN]).count()
    if not (
        network_settings().shows_demo_notice and demo_people and demo_cities == len(data.ROUND_2026_PLAN)
    ):
        return IndexDemoResult(loaded=False, note="no demo network")
    started = time.perf_counter()
    with muted_mail(), transaction.atomic():
        counts = _load(rng or random.Random(data.SEED))
    return IndexDemoResult(loaded=True, seconds=time.perf_counter() - started, counts=counts)


def _load(rng: random.Random) -> dict[str, int]:
    counts: Counter[str] = Counter()
    questionnaire_load_shipped(by=None)
    versions = {q.key: q for q in Questionnaire.objects.filter(key__in=["icc-2009", "icc-2019", "icc-2026"])}
    area_ids = sorted({area.id for q in versions.values() for area in structure_of(q).areas})
    cities = {city.name_en: city for city in City.objects.order_by("name_en")}
    profiles = _profiles(rng, list(cities.values()), area_ids)
    people = _people(rng, cities, counts)
    secretariat = people["secretariat"]
    planned_2026 = [name for name, _state, _share in data.ROUND_2026_PLAN]

    spec = data.ROUND_2014
    pool = [p for p in profiles.values() if _eligible(p.city, spec.opens_on.year)]
    preferred = sorted(data.FAMOUS) + planned_2026
    chosen_2014 = _pick(rng, pool, data.ALWAYS, preferred, spec.size)
    _closed_round(rng, spec, versions[spec.questionnaire], chosen_2014, secretariat, counts)

    spec = data.ROUND_2022
    year = spec.opens_on.year
    earlier = [p for p in chosen_2014 if _eligible(p.city, year)]
    again = _pick(rng, earlier, data.ALWAYS, preferred, spec.from_earlier)
    pool = [p for p in profiles.values() if _eligible(p.city, year) and p not in chosen_2014]
    chosen_2022 = again + _pick(rng, pool, [], preferred, spec.size - len(again))
    _closed_round(rng, spec, versions[spec.questionnaire], chosen_2022, secretariat, counts)

    steps_before = AccessionStep.objects.filter(step=AccessionStepKind.INDEX_SUBMITTED).count()
    _open_round(rng, versions[data.ROUND_2026.questionnaire], profiles, people, counts)
    advanced = AccessionStep.objects.filter(step=AccessionStepKind.INDEX_SUBMITTED).count() - steps_before
    return {
        "rounds": Round.objects.count(),
        **{name: n for name, n in counts.items() if name.startswith("Index")},
        "answers": counts["answers"],
        "comment threads": CommentThread.objects.count(),
        "comments": Comment.objects.count(),
        "city coordinators (cannot sign in)": counts["city coordinators (cannot sign in)"],
        "candidates whose submission is their accession step": advanced,
    }


# ---------------------------------------------------------------------------------------------------
# Publication of the closed rounds' results

# Most cities agree to publish, a few refuse, some have not answered; the demo coordinator's city
# (Strasbourg) is left undecided in its latest round, so that the button is there to try.
PUBLICATION_SHARES = {"agree": 0.86, "refuse": 0.06}
UNDECIDED_CITY = "Strasbourg"


def load_publication_demo(rng: random.Random | None = None) -> int:
    """Record the cities' publication decisions on the demo's closed, scored rounds and publish their
    results a month after closing, once: a database where a decision exists keeps what it has.
    Returns the number of cities whose results are public."""
    if Response.objects.filter(publication_decided_at__isnull=False).exists():
        return 0
    rng = rng or random.Random(data.SEED + 7)
    secretariat = User.objects.filter(email=ACCOUNTS[0].email).first()
    rounds = Round.objects.filter(
        status=RoundStatus.CLOSED, results_published_at__isnull=True, scores__isnull=False
    ).order_by("opens_on")
    latest = {}
    for response in Response.objects.filter(round__in=rounds, status=ResponseStatus.VALIDATED).order_by(
        "round__opens_on"
    ):
        latest[response.city_id] = response.pk
    public = 0
    for round in rounds:
        responses = list(
            round.responses.filter(status=ResponseStatus.VALIDATED)
            .select_related("city")
            .order_by("city__name")
        )
        for response in responses:
            draw = rng.random()
            if response.city.name_en == UNDECIDED_CITY and latest.get(response.city_id) == response.pk:
                continue
            if draw < PUBLICATION_SHARES["agree"] + PUBLICATION_SHARES["refuse"]:
                agreed = draw < PUBLICATION_SHARES["agree"]
                assert response.validated_at is not None
                with _at(response.validated_at + datetime.timedelta(days=rng.randint(3, 40))):
                    publication_services.response_publication_decide(
                        response=response, agreed=agreed, by=secretariat
                    )
                public += agreed
        closed = round.history.filter(status=RoundStatus.CLOSED).order_by("history_date").last()
        moment = (closed.history_date if closed else timezone.now()) + datetime.timedelta(days=45)
        with _at(min(moment, timezone.now())):
            publication_services.round_results_publish(round=round, by=secretariat)
    return public
