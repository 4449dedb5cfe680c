"""The kinds of events, as data (the secretariat may add more later), and the programme's gender balance
target (the seed: gender balance is an aim everywhere; 50 % women from 2016)."""

from typing import Any

from django.db import migrations

EVENT_KINDS = [
    # key, English, French, multilateral
    ("coordinators_meeting", "Coordinators' meeting", "Réunion des coordinateurs", True),
    ("thematic_workshop", "Thematic workshop", "Atelier thématique", True),
    ("study_visit", "Study visit", "Visite d'étude", True),
    ("cluster_meeting", "Learning cluster meeting", "Réunion d'un groupe d'apprentissage", True),
    ("policy_lab_session", "Policy lab session", "Session du laboratoire politique", True),
    ("conference", "Conference", "Conférence", True),
    ("webinar", "Webinar", "Webinaire", True),
    ("public_debate", "Public debate", "Débat public", False),
    ("strategy_presentation", "Strategy presentation", "Présentation d'une stratégie", False),
]


def load(apps: Any, schema_editor: Any) -> None:
    EventKind = apps.get_model("activities", "EventKind")
    GenderTarget = apps.get_model("activities", "GenderTarget")
    for order, (key, en, fr, multilateral) in enumerate(EVENT_KINDS):
        EventKind.objects.update_or_create(
            key=key,
            defaults={"name": en, "name_en": en, "name_fr": fr, "multilateral": multilateral, "order": order},
        )
    if not GenderTarget.objects.filter(kind=None).exists():
        GenderTarget.objects.create(from_year=2016, kind=None, women_share=50)


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
