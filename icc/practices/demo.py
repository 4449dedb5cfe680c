"""The demo collection: 120 practices of 30 cities over every Index area, in English and French (twelve in
one language only), most published (some at their second version, five stale: their city is asked to
confirm them), some proposed, in review (with the secretariat's questions, some answered), drafts and
declined; Strasbourg (coordinator@demo.icc) has a question to answer and a practice to confirm.
Deterministic (seeded) and loaded in a few bulk writes; texts from icc/practices/demo_data.py, figures
invented (the site says demo data is synthetic).

Then the policy briefs and the spread of the anti-rumour approach, when those parts exist
(icc/practices/demo_briefs.py, icc/practices/demo_innovations.py)."""

from __future__ import annotations

import datetime
import importlib
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from icc.accounts.models import RoleKind, User
from icc.core.history import reason
from icc.core.public_version import public_content_changed
from icc.network.models import City
from icc.practices.demo_data import PRACTICES
from icc.practices.index_areas import index_area
from icc.practices.models import BudgetRange, Practice, PracticeStatus, PracticeVersion, ReviewQuestion

SEED = 13
N_PRACTICES = 120
N_CITIES = 30
DEMO_CITY = "Strasbourg"
PARTNERS = (
    ("the university", "l'université"),
    ("local associations", "des associations locales"),
    ("the chamber of commerce", "la chambre de commerce"),
    ("the regional government", "la région"),
    ("a foundation", "une fondation"),
    ("the public library network", "le réseau des bibliothèques"),
)
QUESTIONS = (
    "How many people took part last year, and how was it measured?",
    "Can you add the evaluation report, or a link to it?",
    "What did it cost the city, and who else funds it?",
    "Could you say what another city would need to start it?",
)
ANSWERS = (
    "About 600 people; the figure comes from the registration lists.",
    "The evaluation is now attached to the practice.",
    "Around 40,000 EUR a year from the city, matched by the region.",
)


@dataclass
class PracticesDemo:
    practices: int
    published: int
    cities: int


def load_practices_demo(now: datetime.datetime | None = None) -> PracticesDemo:
    """Load once: a database that already has practices keeps them."""
    if Practice.objects.exists():
        result = PracticesDemo(0, 0, 0)
    else:
        with transaction.atomic():
            result = _load(now or timezone.now())
    for module in ("icc.practices.demo_briefs", "icc.practices.demo_innovations"):
        try:
            part = importlib.import_module(module)
        except ModuleNotFoundError:
            continue
        part.load()
    return result


def _cities(rng: random.Random) -> list[City]:
    public = list(City.objects.public().order_by("name_en"))
    chosen = [c for c in public if c.name_en == DEMO_CITY]
    others = [c for c in public if c.name_en != DEMO_CITY]
    rng.shuffle(others)
    return chosen + others[: N_CITIES - len(chosen)]


STATUSES = (
    [PracticeStatus.PROPOSED] * 8
    + [PracticeStatus.IN_REVIEW] * 6
    + [PracticeStatus.DRAFT] * 3
    + [PracticeStatus.DECLINED] * 3
)


def _status(i: int) -> str:
    return PracticeStatus.PUBLISHED if i < 100 else STATUSES[i - 100]


