"""Nothing unpublished or internal ever leaves through a public channel.

The data: the `world` of tests/public/test_city_pages.py (a published round where Lyon and Reggio Emilia
agreed, Porto refused, Bergamo never submitted; a later round whose results are not published), with
Porto renamed "Unpublishedville" and every secret given a distinctive marker value: the refused city's
scores are 13.37, the unvalidated response's (stale) scores 24.68, the unpublished round's 35.79, and
contacts, notes, fees, accession documents, review comments, answers' explanations and draft reports
carry a text no page would ever contain by chance.

Each channel (pages reached by crawling from `/`, open-data downloads, `sitemap.xml`, the API, report
downloads) is searched for every marker, and also for a published value, so that a channel that served
nothing at all would fail too.
"""

import datetime
import html
import io
import json
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import factory.random
import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, TestCase, override_settings
from django.urls import Resolver404, URLPattern, resolve, reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from icc.accounts.models import RoleKind, User
from icc.accounts.services import api_token_create
from icc.activities.models import Audience, Event, EventStatus
from icc.activities.services.events import event_create
from icc.activities.services.registrations import contact_create, registration_create
from icc.gaps.models import Indicator, Observation
from icc.gaps.services.compute import city_gaps_recompute
from icc.gaps.services.observations import GroupFigures, group_create, observations_enter
from icc.gaps.services.publication import city_gaps_publish
from icc.index.models import (
    Answer,
    Comment,
    CommentThread,
    EvidenceFile,
    Response,
    ResponseScore,
    Round,
    RoundScores,
    RoundStatus,
)
from icc.index.selectors.scores import score_text
from icc.index.services.publication import response_publication_decide, round_results_publish
from icc.index.services.responses import answer_save
from icc.index.services.rounds import round_change_status
from icc.network.models import AccessionDocument, City, CityStatus, NetworkPlan
from icc.outreach.models import NewsItem
from icc.public import urls as public_urls
from icc.reports.models import ReportVersion
from icc.reports.services.drafts import report_comment_update, report_generate_draft
from icc.reports.services.publishing import report_publish
from icc.strategies.models import Strategy
from icc.surveys.models import Survey
from tests.factories import (
    AccessionStepFactory,
    CityContactFactory,
    CityFactory,
    MembershipPeriodFactory,
    NationalNetworkFactory,
    NetworkPlanFactory,
    ResponseFactory,
    RoundFactory,
    UserFactory,
    grant,
)
from tests.gaps.reading_data import FOREIGN_BORN_2024, enter_lyon_gaps
from tests.index.helpers import ANSWERS, fill_and_submit, validate

REFUSED_SCORE = 13.37  # Unpublishedville: validated, but the city refused publication
UNVALIDATED_SCORE = 24.68  # Bergamo: a stale score on a response that was never validated
UNPUBLISHED_ROUND_SCORE = 35.79  # Lyon in a round whose results are not published
UNPUBLISHED_ROUND = "Secret Round 2029"
UNPUBLISHED_GAP_GROUP = "SECRET-GAP-GROUP-MARKER"  # Unpublishedville's gaps, never published
UNPUBLISHED_GAP = (1234, 2345)  # its focal group's counts: a rate of 0.5262260127931769
WITHHELD_GAP = (7, 23)  # Lyon's non-EU nationals: withheld (too few people), a rate of 0.30434782608695654


@dataclass
class World:
    round: Round  # results published
    lyon: Response  # agreed
    reggio: Response  # agreed
    porto: Response  # Unpublishedville: refused
    bergamo: Response  # answering, never validated (agreement recorded all the same)
    later: Round  # results not published
    later_lyon: Response  # validated and agreed


@dataclass(frozen=True)
class Marker:
    label: str
    texts: tuple[str, ...]  # any of these, found anywhere, is a leak
    city: str | None = None  # the slug of the city it belongs to (its own people may see it)


def _score_texts(value: float) -> tuple[str, ...]:
    """A score as files hold it (unrounded) and as pages show it (one decimal), in English and French."""
    shown = f"{value:.1f}"
    return (repr(value), repr(value).replace(".", ","), shown, shown.replace(".", ","))


def _marker_pattern(text: str) -> re.Pattern[str]:
    """A marker as it would stand in a page or a file.

    A number counts only as a whole number: "24.7" is not found inside "02:37:24.712345" (a timestamp whose
    seconds happen to start so), nor "13.4" inside "113.45"; any other marker is found anywhere."""
    if NUMBER.fullmatch(text):
        return re.compile(rf"(?<!\d)(?<!\d[.,]){re.escape(text)}(?!\d)")
    return re.compile(re.escape(text))


NUMBER = re.compile(r"[\d.,  +-]+")


@dataclass
class Leaky:
    media: Path
    world: World
    markers: list[Marker]
    lyon_aggregate: float  # published: must appear where published results are served
    lyon_version: ReportVersion  # Lyon's published report
    refused_version: ReportVersion  # Unpublishedville's report, published by the secretariat all the same
    extra: dict[str, Any] = field(default_factory=dict)

    def leaks(self, text: str, *, exempt: Collection[str] = ()) -> list[str]:
        """The markers found in `text`, except those labelled in `exempt`."""
        return [
            f"{m.label} ({t!r})"
            for m in self.markers
            if m.label not in exempt
            for t in m.texts
            if _marker_pattern(t).search(text)
        ]

    def of_city(self, slug: str) -> set[str]:
        """The labels of a city's own markers: what its own people may see."""
        return {m.label for m in self.markers if m.city == slug}


