"""The programme's demo content `icc load_demo` loads: the medium-term strategy 2016-2019 from the seed
document
(/work/shared/seed/icc-medium-term-strategy-2016-2019.txt): its five objectives with their gender dimension,
their targets (each computed from the records the other apps' demos loaded: nothing is typed), gender targets,
the seed's risks with its mitigation measures and the indicators that warn. Loaded once (a database that
already has a strategy period is left alone); the targets' statuses are then computed and recorded."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from icc.accounts.models import User
from icc.core.history import reason
from icc.programme.models import (
    ActionStatus,
    Direction,
    GenderPopulation,
    GenderTarget,
    MitigationAction,
    Objective,
    Risk,
    RiskStatus,
    StrategyPeriod,
    Target,
    WarningIndicator,
)

SECRETARIAT_EMAIL = "secretariat@demo.icc"
D = datetime.date

# key (the activities objective it maps to), English title, French title, gender dimension EN, FR
OBJECTIVES = [
    (
        "expansion",
        "Controlled expansion of the network's membership",
        "Expansion maîtrisée du nombre de membres du réseau",
        "Mainstream the gender equality dimension in key programme tools such as the ICC expert reviews and "
        "the Index.",
        "Intégrer la dimension d'égalité entre les femmes et les hommes dans les outils clés du programme, "
        "comme les examens des experts et l'Indice.",
    ),
    (
        "tools",
        "New tools to support cities in developing, implementing and applying intercultural strategies",
        "De nouveaux outils pour aider les villes à élaborer, mettre en œuvre et appliquer des stratégies "
        "interculturelles",
        "Include the gender equality dimension explicitly in the policy development tool and in the "
        "anti-rumour work. Increase the number of female ICC experts.",
        "Inclure explicitement l'égalité entre les femmes et les hommes dans l'outil d'élaboration des "
        "politiques et le travail anti-rumeurs. Accroître le nombre d'expertes ICC.",
    ),
    (
        "know_how",
        "Deepen the policy know-how of officials and other actors in the cities",
        "Approfondir le savoir-faire des responsables et des autres acteurs des villes",
        "Ensure gender balance in the membership of learning clusters and include these issues in the terms "
        "of reference.",
        "Assurer l'équilibre entre les femmes et les hommes parmi les membres des groupes d'apprentissage et "
        "inscrire ces questions dans leur mandat.",
    ),
    (
        "outreach",
        "Increase outreach and impact",
        "Accroître le rayonnement et l'impact",
        "Ensure gender balance of the policy lab's participants and focus on gender issues in its programme.",
        "Assurer l'équilibre entre les femmes et les hommes parmi les participants du laboratoire et traiter "
        "des questions de genre dans son programme.",
    ),
    (
        "visibility",
        "Increase the visibility and authority of ICC",
        "Accroître la visibilité et l'autorité des Cités interculturelles",
        "Build gender issues into the social media strategy and the research design.",
        "Intégrer les questions de genre dans la stratégie sur les réseaux sociaux et dans la conception de "
        "la recherche.",
    ),
]

# objective key, English label, French label, source, value, unit EN, baseline, deadline, cumulative
TARGETS = [
    (
        "expansion",
        "100 member cities by the end of 2017",
        "100 villes membres fin 2017",
        "members",
        100,
        "cities",
        D(2016, 1, 1),
        D(2017, 12, 31),
        True,
    ),
    (
        "expansion",
        "120 member cities by the end of 2019",
        "120 villes membres fin 2019",
        "members",
        120,
        "cities",
        D(2016, 1, 1),
        D(2019, 12, 31),
        True,
    ),
    (
        "tools",
        "Policy development tools piloted by the end of 2017",
        "Outils d'élaboration des politiques testés fin 2017",
        "policy_tools",
        1,
        "",
        D(2016, 1, 1),
        D(2017, 12, 31),
        False,
    ),
    (
        "tools",
        "Policy briefs collection published by the end of 2017",
        "Collection de notes d'orientation publiée fin 2017",
        "policy_briefs",
        5,
        "briefs",
        D(2016, 1, 1),
        D(2017, 12, 31),
        False,
    ),
    (
        "tools",
        "All national network members visited by experts by the end of 2019",
        "Tous les membres des réseaux nationaux visités par des experts fin 2019",
        "network_visits",
        100,
        "%",
        D(2016, 1, 1),
        D(2019, 12, 31),
        True,
    ),
    (
        "tools",
        "Anti-rumour approach in 20 new cities by the end of 2019",
        "Approche anti-rumeurs dans 20 nouvelles villes fin 2019",
        "anti_rumour",
        20,
        "cities",
        D(2016, 1, 1),
        D(2019, 12, 31),
        False,
    ),
    (
        "tools",
        "Initiation online course ready by the end of 2017",
        "Cours d'initiation en ligne prêt fin 2017",
        "course",
        1,
        "",
        D(2016, 1, 1),
        D(2017, 12, 31),
        False,
    ),
    (
        "know_how",
        "Two learning clusters launched in 2016",
        "Deux groupes d'apprentissage lancés en 2016",
        "clusters",
        2,
        "clusters",
        D(2016, 1, 1),
        D(2016, 12, 31),
        False,
    ),
    (
        "know_how",
        "Two learning clusters launched in 2018",
        "Deux groupes d'apprentissage lancés en 2018",
        "clusters",
        2,
        "clusters",
        D(2018, 1, 1),
        D(2018, 12, 31),
        False,
    ),
    (
        "outreach",
        "Two new national networks by the end of 2019",
        "Deux nouveaux réseaux nationaux fin 2019",
        "new_networks",
        2,
        "networks",
        D(2016, 1, 1),
        D(2019, 12, 31),
        False,
    ),
    (
        "outreach",
        "Inclusive integration policy lab launched in 2017",
        "Laboratoire des politiques d'intégration inclusive lancé en 2017",
        "policy_lab",
        1,
        "",
        D(2016, 1, 1),
        D(2017, 12, 31),
        False,
    ),
    (
        "visibility",
        "Impact study carried out by the end of 2019",
        "Étude d'impact réalisée fin 2019",
        "impact_study",
        1,
        "",
        D(2016, 1, 1),
        D(2019, 12, 31),
        False,
    ),
]

GENDER_TARGETS = [
    ("tools", GenderPopulation.EXPERTS, 40),
    ("know_how", GenderPopulation.CLUSTER_MEMBERS, 40),
    ("know_how", GenderPopulation.PARTICIPANTS, 40),
    ("outreach", GenderPopulation.LAB_MEMBERS, 40),
]

# objective key, risk EN, risk FR, likelihood, impact, [(action EN, action FR, status)], [(indicator,
# threshold, direction)]
RISKS = [
    (
        "expansion",
        "A sharp increase in demand which could undermine the quality of services.",
        "Une forte hausse de la demande qui pourrait nuire à la qualité des services.",
        3,
        4,
        [
            (
                "Select members on political and geographic criteria.",
                "Sélectionner les membres selon des critères politiques et géographiques.",
                ActionStatus.DONE,
            ),
            (
                "Schedule accessions in manageable intervals (the quarterly admission cap).",
                "Échelonner les adhésions à des intervalles gérables (plafond trimestriel d'admissions).",
                ActionStatus.IN_PROGRESS,
            ),
            (
                "Give priority to cities in under-represented countries and to capital cities.",
                "Donner la priorité aux villes des pays sous-représentés et aux capitales.",
                ActionStatus.IN_PROGRESS,
            ),
        ],
        [("pipeline_vs_cap", Decimal("2"), Direction.ABOVE)],
    ),
    (
        "expansion",
        "Lack of political will following the refugee crisis and terrorist attacks.",
        "Manque de volonté politique à la suite de la crise des réfugiés et des attentats terroristes.",
        2,
        4,
        [],
        [],
    ),
    (
        "tools",
        "Lack of a sufficient number of experts to carry out the work.",
        "Nombre insuffisant d'experts pour mener le travail.",
        3,
        3,
        [
            (
                "Identify and train new experts.",
                "Repérer et former de nouveaux experts.",
                ActionStatus.IN_PROGRESS,
            )
        ],
        [("experts_per_visit", Decimal("1.5"), Direction.BELOW)],
    ),
    (
        "know_how",
        "Learning clusters and thematic events not coming up with new ideas or representing added value for "
        "the cities and the programme.",
        "Des groupes d'apprentissage et des événements thématiques qui n'apportent ni idées nouvelles ni "
        "valeur "
        "ajoutée aux villes et au programme.",
        2,
        3,
        [
            (
                "Give learning clusters and their lead experts detailed terms of reference and expected "
                "results, and "
                "monitor their progress closely.",
                "Donner aux groupes d'apprentissage et à leurs experts principaux un mandat et des "
                "résultats attendus "
                "détaillés, et suivre leurs progrès de près.",
                ActionStatus.DONE,
            ),
            (
                "Open the learning process to more participants through webinars and other online "
                "participation.",
                "Ouvrir l'apprentissage à davantage de participants par des webinaires et d'autres formes de "
                "participation en ligne.",
                ActionStatus.PLANNED,
            ),
        ],
        [("no_added_value", Decimal("20"), Direction.ABOVE)],
    ),
    (
        "outreach",
        "Not enough diverse, influential or motivated participants in the policy lab; a programme that is "
        "not stimulating enough; or interest from people who are not very relevant but difficult to refuse.",
        "Des participants au laboratoire pas assez divers, influents ou motivés ; un programme peu "
        "stimulant ; "
        "ou l'intérêt de personnes peu pertinentes mais difficiles à refuser.",
        2,
        3,
        [
            (
                "Publicise the policy lab broadly through official channels, networks and social media.",
                "Faire connaître largement le laboratoire par les canaux officiels, les réseaux et les "
                "réseaux "
                "sociaux.",
                ActionStatus.DONE,
            ),
            (
                "Apply clear criteria to select participants.",
                "Appliquer des critères clairs pour sélectionner les participants.",
                ActionStatus.DONE,
            ),
            (
                "Work extensively on the programme with a wide variety of partners and engaging methods.",
                "Travailler le programme avec des partenaires variés et des méthodes interactives.",
                ActionStatus.IN_PROGRESS,
            ),
        ],
        [],
    ),
    (
        "visibility",
        "Social media success is difficult to engineer: despite efforts and good campaign design, it may not "
        "come.",
        "Le succès sur les réseaux sociaux est difficile à provoquer : malgré les efforts et une bonne "
        "conception des campagnes, il peut ne pas venir.",
        3,
        2,
        [
            (
                "Invite experts to propose social media strategies.",
                "Inviter des experts à proposer des stratégies pour les réseaux sociaux.",
                ActionStatus.DONE,
            )
        ],
        [],
    ),
    (
        "visibility",
        "It may not be possible to raise funds for the impact evaluation from the EU or other donors.",
        "Il pourrait ne pas être possible de lever des fonds pour l'évaluation d'impact auprès de l'UE ou "
        "d'autres donateurs.",
        3,
        4,
        [
            (
                "If additional funds are not available by 2018, design a less ambitious study with ICC's "
                "own funds.",
                "Si des fonds supplémentaires ne sont pas disponibles d'ici 2018, concevoir une étude moins "
                "ambitieuse "
                "sur les fonds propres du programme.",
                ActionStatus.PLANNED,
            ),
            (
                "Partner with universities to carry out the study as part of students' course work.",
                "S'associer à des universités pour mener l'étude dans le cadre des travaux des étudiants.",
                ActionStatus.PLANNED,
            ),
        ],
        [],
    ),
]


@dataclass(frozen=True)
class DemoProgramme:
    objectives: int
    targets: int
    risks: int
    actions: int


def load_programme_demo(today: datetime.date | None = None) -> DemoProgramme:
    """Load once: a database that already has a strategy period is left alone."""
    if StrategyPeriod.objects.exists():
        return DemoProgramme(0, 0, 0, 0)
    with transaction.atomic():
        loaded = _load(today or timezone.localdate())
    from icc.programme.services import targets_recompute

    targets_recompute(today=today)
    return loaded


def _load(today: datetime.date) -> DemoProgramme:
    why = reason("programme.demo_data")
    secretariat = User.objects.filter(email=SECRETARIAT_EMAIL).first()

    def bulk(model: type, rows: list[Any]) -> list[Any]:
        return list(
            bulk_create_with_history(rows, model, default_user=secretariat, default_change_reason=why)
        )

    period = bulk(
        StrategyPeriod,
        [
            StrategyPeriod(
                key="2016-2019",
                title_en="Medium-term strategy 2016-2019",
                title_fr="Stratégie à moyen terme 2016-2019",
                starts_on=D(2016, 1, 1),
                ends_on=D(2019, 12, 31),
            )
        ],
    )[0]
    objectives = bulk(
        Objective,
        [
            Objective(
                period=period,
                number=n,
                key=key,
                title_en=en,
                title_fr=fr,
                gender_dimension_en=gen_en,
                gender_dimension_fr=gen_fr,
            )
            for n, (key, en, fr, gen_en, gen_fr) in enumerate(OBJECTIVES, start=1)
        ],
    )
    by_key = {o.key: o for o in objectives}
    targets = bulk(
        Target,
        [
            Target(
                objective=by_key[key],
                label_en=en,
                label_fr=fr,
                source_key=source,
                value=Decimal(value),
                unit=unit,
                baseline_on=baseline,
                deadline=deadline,
                cumulative=cumulative,
                order=i,
            )
            for i, (key, en, fr, source, value, unit, baseline, deadline, cumulative) in enumerate(TARGETS)
        ],
    )
    bulk(
        GenderTarget,
        [
            GenderTarget(objective=by_key[key], population=pop, minimum_share=share)
            for key, pop, share in GENDER_TARGETS
        ],
    )
    risks = bulk(
        Risk,
        [
            Risk(
                objective=by_key[key],
                description_en=en,
                description_fr=fr,
                likelihood=likelihood,
                impact=impact,
                owner=secretariat,
                # Staggered reviews: the first two are due now, so that the owner's needs-you shows them.
                review_on=today + datetime.timedelta(days=-7 + 30 * i)
                if i > 1
                else today - datetime.timedelta(days=3 - i),
                status=RiskStatus.OPEN,
            )
            for i, (key, en, fr, likelihood, impact, _actions, _indicators) in enumerate(RISKS)
        ],
    )
    actions = bulk(
        MitigationAction,
        [
            MitigationAction(risk=risk, description_en=a_en, description_fr=a_fr, status=status)
            for risk, spec in zip(risks, RISKS, strict=True)
            for a_en, a_fr, status in spec[5]
        ],
    )
    bulk(
        WarningIndicator,
        [
            WarningIndicator(risk=risk, indicator_key=indicator, threshold=threshold, direction=direction)
            for risk, spec in zip(risks, RISKS, strict=True)
            for indicator, threshold, direction in spec[6]
        ],
    )
    return DemoProgramme(len(objectives), len(targets), len(risks), len(actions))
