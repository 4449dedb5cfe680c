"""The permission matrix rows of icc/surveys (tests/test_permission_matrix.py adds them).

Each row: (URL name, a function of the matrix's shared objects giving the path, the status per person).
A survey is read by its city's team and the secretariat (an expert has no part in it: 404) and changed by
the city's coordinators and the secretariat; the questionnaire and published results are public."""

from typing import Any

from tests.test_permission_matrix import LYON_READ, PUBLIC, SIGNED_IN

SURVEY_READ = {**LYON_READ, "erin": 404}
SURVEY_CHANGE = {**SURVEY_READ, "carol": 403}
COORDINATORS = {
    "anonymous": 302,
    "alice": 200,
    "bob": 200,
    "carol": 403,
    "dave": 200,
    "erin": 403,
    "frank": 403,
    "grace": 403,
}


def _surveys(o: dict[str, Any]) -> Any:
    """An open survey of Lyon, and a closed one whose results are published."""
    if "survey" not in o:
        from icc.accounts.models import User
        from icc.surveys.services import survey_publish
        from tests.surveys.helpers import make_survey

        bob = User.objects.get(email="bob@example.org")
        o["survey"] = make_survey(o["lyon"], by=bob)
        o["published_survey"] = survey_publish(survey=make_survey(o["lyon"], by=bob, open_now=False), by=bob)
    return o


def _open(o: dict[str, Any]) -> Any:
    return _surveys(o)["survey"]


def _published(o: dict[str, Any]) -> Any:
    return _surveys(o)["published_survey"]


ROWS: list[tuple[str, Any, dict[str, int]]] = [
    ("surveys:list", lambda o: "/surveys/", SIGNED_IN),
    ("surveys:create", lambda o: "/surveys/new/", COORDINATORS),
    ("surveys:detail", lambda o: f"/surveys/{_open(o).pk}/", SURVEY_READ),
    ("surveys:edit", lambda o: f"/surveys/{_open(o).pk}/edit/", SURVEY_CHANGE),
    ("surveys:history", lambda o: f"/surveys/{_open(o).pk}/history/", SURVEY_READ),
    ("surveys:export", lambda o: f"/surveys/{_open(o).pk}/results.csv", SURVEY_READ),
    ("surveys:import", lambda o: f"/surveys/{_open(o).pk}/import/", SURVEY_CHANGE),
    ("surveys:import_template", lambda o: f"/surveys/{_open(o).pk}/import/template.csv", SURVEY_CHANGE),
    ("public:surveys:list", lambda o: "/en/surveys/", PUBLIC),
    ("public:surveys:answer", lambda o: f"/en/surveys/{o['lyon'].slug}/{_open(o).pk}/", PUBLIC),
    ("public:surveys:thanks", lambda o: f"/fr/surveys/{o['lyon'].slug}/{_open(o).pk}/thanks/", PUBLIC),
    ("public:surveys:results", lambda o: f"/en/surveys/{o['lyon'].slug}/{_published(o).pk}/results/", PUBLIC),
    (
        "public:surveys:results_export",
        lambda o: f"/en/surveys/{o['lyon'].slug}/{_published(o).pk}/results.xlsx",
        PUBLIC,
    ),
]
NOT_IN_MATRIX: set[str] = {"surveys:publish"}  # POST only