def _mark_scores(response: Response, value: float) -> None:
    """Give a response's stored scores (and its entry in the round's document) a distinctive value."""
    stored = ResponseScore.objects.get(response=response)
    original = dict(stored.scores)
    scores = dict(stored.scores)
    scores["aggregate"] = value
    scores["areas"] = {area: value for area in scores.get("areas", {})}
    scores["groups"] = {group: value for group in scores.get("groups", {})}
    stored.scores = scores
    stored.save()
    round_scores = RoundScores.objects.get(round=response.round)
    document = round_scores.document
    document["cities"] = [scores if entry == original else entry for entry in document["cities"]]
    round_scores.document = document
    round_scores.save()


def _build_world(capture: Any) -> World:
    """As tests/public/test_city_pages.py's `world`, built once for the module (it takes long)."""
    alice = UserFactory(email="alice@example.org", full_name="Alice Martin")
    grant(alice, RoleKind.SECRETARIAT)
    rici = NationalNetworkFactory(
        name_en="Italian network of intercultural cities", slug="rici", country="IT"
    )
    lyon = CityFactory(name_en="Lyon", slug="lyon", country="FR", population=522_000)
    refused = CityFactory(name_en="Unpublishedville", slug="unpublishedville", country="NL")
    reggio = CityFactory(name_en="Reggio Emilia", slug="reggio-emilia", country="IT", national_network=rici)
    bergamo = CityFactory(
        name_en="Bergamo", slug="bergamo", country="IT", status=CityStatus.CANDIDATE, national_network=rici
    )
    bob = UserFactory(email="bob@example.org", full_name="Bob Durand")
    grant(bob, RoleKind.CITY_COORDINATOR, city=lyon)
    UserFactory(email="grace@example.org", full_name="Grace Novak")

    # An earlier published round for Lyon and Reggio Emilia: their pages show progress between rounds
    # (and its downloads), which must never include the unpublished later round.
    earlier = RoundFactory(
        name="Index 2023",
        opens_on=datetime.date(2023, 9, 1),
        deadline=datetime.date(2023, 12, 15),
    )
    for city, answers in ((lyon, "Reggio Emilia"), (reggio, "Lyon")):
        response = ResponseFactory(round=earlier, city=city)
        fill_and_submit(response, answers)
        validate(response, alice, capture)
    round_change_status(round=earlier, status=RoundStatus.CLOSED, by=alice)
    for response in Response.objects.filter(round=earlier):
        response_publication_decide(response=response, agreed=True, by=alice)
    round_results_publish(round=earlier, by=alice)

    index_round = RoundFactory(name="Index 2026", questionnaire=earlier.questionnaire)
    validated = {}
    for city, answers in ((lyon, "Lyon"), (refused, "Porto"), (reggio, "Reggio Emilia")):
        response = ResponseFactory(round=index_round, city=city)
        fill_and_submit(response, answers)
        validated[city.slug] = validate(response, alice, capture)
    bergamo_response = ResponseFactory(round=index_round, city=bergamo)
    for question, value in ANSWERS["Bergamo"].items():
        answer_save(response=bergamo_response, question=question, value=value, by=None, check_access=False)
    round_change_status(round=index_round, status=RoundStatus.CLOSED, by=alice)
    for slug, agreed in (("lyon", True), ("reggio-emilia", True), ("unpublishedville", False)):
        validated[slug] = response_publication_decide(response=validated[slug], agreed=agreed, by=alice)
    Response.objects.filter(pk=bergamo_response.pk).update(publication_agreed=True)
    round_results_publish(round=index_round, by=alice)

    later = RoundFactory(
        name=UNPUBLISHED_ROUND,
        questionnaire=index_round.questionnaire,
        opens_on=datetime.date(2029, 9, 1),
        deadline=datetime.date(2029, 12, 15),
    )
    later_lyon = ResponseFactory(round=later, city=lyon)
    fill_and_submit(later_lyon, "Porto")
    later_lyon = validate(later_lyon, alice, capture)
    later_lyon = response_publication_decide(response=later_lyon, agreed=True, by=alice)
    index_round.refresh_from_db()
    return World(
        round=index_round,
        lyon=validated["lyon"],
        reggio=validated["reggio-emilia"],
        porto=validated["unpublishedville"],
        bergamo=bergamo_response,
        later=later,
        later_lyon=later_lyon,
    )


PUBLISHED_PROFILE_TEXT = "PUBLISHED-PROFILE-TEXT"  # Lyon's French profile: published, must show


