"""The cluster themes (mapped to Index areas), the policy lab's selection criteria and the strategy's targets
for learning clusters, as data (the secretariat may change them later). `load` is also called by the tests
that empty every table (tests/clusters/conftest.py)."""

from typing import Any

from django.db import migrations

THEMES = [
    # key, English, French, Index areas (keys of the questionnaire versions)
    (
        "intercultural_competence",
        "Intercultural competence training",
        "Formation à la compétence interculturelle",
        ["intelligence", "public_services"],
    ),
    ("refugee_reception", "Refugee reception", "Accueil des réfugiés", ["welcoming", "language"]),
    ("media_discourse", "Media and political discourse", "Médias et discours politique", ["media", "leadership"]),
    ("anti_rumour", "Anti-rumour strategies", "Stratégies anti-rumeurs", ["anti_discrimination", "mediation"]),
    ("intercultural_education", "Intercultural education", "Éducation interculturelle", ["education"]),
    (
        "diversity_advantage",
        "The diversity advantage in the local economy",
        "L'avantage de la diversité dans l'économie locale",
        ["business"],
    ),
    (
        "participation",
        "Participation and citizenship",
        "Participation et citoyenneté",
        ["leadership", "participation"],
    ),
]

CRITERIA = [
    # key, English, French, weight, maximum score
    ("motivation", "Motivation and expected contribution", "Motivation et contribution attendue", 3, 5),
    ("policy_role", "Role in integration policy", "Rôle dans la politique d'intégration", 2, 5),
    (
        "experience",
        "Experience of intercultural approaches",
        "Expérience des approches interculturelles",
        2,
        5,
    ),
    (
        "cohort_balance",
        "Contribution to a balanced cohort (sector, country)",
        "Contribution à l'équilibre de la cohorte (secteur, pays)",
        1,
        5,
    ),
]

TARGETS = [
    (2016, 2, "Medium-term strategy 2016-2019: two learning clusters in 2016"),
    (2018, 2, "Medium-term strategy 2016-2019: two more learning clusters in 2018"),
]


def load(apps: Any, schema_editor: Any) -> None:
    ClusterTheme = apps.get_model("clusters", "ClusterTheme")
    LabCriterion = apps.get_model("clusters", "LabCriterion")
    ClusterTarget = apps.get_model("clusters", "ClusterTarget")
    for order, (key, en, fr, areas) in enumerate(THEMES):
        ClusterTheme.objects.update_or_create(
            key=key, defaults={"name": en, "name_en": en, "name_fr": fr, "areas": areas, "order": order}
        )
    for order, (key, en, fr, weight, max_score) in enumerate(CRITERIA):
        LabCriterion.objects.update_or_create(
            key=key,
            defaults={
                "name": en,
                "name_en": en,
                "name_fr": fr,
                "weight": weight,
                "max_score": max_score,
                "order": order,
            },
        )
    for year, clusters, note in TARGETS:
        ClusterTarget.objects.get_or_create(year=year, defaults={"clusters": clusters, "note": note})


class Migration(migrations.Migration):
    dependencies = [("clusters", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
