"""The indicator catalogue (icc/gaps/indicators.json). Later changes to the file reach a database with
`icc gaps load-indicators`, which applies the same function."""

from typing import Any

from django.db import migrations

from icc.gaps.catalogue import catalogue_apply, catalogue_entries


def load(apps: Any, schema_editor: Any) -> None:
    catalogue_apply(apps.get_model("gaps", "Indicator"), catalogue_entries())


class Migration(migrations.Migration):
    dependencies = [("gaps", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