def _expert_profiles(lyon: City, refused: City) -> list[Marker]:
    """A first visit to Lyon whose French profile is published (its review comment never public) and whose
    English profile is only shared with the city; a draft profile of the refused city; the visits' records."""
    from icc.experts.models import (
        Profile,
        ProfileArea,
        ProfileComment,
        ProfileStatus,
        StakeholderMeeting,
        Visit,
    )
    from tests.experts.profile_fixtures import first_visit

    expert = UserFactory(email="ivan@example.org", full_name="Ivan Horvat")
    grant(expert, RoleKind.EXPERT)
    now = datetime.datetime(2026, 5, 4, 10, 0, tzinfo=datetime.UTC)
    markers = []
    for city, profiles in (
        (lyon, [("fr", ProfileStatus.PUBLISHED, PUBLISHED_PROFILE_TEXT), ("en", ProfileStatus.SHARED, None)]),
        (refused, [("en", ProfileStatus.ACCEPTED, None)]),
    ):
        slug = city.slug
        visit = Visit.objects.create(
            assignment=first_visit(city, expert), agenda=f"VISIT-AGENDA-MARKER-{slug}"
        )
        StakeholderMeeting.objects.create(
            visit=visit, category="media", count=2, note=f"MEETING-MARKER-{slug}"
        )
        for language, status, text in profiles:
            published = status == ProfileStatus.PUBLISHED
            summary = text or f"UNPUBLISHED-PROFILE-MARKER-{slug}-{language}"
            profile = Profile.objects.create(
                visit=visit, language=language, status=status, summary=summary, shared_at=now,
                city_agreed_at=now if published else None, published_at=now if published else None,
            )  # fmt: skip
            ProfileArea.objects.create(profile=profile, area="education", strengths=f"{summary} (education)")
            ProfileComment.objects.create(profile=profile, text=f"PROFILE-COMMENT-MARKER-{slug}-{language}")
            markers.append(Marker(f"{slug}: a profile's review", (f"PROFILE-COMMENT-MARKER-{slug}",), slug))
            if not published:
                markers.append(Marker(f"{slug}: an unpublished profile", (summary,), slug))
        markers.append(
            Marker(
                f"{slug}: a visit's record", (f"VISIT-AGENDA-MARKER-{slug}", f"MEETING-MARKER-{slug}"), slug
            )
        )
    return markers


def _events(alice: User, lyon: City, refused: City) -> list[Marker]:
    """A public event on the public site (a participant who said yes to the public list, one who did not, and
    their needs), a draft and an event for member cities only, which the public never sees."""
    start = datetime.datetime(2030, 5, 14, 9, tzinfo=datetime.UTC)
    published = event_create(
        actor=alice,
        kind_key="conference",
        title_en="Open conference on welcoming cities",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=8),
        audience=Audience.PUBLIC,
        host_city=lyon,
        status=EventStatus.PUBLISHED,
    )
    for name, shown, needs in (
        ("Shown Participant", True, ""),
        ("HIDDEN-PARTICIPANT-MARKER", False, "NEEDS-MARKER wheelchair access"),
    ):
        contact = contact_create(
            actor=None, full_name=name, email=f"{name.lower().replace(' ', '-')}@example.net", consent=True
        )
        registration_create(
            actor=None, event=published, contact=contact, needs=needs, show_name_publicly=shown, city=refused
        )
    for title, audience, status in (
        ("DRAFT-EVENT-MARKER", Audience.PUBLIC, EventStatus.DRAFT),
        ("MEMBERS-EVENT-MARKER", Audience.MEMBER_CITIES, EventStatus.PUBLISHED),
    ):
        event_create(
            actor=alice,
            kind_key="thematic_workshop",
            title_en=title,
            starts_at=start,
            ends_at=start,
            audience=audience,
            status=status,
        )
    return [
        Marker(
            "an event's unpublished or members-only records", ("DRAFT-EVENT-MARKER", "MEMBERS-EVENT-MARKER")
        ),
        Marker(
            "an event's participants who did not want to be listed, and their needs",
            ("HIDDEN-PARTICIPANT-MARKER", "hidden-participant-marker@", "NEEDS-MARKER"),
        ),
    ]


