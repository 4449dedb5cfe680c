"""Load the checklist versions shipped in icc/policytools/data (the same rule as `icc load_checklists`,
written against the migration's model so that later changes of the model do not break it)."""

import datetime
import hashlib
import json
from pathlib import Path

from django.db import migrations

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def load(apps, schema_editor):  # type: ignore[no-untyped-def]
    import yaml

    from icc.policytools.checklist_format import validate

    Checklist = apps.get_model("policytools", "Checklist")
    for path in sorted(DATA_DIR.glob("*.yaml")):
        document = validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        text = json.dumps(document, sort_keys=True, ensure_ascii=False, default=str)
        published = document.get("published")
        Checklist.objects.update_or_create(
            key=document["id"],
            defaults={
                "field": document["field"],
                "audience": document.get("audience", "city"),
                "title": document["title"],
                "version_label": document["version_label"],
                "published": datetime.date.fromisoformat(str(published)) if published else None,
                "document": json.loads(text),
                "source_sha256": hashlib.sha256(text.encode()).hexdigest(),
            },
        )


class Migration(migrations.Migration):
    dependencies = [("policytools", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
