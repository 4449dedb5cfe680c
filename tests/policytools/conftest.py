"""The shipped checklists are in the test database through the data migration; with --nomigrations (or
after a transactional test emptied the tables) they are loaded here, once per test that uses the database."""

import pytest


@pytest.fixture(autouse=True)
def _shipped_checklists(request):
    if "db" not in request.fixturenames and "transactional_db" not in request.fixturenames:
        return
    request.getfixturevalue("db")
    from icc.policytools.models import Checklist
    from icc.policytools.services import checklists_load_shipped

    if not Checklist.objects.exists():
        checklists_load_shipped()