def _build(media: Path) -> Leaky:
    factory.random.reseed_random("no-leaks")  # built before any test's own seeding: the same people every run
    world = _build_world(TestCase.captureOnCommitCallbacks)
    alice = User.objects.get(email="alice@example.org")
    lyon, bergamo, refused = world.lyon.city, world.bergamo.city, world.porto.city

    # Scores nobody may see.
    _mark_scores(world.porto, REFUSED_SCORE)
    _mark_scores(world.later_lyon, UNPUBLISHED_ROUND_SCORE)
    bergamo_scores = dict(ResponseScore.objects.get(response=world.lyon).scores)
    bergamo_scores.update(
        aggregate=UNVALIDATED_SCORE, areas=dict.fromkeys(bergamo_scores["areas"], UNVALIDATED_SCORE)
    )
    ResponseScore.objects.create(
        response=world.bergamo,
        questionnaire=world.round.questionnaire.key,
        engine_version="stale",
        computed_at=world.lyon.validated_at,
        scores=bergamo_scores,
    )

    markers = [
        Marker("the refused city's scores", _score_texts(REFUSED_SCORE), "unpublishedville"),
        Marker("an unvalidated response's scores", _score_texts(UNVALIDATED_SCORE), "bergamo"),
        Marker("the unpublished round's scores", _score_texts(UNPUBLISHED_ROUND_SCORE), "lyon"),
        Marker("the unpublished round's name", (UNPUBLISHED_ROUND,), "lyon"),
        Marker("the secretariat's e-mail address", ("alice@example.org",)),
    ]

    # Internal records of the register: each city's own, so that a city's people may see theirs.
    for city, fee in ((lyon, "4242.17"), (refused, "4343.19")):
        slug = city.slug
        CityContactFactory(
            city=city, name=f"Contactperson-{slug}", email=f"secret-contact-{slug}@example.org",
            phone=f"+41 1337 {fee[:4]}",
        )  # fmt: skip
        MembershipPeriodFactory(
            city=city,
            amount=Decimal(fee),
            invoice_reference=f"INVOICE-MARKER-{slug}",
            note=f"FEE-NOTE-{slug}",
        )
        City.objects.filter(pk=city.pk).update(
            notes=f"INTERNAL-NOTE-MARKER-{slug}", eligibility_justification=f"ELIGIBILITY-MARKER-{slug}"
        )
        grouped = f"{fee[0]},{fee[1:]}"
        markers += [
            Marker(
                f"{slug}: a contact",
                (f"Contactperson-{slug}", f"secret-contact-{slug}@", f"1337 {fee[:4]}"),
                slug,
            ),
            Marker(
                f"{slug}: a fee",
                (f"INVOICE-MARKER-{slug}", f"FEE-NOTE-{slug}", fee, grouped, fee.replace(".", ",")),
                slug,
            ),
            Marker(
                f"{slug}: an internal note",
                (f"INTERNAL-NOTE-MARKER-{slug}", f"ELIGIBILITY-MARKER-{slug}"),
                slug,
            ),
        ]
    step = AccessionStepFactory(city=bergamo, note="ACCESSION-NOTE-MARKER")
    AccessionDocument.objects.create(
        step=step,
        title="ACCESSION-DOC-MARKER",
        file=ContentFile(b"%PDF-1.4 accession", name="accession-marker.pdf"),
    )
    plan = NetworkPlanFactory(network=world.reggio.city.national_network)
    NetworkPlan.objects.filter(pk=plan.pk).update(secretariat_comments="PLAN-COMMENT-MARKER")
    markers += [
        Marker(
            "bergamo: an accession document",
            ("ACCESSION-NOTE-MARKER", "ACCESSION-DOC-MARKER", "accession-marker"),
            "bergamo",
        ),
        Marker("a network plan's review", ("PLAN-COMMENT-MARKER",)),
    ]

    # The Index work behind the scores: answers' explanations, evidence, review.
    for response in (world.lyon, world.porto, world.bergamo):
        slug = response.city.slug
        Answer.objects.filter(response=response).update(
            explanation=f"EXPLANATION-MARKER-{slug}",
            links=[f"https://evidence-link-marker-{slug}.example.org/"],
        )
        answer = Answer.objects.filter(response=response).first()
        EvidenceFile.objects.create(
            answer=answer, file=ContentFile(b"evidence", name=f"evidence-file-{slug}.pdf"),
            name=f"EVIDENCE-MARKER-{slug}.pdf", size=8,
        )  # fmt: skip
        thread = CommentThread.objects.create(response=response, question=answer.question, opened_by=alice)
        Comment.objects.create(thread=thread, author=alice, body=f"REVIEW-COMMENT-MARKER-{slug}")
        Response.objects.filter(pk=response.pk).update(review_note=f"REVIEW-NOTE-MARKER-{slug}")
        markers += [
            Marker(f"{slug}: answers' explanations", (f"EXPLANATION-MARKER-{slug}",), slug),
            Marker(f"{slug}: evidence files", (f"EVIDENCE-MARKER-{slug}", f"evidence-file-{slug}"), slug),
            Marker(f"{slug}: evidence links", (f"evidence-link-marker-{slug}",), slug),
            Marker(f"{slug}: review", (f"REVIEW-COMMENT-MARKER-{slug}", f"REVIEW-NOTE-MARKER-{slug}"), slug),
        ]

    # Reports: Lyon's published version, then a draft change not published; the refused city's report
    # published by the secretariat (its results are not public, so neither is its report).
    report = report_generate_draft(response=world.lyon, by=alice)
    report_comment_update(
        report=report, language="en", texts={"summary": "Published commentary of Lyon."}, by=alice
    )
    lyon_version = report_publish(report=report, by=alice)
    report_comment_update(
        report=report, language="en", texts={"summary": "DRAFT-COMMENTARY-MARKER"}, by=alice
    )
    refused_report = report_generate_draft(response=world.porto, by=alice)
    report_comment_update(
        report=refused_report, language="en", texts={"summary": "REFUSED-REPORT-MARKER"}, by=alice
    )
    refused_version = report_publish(report=refused_report, by=alice)
    markers += [
        Marker("lyon: a draft report", ("DRAFT-COMMENTARY-MARKER",), "lyon"),
        Marker("unpublishedville: its report", ("REFUSED-REPORT-MARKER",), "unpublishedville"),
    ]
    # Gaps between communities: Lyon publishes its gaps (one of them withheld: too few people), the city
    # that refused publication of its Index results keeps its gaps unpublished.
    lyon_groups = enter_lyon_gaps(lyon, alice)
    city_gaps_publish(city=lyon, by=alice)
    withheld = Observation.objects.get(city=lyon, group=lyon_groups["non_eu_nationals"], period="2024")
    Observation.objects.filter(pk=withheld.pk).update(numerator=WITHHELD_GAP[0], denominator=WITHHELD_GAP[1])
    city_gaps_recompute(city=lyon)
    reference = group_create(city=refused, by=alice, key="native_born", name="Native-born")
    secret = group_create(city=refused, by=alice, key="secret_group", name=UNPUBLISHED_GAP_GROUP)
    observations_enter(
        city=refused,
        by=alice,
        indicator=Indicator.objects.get(key="employment_rate"),
        period="2024",
        reference=GroupFigures(reference, numerator=2900, denominator=4100),
        focal=GroupFigures(secret, numerator=UNPUBLISHED_GAP[0], denominator=UNPUBLISHED_GAP[1]),
    )
    markers += [
        Marker(
            "unpublishedville: its unpublished gaps",
            (UNPUBLISHED_GAP_GROUP, repr(UNPUBLISHED_GAP[0] / UNPUBLISHED_GAP[1])),
            "unpublishedville",
        ),
        Marker("lyon: a withheld gap's rate", (repr(WITHHELD_GAP[0] / WITHHELD_GAP[1]),), "lyon"),
    ]
    markers += _expert_profiles(lyon, refused)
    markers += _events(alice, lyon, refused)
    return Leaky(
        media=media,
        world=world,
        markers=markers,
        lyon_aggregate=ResponseScore.objects.get(response=world.lyon).scores["aggregate"],
        lyon_version=lyon_version,
        refused_version=refused_version,
    )


