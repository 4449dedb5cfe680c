"""The kinds of expert work and the themes of expertise, as data (the secretariat may add more later)."""

from typing import Any

from django.db import migrations

WORK_KINDS = [
    # key, English, French, is a visit
    ("first_visit", "First expert visit (accession)", "Première visite d'expert (adhésion)", True),
    (
        "network_member_review",
        "Expert review of a national network member",
        "Examen d'expert d'un membre d'un réseau national",
        True,
    ),
    ("policy_workshop", "Policy development workshop", "Atelier d'élaboration des politiques", True),
    ("vision_workshop", "Vision-building workshop", "Atelier de construction d'une vision", True),
    ("strategy_assistance", "Strategy assistance", "Aide à la stratégie", True),
    (
        "strategy_evaluation",
        "Evaluation of a strategy's implementation",
        "Évaluation de la mise en œuvre d'une stratégie",
        True,
    ),
    ("report_commentary", "Index report commentary", "Commentaire d'un rapport de l'Index", False),
    ("cluster_lead", "Learning cluster lead", "Animation d'un groupe d'apprentissage", False),
]

THEMES = [
    ("refugee_reception", "Refugee reception", "Accueil des réfugiés"),
    ("anti_rumour", "Anti-rumour strategies", "Stratégies anti-rumeurs"),
    ("media", "Media and communication", "Médias et communication"),
    ("business", "Business and diversity", "Entreprises et diversité"),
    ("education", "Education", "Éducation"),
    ("urban_planning", "Urban planning and public space", "Urbanisme et espace public"),
    ("roma_inclusion", "Roma inclusion", "Inclusion des Roms"),
    ("gender", "Gender equality", "Égalité de genre"),
    ("participation", "Citizen participation", "Participation citoyenne"),
    ("data_evaluation", "Data and evaluation", "Données et évaluation"),
]


def load(apps: Any, schema_editor: Any) -> None:
    WorkKind = apps.get_model("experts", "WorkKind")
    Theme = apps.get_model("experts", "Theme")
    for order, (key, en, fr, is_visit) in enumerate(WORK_KINDS):
        WorkKind.objects.update_or_create(
            key=key, defaults={"name": en, "name_en": en, "name_fr": fr, "is_visit": is_visit, "order": order}
        )
    for order, (key, en, fr) in enumerate(THEMES):
        Theme.objects.update_or_create(
            key=key, defaults={"name": en, "name_en": en, "name_fr": fr, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("experts", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
