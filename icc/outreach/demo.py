"""News and the newsletter: the demo content `icc load_demo` loads. A year of news in English and French
(two a month), 300 synthetic subscribers (addresses at example.org) and twelve monthly issues sent to them,
each pointing to the month's news, the practices published that month and the coming public events. Seeded;
written in bulk, with one history row per record marked as demo data."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from icc.accounts.models import RoleKind, User
from icc.activities.models import Event
from icc.core.history import reason, record_change
from icc.outreach.models import (
    Dispatch,
    IssueStatus,
    NewsItem,
    NewsletterIssue,
    NewsStatus,
    Subscriber,
    SubscriberStatus,
)
from icc.practices.models import Practice

SEED = 20161
SUBSCRIBERS = 300


def _why() -> str:
    return reason("outreach.demo_data")


# (English title, English summary, French title, French summary)
NEWS = [
    (
        "New members join the network",
        (
            "Three cities joined the Intercultural Cities network after the secretariat's review of "
            "their applications."
        ),
        "De nouveaux membres rejoignent le réseau",
        "Trois villes ont rejoint le réseau des Cités interculturelles après l'examen de leur candidature.",
    ),
    (
        "The Index questionnaire is open for the new round",
        "Member cities can answer the Intercultural Cities Index questionnaire until the end of the quarter.",
        "Le questionnaire de l'Indice est ouvert pour la nouvelle campagne",
        (
            "Les villes membres peuvent répondre au questionnaire de l'Indice des Cités "
            "interculturelles jusqu'à la fin du trimestre."
        ),
    ),
    (
        "Anti-rumour strategy: a training for new cities",
        "Officials of ten cities learnt how to build an anti-rumour network with local associations.",
        "Stratégie anti-rumeurs : une formation pour les nouvelles villes",
        "Des agents de dix villes ont appris à bâtir un réseau anti-rumeurs avec les associations locales.",
    ),
    (
        "Coordinators' meeting: the programme's priorities",
        (
            "The annual meeting of city coordinators discussed participation, public space and the "
            "next Index round."
        ),
        "Réunion des coordinateurs : les priorités du programme",
        (
            "La réunion annuelle des coordinateurs a porté sur la participation, l'espace public et la "
            "prochaine campagne de l'Indice."
        ),
    ),
    (
        "A learning cluster on refugee reception starts",
        "Six cities and a lead expert will compare how they welcome newcomers over the next eighteen months.",
        "Un groupe d'apprentissage sur l'accueil des réfugiés commence",
        "Six villes et une experte compareront leur accueil des nouveaux arrivants pendant dix-huit mois.",
    ),
    (
        "Policy brief: intercultural competence in public services",
        "A new brief collects what cities learnt when training front-desk staff in intercultural competence.",
        "Note politique : la compétence interculturelle dans les services publics",
        "Une nouvelle note rassemble ce que les villes ont appris en formant leurs agents d'accueil.",
    ),
    (
        "Study visit to a city's neighbourhood mediation service",
        "Delegates from five cities saw how mediators help neighbours settle conflicts before they escalate.",
        "Visite d'étude d'un service de médiation de quartier",
        (
            "Les délégués de cinq villes ont vu comment des médiateurs aident les voisins à régler "
            "leurs conflits."
        ),
    ),
    (
        "Results of the Index round are published",
        "The cities that agreed to publication can now be compared on the public site and in the open data.",
        "Les résultats de la campagne de l'Indice sont publiés",
        (
            "Les villes qui ont accepté la publication peuvent désormais être comparées sur le site "
            "public et dans les données ouvertes."
        ),
    ),
    (
        "The policy lab opens a call for members",
        (
            "National administrations, universities and NGOs can apply to join the inclusive "
            "integration policy lab."
        ),
        "Le laboratoire de politiques ouvre un appel à membres",
        (
            "Administrations nationales, universités et ONG peuvent se porter candidates au "
            "laboratoire de politiques d'intégration inclusive."
        ),
    ),
    (
        "Business and diversity: a new self-assessment",
        "Businesses can measure their diversity advantage with a short questionnaire, without an account.",
        "Entreprises et diversité : une nouvelle auto-évaluation",
        (
            "Les entreprises peuvent mesurer leur avantage de la diversité avec un court "
            "questionnaire, sans compte."
        ),
    ),
    (
        "Intercultural cities at the human rights week",
        "Cities of the network presented their work on non-discrimination at the Council of Europe.",
        "Les Cités interculturelles à la semaine des droits humains",
        "Des villes du réseau ont présenté leur travail contre les discriminations au Conseil de l'Europe.",
    ),
    (
        "A national network is created",
        (
            "Cities of one country formed their own national intercultural cities network with the "
            "programme's support."
        ),
        "Un réseau national est créé",
        (
            "Les villes d'un pays ont formé leur propre réseau national de cités interculturelles avec "
            "l'appui du programme."
        ),
    ),
]

THANKS_EN = (
    "The secretariat thanks the cities and experts who took part. "
    "More on the city pages and in the open data."
)
THANKS_FR = (
    "Le secrétariat remercie les villes et les experts qui y ont pris part. "
    "Plus d'informations sur les pages des villes et dans les données ouvertes."
)


def load_outreach_demo() -> None:
    """Loads once: a database that already has news keeps what it has."""
    if NewsItem.objects.exists():
        return
    rng = random.Random(SEED)
    author = User.objects.filter(roles__kind=RoleKind.SECRETARIAT).order_by("pk").first()
    now = timezone.now().replace(microsecond=0)
    start = now - datetime.timedelta(days=365)
    news = _news(rng, author, start)
    subscribers = _subscribers(rng, start)
    _issues(rng, author, news, subscribers, start, now)


def _news(rng: random.Random, author: User | None, start: datetime.datetime) -> list[NewsItem]:
    items = []
    for month in range(12):
        for half in range(2):
            en_title, en_summary, fr_title, fr_summary = NEWS[(month * 2 + half) % len(NEWS)]
            when = start + datetime.timedelta(
                days=30 * month + 15 * half + rng.randint(0, 10), hours=rng.randint(8, 17)
            )
            body_en = f"{en_summary}\n\n{THANKS_EN}"
            body_fr = f"{fr_summary}\n\n{THANKS_FR}"
            items.append(
                NewsItem(
                    title=en_title,
                    title_en=en_title,
                    title_fr=fr_title,
                    summary=en_summary,
                    summary_en=en_summary,
                    summary_fr=fr_summary,
                    body=body_en,
                    body_en=body_en,
                    body_fr=body_fr,
                    status=NewsStatus.PUBLISHED,
                    published_at=when,
                    author=author,
                )
            )
    # One draft waiting for the secretariat.
    items.append(
        NewsItem(
            title="The initiation course is online",
            title_en="The initiation course is online",
            summary="Officials of new member cities can learn the intercultural approach at their own pace.",
            summary_en=(
                "Officials of new member cities can learn the intercultural approach at their own pace."
            ),
            status=NewsStatus.DRAFT,
            author=author,
        )
    )
    created = bulk_create_with_history(items, NewsItem, default_user=author, default_change_reason=_why())
    return [item for item in created if item.status == NewsStatus.PUBLISHED]


def _subscribers(rng: random.Random, start: datetime.datetime) -> list[Subscriber]:
    rows = []
    for n in range(SUBSCRIBERS):
        asked = start - datetime.timedelta(days=rng.randint(0, 400))
        draw = rng.random()
        status = (
            SubscriberStatus.CONFIRMED
            if draw < 0.86
            else SubscriberStatus.UNSUBSCRIBED
            if draw < 0.95
            else SubscriberStatus.PENDING
        )
        rows.append(
            Subscriber(
                email=f"reader{n + 1:03d}@example.org",
                language="fr" if rng.random() < 0.4 else "en",
                status=status,
                asked_at=asked,
                confirmed_at=asked + datetime.timedelta(hours=rng.randint(1, 48))
                if status != SubscriberStatus.PENDING
                else None,
                unsubscribed_at=asked + datetime.timedelta(days=rng.randint(30, 300))
                if status == SubscriberStatus.UNSUBSCRIBED
                else None,
            )
        )
    return list(bulk_create_with_history(rows, Subscriber, default_change_reason=_why()))


def _issues(
    rng: random.Random,
    author: User | None,
    news: list[NewsItem],
    subscribers: list[Subscriber],
    start: datetime.datetime,
    now: datetime.datetime,
) -> None:
    months_fr = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ]
    months_en = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
    practices = list(
        Practice.objects.public().exclude(first_published_at=None).order_by("first_published_at")
    )
    events = list(Event.objects.public().order_by("starts_at"))  # type: ignore[attr-defined]
    dispatches = []
    for month in range(12):
        sent_at = start + datetime.timedelta(days=30 * (month + 1), hours=9)
        if sent_at > now:
            break
        since = sent_at - datetime.timedelta(days=30)
        local = timezone.localtime(sent_at)
        issue = NewsletterIssue(
            subject=f"Intercultural Cities news, {months_en[local.month - 1]} {local.year}",
            subject_en=f"Intercultural Cities news, {months_en[local.month - 1]} {local.year}",
            subject_fr=f"Les nouvelles des Cités interculturelles, {months_fr[local.month - 1]} {local.year}",
            introduction_en=(
                "This month in the network: what cities did, what they published and where we meet next."
            ),
            introduction_fr=(
                "Ce mois-ci dans le réseau : ce que les villes ont fait, ce qu'elles ont publié et où "
                "nous nous retrouvons."
            ),
            introduction=(
                "This month in the network: what cities did, what they published and where we meet next."
            ),
            status=IssueStatus.SENT,
            sent_at=sent_at,
            created_by=author,
        )
        record_change(issue, by=author, reason=_why())
        issue.save()
        issue.news.set([n for n in news if n.published_at and since <= n.published_at < sent_at])
        issue.practices.set(
            [p for p in practices if p.first_published_at and since <= p.first_published_at < sent_at][:6]
        )
        issue.events.set(
            [e for e in events if sent_at <= e.starts_at < sent_at + datetime.timedelta(days=90)][:6]
        )
        for subscriber in subscribers:
            if subscriber.confirmed_at is None or subscriber.confirmed_at > sent_at:
                continue
            if subscriber.unsubscribed_at is not None and subscriber.unsubscribed_at <= sent_at:
                continue
            moment = sent_at + datetime.timedelta(seconds=rng.randint(1, 600))
            dispatches.append(
                Dispatch(
                    issue=issue,
                    subscriber=subscriber,
                    language=subscriber.language,
                    attempted_at=moment,
                    sent_at=moment,
                )
            )
    Dispatch.objects.bulk_create(dispatches, batch_size=2000)
    # A draft composed for next month, waiting to be sent.
    draft = NewsletterIssue(
        subject="Intercultural Cities news: the year in review",
        subject_en="Intercultural Cities news: the year in review",
        subject_fr="Les nouvelles des Cités interculturelles : l'année en revue",
        status=IssueStatus.DRAFT,
        created_by=author,
    )
    record_change(draft, by=author, reason=_why())
    draft.save()
    draft.news.set(news[-3:])