@pytest.fixture(scope="module")
def leaky(django_db_setup: None, django_db_blocker: Any, tmp_path_factory: Any) -> Iterator[Leaky]:
    """Built once for the module inside a transaction rolled back at its end: building it (scores,
    report PDFs) takes a minute, and no test here writes."""
    media = tmp_path_factory.mktemp("leaks-media")
    fast = override_settings(
        MEDIA_ROOT=media, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    )
    with fast, django_db_blocker.unblock(), transaction.atomic():
        try:
            yield _build(media)
        finally:
            transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _in_the_leaky_world(leaky: Leaky, db: None, settings: Any, django_db_blocker: Any) -> Iterator[None]:
    settings.MEDIA_ROOT = leaky.media  # where the module's report files are (conftest moves it per test)
    settings.API_RATE_ANON = settings.API_RATE_USER = "10000/min"  # the API walk makes many calls
    cache.clear()
    with django_db_blocker.unblock():
        yield


# Reading what a channel serves -----------------------------------------------------------------------


def _body(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _text(response: Any) -> str:
    """What a person (or a program) reads in a response: the text of HTML, CSV, JSON, XML, XLSX or PDF."""
    return _decoded(_body(response), response.get("Content-Type", ""))


def _decoded(data: bytes, kind: str) -> str:
    if "pdf" in kind:
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    if "spreadsheet" in kind:
        book = load_workbook(io.BytesIO(data), read_only=True)
        return "\n".join(
            "\t".join("" if v is None else str(v) for v in row)
            for sheet in book
            for row in sheet.iter_rows(values_only=True)
        )
    text = data.decode("utf-8", errors="replace")
    return html.unescape(text) if "html" in kind or "xml" in kind else text


LINK = re.compile(r"""(?:href|src)\s*=\s*["']([^"'#]*)""")
LOC = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>")
# Not pages: static files, and the admin's login form (its own app, no data).
SKIPPED = ("/static/", "/admin/")


@dataclass
class Fetched:
    status: int
    kind: str
    text: str


def _links(base: str, fetched: Fetched, raw: str) -> Iterable[str]:
    found = LOC.findall(raw) if "xml" in fetched.kind else LINK.findall(raw) if "html" in fetched.kind else []
    if base == "/robots.txt":
        found = [line.split(":", 1)[1].strip() for line in raw.splitlines() if line.startswith("Sitemap:")]
    for link in found:
        parts = urlsplit(urljoin("http://testserver" + base, html.unescape(link)))
        if parts.scheme in ("http", "https") and parts.netloc == "testserver":
            yield parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client: Client, starts: Iterable[str], *, depth: int = 4, limit: int = 700) -> dict[str, Fetched]:
    """Every same-site address reachable from `starts` by links (and redirects) within `depth` steps."""
    seen: dict[str, Fetched] = {}
    frontier = list(dict.fromkeys(starts))
    for _level in range(depth + 1):
        following: list[str] = []
        for url in frontier:
            if url in seen or url.startswith(SKIPPED) or len(seen) >= limit:
                continue
            response = client.get(url)
            kind = response.get("Content-Type", "")
            raw = _body(response)
            response_text = (
                _decoded(raw, kind) if response.status_code == 200 else raw.decode("utf-8", "replace")
            )
            seen[url] = fetched = Fetched(response.status_code, kind, response_text)
            if response.status_code in (301, 302, 303, 307, 308):
                following.append(urlsplit(response["Location"]).path)
            elif response.status_code == 200:
                following.extend(
                    _links(url, fetched, raw.decode("utf-8", "replace") if "pdf" not in kind else "")
                )
        frontier = following
    assert len(seen) < limit, (
        "the crawl hit its page limit: raise it, or the site links to too many addresses"
    )
    return seen


def _url_name(url: str) -> str | None:
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name


def _assert_no_leaks(leaky: Leaky, served: dict[str, str], *, exempt: Collection[str] = ()) -> None:
    leaks = {url: found for url, text in served.items() if (found := leaky.leaks(text, exempt=exempt))}
    assert not leaks, "internal or unpublished data served:\n" + "\n".join(
        f"{u}: {f}" for u, f in leaks.items()
    )