def _practice(i: int, city: City, rng: random.Random, now: datetime.datetime) -> Practice:
    area, themes, groups, title_en, title_fr, summary_en, summary_fr = PRACTICES[i % len(PRACTICES)]
    this_year = now.year
    started = rng.randint(2010, this_year - 1)
    ended = rng.choice([None, None, None, min(this_year, started + rng.randint(2, 6))])
    partner_en, partner_fr = rng.choice(PARTNERS)
    people = rng.randrange(80, 4000, 10)
    share = rng.randint(55, 92)
    surveyed = rng.randrange(150, 1500, 10)
    year = min(this_year - 1, (ended or this_year) - (0 if ended else 1))
    area_info = index_area(area)
    questions = [q.id for q in area_info.questions] if area_info else []
    picked = sorted(rng.sample(questions, k=min(len(questions), rng.choice((1, 1, 2))))) if questions else []
    status = _status(i)
    practice = Practice(
        city=city,
        status=status,
        title_en=title_en,
        title_fr=title_fr,
        summary_en=summary_en,
        summary_fr=summary_fr,
        description_en=(
            f"{summary_en} {city.name_en} started it in {started} with {partner_en}. "
            f"A coordinator in the city's intercultural team runs it, with a steering group that meets "
            f"four times a year."
        ),
        description_fr=(
            f"{summary_fr} {city.name_fr or city.name_en} l'a lancé en {started} avec {partner_fr}. "
            "Un coordinateur de l'équipe interculturelle de la ville le pilote, avec un comité qui se "
            "réunit quatre fois par an."
        ),
        results_en=(
            f"In {year}, {people:,} people took part; {share} % of those surveyed said it changed how they "
            f"see people of other origins."
        ),
        results_fr=(
            f"En {year}, {people:,} personnes y ont participé ; {share} % des personnes interrogées disent "
            f"qu'il a changé leur regard sur les personnes d'autres origines.".replace(",", "\u202f")
        ),
        transferability_en="Works in cities of any size; needs a coordinator and one year to start.",
        transferability_fr=(
            "Fonctionne dans les villes de toute taille ; demande un coordinateur et un an pour démarrer."
        ),
        key_figures=(
            f"{people:,} participants in {year}\n{share} % positive answers ({surveyed} people surveyed)"
        ),
        sources=f"Evaluation by {partner_en}, {year}\nCity participation records, {year}",
        started=started,
        ended=ended,
        areas=[area],
        questions=picked,
        themes=list(themes),
        target_groups=list(groups),
        budget_range=rng.choice(BudgetRange.values),
        partners=partner_en.capitalize(),
        contact_name=f"Intercultural team of {city.name_en}",
        links=f"https://example.org/{city.slug}/practice-{i + 1}",
    )
    # Twelve practices in one language only: eight in English, four in French.
    if i in range(3, 100, 12)[:8]:
        practice.title_fr = practice.summary_fr = practice.description_fr = ""
        practice.results_fr = practice.transferability_fr = ""
    elif i in range(9, 100, 24)[:4]:
        practice.title_en = practice.summary_en = practice.description_en = ""
        practice.results_en = practice.transferability_en = ""
    if status != PracticeStatus.DRAFT:
        practice.proposed_at = now - datetime.timedelta(days=rng.randint(3, 40))
    if status == PracticeStatus.PUBLISHED:
        first = now - datetime.timedelta(days=rng.randint(60, 7 * 365))
        practice.first_published_at = practice.published_at = first
        practice.proposed_at = first - datetime.timedelta(days=rng.randint(5, 30))
        practice.version = 1
        # Most were confirmed or reviewed within the last three years; five are stale.
        stale = i % 20 == 7
        practice.reviewed_at = (
            min(first, now - datetime.timedelta(days=3 * 365 + 30))
            if stale
            else max(first, now - datetime.timedelta(days=rng.randint(10, 900)))
        )
        if stale:
            practice.first_published_at = practice.published_at = practice.reviewed_at
        elif i % 8 == 0:
            practice.version = 2
            practice.published_at = max(first, practice.reviewed_at)
    if status == PracticeStatus.DECLINED:
        practice.decline_reason = "Very close to a practice already in the collection; add what is new in it."
    return practice


def _load(now: datetime.datetime) -> PracticesDemo:
    rng = random.Random(SEED)
    cities = _cities(rng)
    if not cities:
        return PracticesDemo(0, 0, 0)
    secretariat = User.objects.filter(roles__kind=RoleKind.SECRETARIAT).order_by("pk").first()
    practices = []
    for i in range(N_PRACTICES):
        city = cities[(i * 7 + i // len(cities)) % len(cities)]
        practices.append(_practice(i, city, rng, now))
    # Strasbourg's people see their part at once: a practice in review with a question, one to confirm.
    strasbourg = [p for p in practices if p.city.name_en == DEMO_CITY]
    if strasbourg:
        strasbourg[0].status = PracticeStatus.IN_REVIEW
        strasbourg[0].version = 0
        strasbourg[0].first_published_at = strasbourg[0].published_at = strasbourg[0].reviewed_at = None
        if len(strasbourg) > 1 and strasbourg[1].status == PracticeStatus.PUBLISHED:
            strasbourg[1].reviewed_at = now - datetime.timedelta(days=4 * 365)
            strasbourg[1].first_published_at = strasbourg[1].published_at = strasbourg[1].reviewed_at
            strasbourg[1].version = 1
    why = reason("practices.demo_data")
    created = bulk_create_with_history(
        practices, Practice, default_user=secretariat, default_change_reason=why
    )
    created = list(Practice.objects.order_by("pk"))
    versions = []
    for practice in created:
        if practice.status != PracticeStatus.PUBLISHED:
            continue
        snapshot = {"title_en": practice.title_en, "title_fr": practice.title_fr, "areas": practice.areas}
        first = practice.first_published_at or now
        versions.append(
            PracticeVersion(
                practice=practice,
                number=1,
                published_at=first,
                published_by=secretariat,
                note="first publication",
                snapshot=snapshot,
            )
        )
        if practice.version == 2:
            versions.append(
                PracticeVersion(
                    practice=practice,
                    number=2,
                    published_at=practice.published_at or now,
                    published_by=secretariat,
                    note="Figures of the latest evaluation added",
                    snapshot=snapshot,
                )
            )
    PracticeVersion.objects.bulk_create(versions)
    questions = []
    for n, practice in enumerate(p for p in created if p.status == PracticeStatus.IN_REVIEW):
        answered = n % 2 == 1 and practice.city.name_en != DEMO_CITY
        questions.append(
            ReviewQuestion(
                practice=practice,
                asked_by=secretariat,
                question=QUESTIONS[n % len(QUESTIONS)],
                answer=ANSWERS[n % len(ANSWERS)] if answered else "",
                answered_at=now - datetime.timedelta(days=1) if answered else None,
            )
        )
    bulk_create_with_history(questions, ReviewQuestion, default_user=secretariat, default_change_reason=why)
    public_content_changed()
    published = sum(1 for p in created if p.status == PracticeStatus.PUBLISHED)
    return PracticesDemo(len(created), published, len({p.city_id for p in created}))
