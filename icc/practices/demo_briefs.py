"""Six demo policy briefs (four published, one in review, one draft), each linking published practices of
its areas, and the strategy's target: a brief for each of the ten policy fields by the end of 2027.
Called by icc/practices/demo.py; loaded once."""

from __future__ import annotations

import datetime

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from icc.accounts.models import RoleKind, User
from icc.core.history import reason
from icc.practices.models import BriefStatus, BriefTarget, PolicyBrief, Practice

BRIEFS = [
    (
        "education",
        ["education", "language"],
        BriefStatus.PUBLISHED,
        "Schools where every child belongs",
        "Des écoles où chaque enfant a sa place",
        "How cities mix pupils, involve parents and teach home languages.",
        "Comment les villes mélangent les élèves, associent les parents et enseignent les langues d'origine.",
    ),
    (
        "media",
        ["media"],
        BriefStatus.PUBLISHED,
        "Answering rumours with facts and conversation",
        "Répondre aux rumeurs par les faits et le dialogue",
        "The anti-rumour method and what journalists and city communication can do.",
        "La méthode anti-rumeurs et ce que peuvent faire les journalistes et la communication de la ville.",
    ),
    (
        "housing",
        ["neighbourhoods", "public_space"],
        BriefStatus.PUBLISHED,
        "Mixed neighbourhoods without displacement",
        "Des quartiers mixtes sans éviction",
        "Renewal, mixed housing and shared spaces designed with residents.",
        "Rénovation, habitat mixte et espaces partagés conçus avec les habitants.",
    ),
    (
        "participation",
        ["participation", "leadership"],
        BriefStatus.PUBLISHED,
        "A voice for every resident",
        "Une voix pour chaque habitant",
        "Foreign residents' councils, participatory budgets and youth councils that look like the city.",
        "Conseils de résidents étrangers, budgets participatifs et conseils de jeunes à l'image de la ville.",
    ),
    (
        "employment",
        ["business"],
        BriefStatus.IN_REVIEW,
        "Diversity at work: employers and entrepreneurs",
        "La diversité au travail : employeurs et entrepreneurs",
        "Fair recruitment, diversity charters and support to migrant entrepreneurs.",
        "Recrutement équitable, chartes de la diversité et soutien aux entrepreneurs migrants.",
    ),
    (
        "welcoming",
        ["welcoming"],
        BriefStatus.DRAFT,
        "Welcoming newcomers from the first day",
        "Accueillir les nouveaux arrivants dès le premier jour",
        "Welcome desks, buddies and refugee housing in ordinary neighbourhoods.",
        "Guichets d'accueil, parrainages et logement des réfugiés dans des quartiers ordinaires.",
    ),
]
BODY_EN = (
    "{summary}\n\nWhat the Index shows: cities of the network score lowest in these areas where the policy "
    "is left to one department. The cities that score best give one person the lead, set targets and "
    "measure.\n\n"
    "What works: the practices below, from cities of every size, each evaluated by its city.\n\n"
    "Where to start: name a lead, choose one practice, measure it in the next Index round."
)
BODY_FR = (
    "{summary}\n\nCe que montre l'Indice : les villes du réseau obtiennent leurs moins bons scores dans ces "
    "domaines quand la politique est laissée à un seul service. Les villes qui réussissent le mieux confient "
    "le pilotage à une personne, fixent des objectifs et mesurent.\n\nCe qui marche : les pratiques "
    "ci-dessous, de villes de toutes tailles, chacune évaluée par sa ville.\n\nPar où commencer : désigner "
    "un responsable, choisir une pratique, la mesurer au prochain cycle de l'Indice."
)


def load() -> None:
    if PolicyBrief.objects.exists():
        return
    now = timezone.now()
    staff = list(User.objects.filter(roles__kind=RoleKind.SECRETARIAT).order_by("pk")[:2])
    author = staff[0] if staff else None
    reviewer = staff[-1] if staff else None
    BriefTarget.objects.get_or_create(
        due_on=datetime.date(2027, 12, 31),
        defaults={"briefs": 10, "label": "Medium-term strategy: a brief for each policy field"},
    )
    briefs = []
    for n, (field, areas, status, title_en, title_fr, summary_en, summary_fr) in enumerate(BRIEFS):
        briefs.append(
            PolicyBrief(
                field=field,
                areas=areas,
                status=status,
                title_en=title_en,
                title_fr=title_fr,
                summary_en=summary_en,
                summary_fr=summary_fr,
                body_en=BODY_EN.format(summary=summary_en),
                body_fr=BODY_FR.format(summary=summary_fr),
                author=author,
                reviewed_by=reviewer if status == BriefStatus.PUBLISHED else None,
                published_at=now - datetime.timedelta(days=400 - 60 * n)
                if status == BriefStatus.PUBLISHED
                else None,
            )
        )
    bulk_create_with_history(
        briefs, PolicyBrief, default_user=author, default_change_reason=reason("practices.demo_data")
    )
    public = list(Practice.objects.public().order_by("pk").values_list("pk", "areas"))
    for brief in PolicyBrief.objects.order_by("pk"):
        linked = [pk for pk, areas in public if set(areas) & set(brief.areas)][:4]
        brief.practices.set(linked)