# What the city's published report quotes of its own answers (the city agreed to publish its report):
# its explanations and the public links it gave, never the names of the documents it attached.
QUOTED_IN_ITS_REPORT = {"lyon: answers' explanations", "lyon: evidence links"}


def _report_urls(version: ReportVersion) -> set[str]:
    return {reverse("reports:published_pdf", args=[version.pk, lang]) for lang in ("en", "fr")}


# Pages (and everything linked from them) -------------------------------------------------------------


@pytest.fixture(scope="module")
def site(leaky: Leaky, django_db_blocker: Any) -> dict[str, dict[str, Fetched]]:
    """The whole public site as an anonymous reader in English and in French, crawled from the home page."""
    starts = ["/", "/robots.txt", "/sitemap.xml"]
    with override_settings(MEDIA_ROOT=leaky.media), django_db_blocker.unblock():
        return {
            "en": crawl(Client(HTTP_ACCEPT_LANGUAGE="en"), starts),
            "fr": crawl(Client(HTTP_ACCEPT_LANGUAGE="fr"), starts),
        }


class TestPages:
    def test_the_crawl_reaches_every_public_page_type(self, site):
        reached = {_url_name(url) for url, page in site["en"].items() if page.status == 200}
        # The site's own pages; the good-practice collection (an include, public:practices:*) has its own
        # tests of what is public (tests/practices) and its pages need practices this world does not hold.
        expected = {
            f"public:{pattern.name}" for pattern in public_urls.urlpatterns if isinstance(pattern, URLPattern)
        }
        assert expected <= reached, f"never reached by links: {sorted(expected - reached)}"
        assert "reports:published_pdf" in reached

    @pytest.mark.parametrize("language", ["en", "fr"])
    def test_no_page_shows_internal_or_unpublished_data(self, leaky, site, language):
        lyon_report = _report_urls(leaky.lyon_version)
        pages = {url: page.text for url, page in site[language].items() if url not in lyon_report}
        _assert_no_leaks(leaky, pages)
        reports = {url: page.text for url, page in site[language].items() if url in lyon_report}
        assert reports, "the crawl never reached Lyon's published report"
        _assert_no_leaks(leaky, reports, exempt=QUOTED_IN_ITS_REPORT)

    def test_published_results_do_show_so_the_crawl_can_see_a_leak(self, leaky, site):
        lyon_page = site["en"]["/en/cities/lyon/"].text
        assert score_text(leaky.lyon_aggregate) in lyon_page
        assert score_text(leaky.lyon_aggregate).replace(".", ",") in site["fr"]["/fr/cities/lyon/"].text
        csv_file = site["en"][f"/en/data/{leaky.world.round.pk}/scores.csv"].text
        assert repr(leaky.lyon_aggregate) in csv_file

    def test_a_published_profile_shows_and_the_crawl_can_see_a_leak(self, leaky, site):
        for language in ("en", "fr"):
            assert PUBLISHED_PROFILE_TEXT in site[language][f"/{language}/cities/lyon/"].text

    def test_published_gaps_do_show_and_unpublished_ones_never(self, leaky, site):
        lyon_rate = repr(FOREIGN_BORN_2024[0] / FOREIGN_BORN_2024[1])
        gaps_file = site["en"]["/en/data/gaps.csv"].text
        assert lyon_rate in gaps_file and "Lyon" in gaps_file
        assert "Unpublishedville" not in gaps_file and UNPUBLISHED_GAP_GROUP not in gaps_file
        for language in ("en", "fr"):
            lyon_page = site[language][f"/{language}/cities/lyon/"].text
            assert "Non-EU nationals" in lyon_page  # the withheld gap keeps its row, without figures
            city_page = site[language][f"/{language}/cities/unpublishedville/"].text
            assert UNPUBLISHED_GAP_GROUP not in city_page
        assert "Gaps between communities" in site["en"]["/en/cities/lyon/"].text
        assert "Gaps between communities" not in site["en"]["/en/cities/unpublishedville/"].text

    def test_results_pages_never_name_the_city_that_refused(self, leaky, site):
        # Its register facts are public (its own page, the list, the map); its results are not.
        results = {
            url: page.text
            for url, page in site["en"].items()
            if _url_name(url)
            in (
                "public:rankings",
                "public:compare_csv",
                "public:data_round_scores",
                "public:data_round_audit",
                "public:data_round_audit_pdf",
            )
        }
        assert results
        named = [url for url, text in results.items() if "Unpublishedville" in text]
        assert not named, named
        city_page = site["en"]["/en/cities/unpublishedville/"].text
        assert "This city has no published Index results." in city_page

    def test_asking_for_the_unpublished_round_by_its_id_shows_nothing_of_it(self, leaky):
        later = leaky.world.later.pk
        client = Client()
        for fmt in ("csv", "xlsx", "json"):
            assert client.get(f"/en/data/{later}/scores.{fmt}").status_code == 404
        assert client.get(f"/en/data/{later}/datapackage.json").status_code == 404
        assert client.get(f"/en/data/{later}/audit/").status_code == 404
        assert client.get(f"/en/data/{later}/audit.pdf").status_code == 404
        for url in (
            f"/en/rankings/?round={later}",
            f"/en/compare/?cities=lyon,reggio-emilia&round={later}",
            f"/en/compare/?city=lyon&peer=population&round={later}",
            f"/en/compare.csv?cities=lyon,reggio-emilia&round={later}",
            *(f"/en/cities/lyon/areas-{later}.{fmt}" for fmt in ("csv", "svg", "png")),
            *(
                f"/en/compare/chart-1.{fmt}?cities=lyon,reggio-emilia&round={later}"
                for fmt in ("csv", "svg", "png")
            ),
        ):
            response = client.get(url)
            assert response.status_code in (200, 400, 404), url
            assert not leaky.leaks(_text(response)), url


