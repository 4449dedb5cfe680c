import importlib

import pytest


@pytest.fixture(autouse=True)
def _cluster_data(db):
    """The themes, criteria and targets of the data migration: created again when a test before emptied
    every table (a browser test in transactions of its own), by the migration's own loader."""
    from django.apps import apps

    importlib.import_module("icc.clusters.migrations.0002_themes_criteria_targets").load(apps, None)