# Open data --------------------------------------------------------------------------------------------


class TestOpenData:
    def test_every_download_holds_published_values_and_nothing_else(self, leaky, site):
        downloads = {
            url: page.text
            for url, page in site["en"].items()
            if _url_name(url)
            in (
                "public:data_round_scores",
                "public:data_round_package",
                "public:data_round_audit_pdf",
                "public:data_cities_csv",
                "public:data_gaps_csv",
                "public:compare_csv",
                "public:city_chart",
                "public:city_progress_chart",
                "public:compare_chart",
            )
        }
        formats = {url.rsplit(".", 1)[-1] for url in downloads if "/scores." in url}
        assert {"csv", "xlsx", "json"} <= formats
        assert f"/en/data/{leaky.world.round.pk}/datapackage.json" in downloads
        _assert_no_leaks(leaky, downloads)
        for url, text in downloads.items():
            if "/scores." in url:
                assert "Lyon" in text, url
            if url.endswith((".csv", ".json")) and "/scores." in url:
                assert repr(leaky.lyon_aggregate) in text, url

    def test_the_refused_and_unvalidated_cities_are_not_in_the_score_files(self, leaky):
        client = Client()
        for fmt in ("csv", "xlsx", "json"):
            response = client.get(f"/en/data/{leaky.world.round.pk}/scores.{fmt}")
            assert response.status_code == 200
            text = _text(response)
            assert "Unpublishedville" not in text and "Bergamo" not in text and "Lyon" in text
        # The data package describes the file's columns, never its rows.
        package = _text(client.get(f"/en/data/{leaky.world.round.pk}/datapackage.json"))
        assert "Unpublishedville" not in package and "Bergamo" not in package and not leaky.leaks(package)


# The round's statistical audit -------------------------------------------------------------------------


class TestAudit:
    def test_the_audit_names_the_published_cities_and_never_the_one_that_refused(self, leaky, site):
        round_id = leaky.world.round.pk
        stored = RoundScores.objects.get(round=leaky.world.round).audit
        named = {c["city"] for c in stored["data"]["cities"]}
        assert {"Lyon", "Reggio Emilia", "Unpublishedville"} <= named  # the secretariat's audit names it
        channels = {
            f"/{lang}/data/{round_id}/{what}": site[lang][f"/{lang}/data/{round_id}/{what}"].text
            for lang in ("en", "fr")
            for what in ("audit/", "audit.pdf")
        }
        channels["api"] = _text(Client().get(f"/api/v1/rounds/{round_id}/audit"))
        for url, text in channels.items():
            assert "Unpublishedville" not in text and "Bergamo" not in text, url
            assert not leaky.leaks(text), (url, leaky.leaks(text))
        api = json.loads(channels["api"])
        assert {c["city"] for c in api["audit"]["data"]["cities"]} == {"Lyon", "Reggio Emilia"}
        assert "Data checks" in channels[f"/en/data/{round_id}/audit/"]
        assert "Data checks" in channels[f"/en/data/{round_id}/audit.pdf"]


# sitemap.xml -------------------------------------------------------------------------------------------


class TestSitemap:
    def test_the_sitemap_lists_published_rounds_only(self, leaky):
        text = _text(Client().get("/sitemap.xml"))
        assert f"round={leaky.world.round.pk}" in text
        assert f"round={leaky.world.later.pk}" not in text
        assert not leaky.leaks(text)

    def test_every_address_in_the_sitemap_is_public(self, leaky):
        client = Client()
        urls = [
            urlsplit(u).path + (f"?{urlsplit(u).query}" if urlsplit(u).query else "")
            for u in LOC.findall(_text(client.get("/sitemap.xml")))
        ]
        assert urls
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            assert not leaky.leaks(_text(response)), url


# The API ------------------------------------------------------------------------------------------------


def _api_gets(leaky: Leaky, client: Client, headers: dict[str, str]) -> dict[str, str]:
    """Every GET operation of the OpenAPI document, with every id and slug of the data in its path."""
    schema = json.loads(client.get("/api/v1/openapi.json").content)
    world = leaky.world
    values = {
        "slug": [c.slug for c in City.objects.all()] + [world.reggio.city.national_network.slug],
        "key": [world.round.questionnaire.key],
        "round_id": [str(world.round.pk), str(world.later.pk)],
        "response_id": [str(r.pk) for r in Response.objects.all()],
        "event_id": [str(pk) for pk in Event.objects.values_list("pk", flat=True)],
        "strategy_id": [str(pk) for pk in Strategy.objects.values_list("pk", flat=True)],
        "news_id": [str(pk) for pk in NewsItem.objects.values_list("pk", flat=True)],
        "survey_id": [str(pk) for pk in Survey.objects.values_list("pk", flat=True)],
    }
    served: dict[str, str] = {}
    for path, operations in schema["paths"].items():
        if "get" not in operations or path.endswith(("/openapi.json", "/docs")):
            continue
        names = re.findall(r"{(\w+)}", path)
        urls = [path]
        for name in names:
            urls = [u.replace("{" + name + "}", v) for u in urls for v in values[name]]
        for url in urls:
            extra = {"limit": 500} if "limit" in json.dumps(operations["get"].get("parameters", [])) else {}
            response = client.get(url, extra, headers=headers)
            assert response.status_code < 500, url
            served[url] = response.content.decode()
    for query in (
        {"round": world.later.pk},
        {"city": "unpublishedville"},
        {"city": "bergamo"},
        {"limit": 500},
    ):
        served[f"/api/v1/scores?{query}"] = client.get(
            "/api/v1/scores", query, headers=headers
        ).content.decode()
    return served


class TestApi:
    def test_anonymous_callers_get_published_scores_only(self, leaky):
        served = _api_gets(leaky, Client(), {})
        _assert_no_leaks(leaky, served)
        scores = json.loads(served["/api/v1/scores?{'limit': 500}"])
        # Index 2023 and Index 2026: the two cities that agreed, in each published round.
        assert sorted(item["city"] for item in scores["items"]) == [
            "lyon",
            "lyon",
            "reggio-emilia",
            "reggio-emilia",
        ]
        assert leaky.lyon_aggregate in [item["aggregate"] for item in scores["items"]]
        results = json.loads(served[f"/api/v1/rounds/{leaky.world.round.pk}/results"])
        assert {c["city"] for c in results["cities"]} == {"lyon", "reggio-emilia"}

    def test_a_token_without_rights_to_those_cities_sees_no_more(self, leaky):
        grace = User.objects.get(email="grace@example.org")  # signed up, no role
        token = api_token_create(user=grace, name="Grace's script").secret
        served = _api_gets(leaky, Client(), {"Authorization": f"Bearer {token}"})
        assert json.loads(served["/api/v1/me"])["email"] == "grace@example.org"
        _assert_no_leaks(leaky, served)

    def test_a_city_coordinators_token_shows_nothing_of_other_cities(self, leaky):
        bob = User.objects.get(email="bob@example.org")  # coordinator of Lyon
        token = api_token_create(user=bob, name="Bob's script").secret
        served = _api_gets(leaky, Client(), {"Authorization": f"Bearer {token}"})
        # Bob may read Lyon's own records; nothing of the refused city, of Bergamo or of internal records.
        _assert_no_leaks(leaky, served, exempt=leaky.of_city("lyon"))


# Public report downloads ----------------------------------------------------------------------------------


class TestReports:
    def test_the_published_report_is_public_without_drafts_or_internal_data(self, leaky):
        for lang in ("en", "fr"):
            response = Client().get(reverse("reports:published_pdf", args=[leaky.lyon_version.pk, lang]))
            assert response.status_code == 200
            text = _text(response)
            shown = score_text(leaky.lyon_aggregate)
            assert "Lyon" in text and (shown if lang == "en" else shown.replace(".", ",")) in text
            assert not leaky.leaks(text, exempt=QUOTED_IN_ITS_REPORT), leaky.leaks(text)

    def test_the_published_report_quotes_the_citys_explanations_but_never_its_documents(self, leaky):
        text = _text(Client().get(reverse("reports:published_pdf", args=[leaky.lyon_version.pk, "en"])))
        assert "EXPLANATION-MARKER-lyon" in text
        found = {leak.split(" (")[0] for leak in leaky.leaks(text)}
        assert found == {"lyon: answers' explanations", "lyon: evidence links"}

    def test_the_report_of_a_city_that_refused_publication_is_not_public(self, leaky):
        client = Client()
        for lang in ("en", "fr"):
            assert (
                client.get(
                    reverse("reports:published_pdf", args=[leaky.refused_version.pk, lang])
                ).status_code
                == 404
            )
        assert not leaky.leaks(_text(client.get("/en/cities/unpublishedville/")))

    def test_drafts_and_versions_need_a_sign_in(self, leaky):
        client = Client()
        report = leaky.lyon_version.report
        for url in (
            reverse("reports:draft_pdf", args=[report.pk, "en"]),
            reverse("reports:version_pdf", args=[leaky.lyon_version.pk, "en"]),
            reverse("reports:report_detail", args=[report.pk]),
        ):
            response = client.get(url)
            assert response.status_code in (302, 403, 404), url
            assert not leaky.leaks(response.content.decode("utf-8", "replace")), url


class TestMarkers:
    def test_a_score_marker_is_found_as_a_number_and_not_inside_a_timestamp_or_a_longer_number(self, leaky):
        shown = f"{UNVALIDATED_SCORE:.1f}"
        assert leaky.leaks(f"<td>{shown}</td>")
        assert leaky.leaks(f'{{"aggregate": {UNVALIDATED_SCORE}}}')
        assert leaky.leaks(f"Lyon,{shown},x")
        assert not leaky.leaks(f"2026-12-07T02:37:{shown}12345+00:00")
        assert not leaky.leaks(f"1{shown} and {shown}5")
