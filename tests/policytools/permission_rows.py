"""The permission matrix rows of icc/policytools (tests/test_permission_matrix.py adds them).

Each row: (URL name, a function of the matrix's shared objects giving the path, the status per person).
The tools are for the secretariat and the cities' people; a city's assessment is its people's and the
secretariat's (404 for anybody else); the business tool is public, a saved result is read by its private
link."""

from typing import Any

from tests.test_permission_matrix import NOBODY, PEOPLE, PUBLIC, SECRETARIAT_ONLY  # noqa: F401

CITY_PEOPLE = {**SECRETARIAT_ONLY, "bob": 200, "carol": 200, "dave": 200}
LYON_ASSESSMENT = {
    **SECRETARIAT_ONLY,
    "bob": 200,
    "carol": 200,
    "dave": 404,
    "erin": 404,
    "frank": 404,
    "grace": 404,
}
REDIRECTED = dict.fromkeys(PEOPLE, 302)


def _tools(o: dict[str, Any]) -> Any:
    """Lyon's completed housing self-assessment and a saved business result."""
    if "assessment" not in o:
        from django.utils import timezone

        from icc.policytools.models import Assessment, AssessmentStatus, BusinessAssessment, Checklist
        from icc.policytools.services import checklists_load_shipped

        checklists_load_shipped()
        housing = Checklist.objects.get(key="housing-2026")
        o["assessment"] = Assessment.objects.create(
            city=o["lyon"], checklist=housing, status=AssessmentStatus.COMPLETED, completed_at=timezone.now()
        )
        o["business_result"] = BusinessAssessment.objects.create(
            checklist=Checklist.objects.get(key="diversity-advantage-2026"),
            email="owner@example.org",
            answers={},
            consent_at=timezone.now(),
        )
    return o


ROWS: list[tuple[str, Any, dict[str, int]]] = [
    ("policytools:home", lambda o: "/policy-tools/", CITY_PEOPLE),
    (
        "policytools:checklist_detail",
        lambda o: _tools(o) and "/policy-tools/checklists/housing-2026/",
        CITY_PEOPLE,
    ),
    (
        "policytools:assessment_detail",
        lambda o: f"/policy-tools/assessments/{_tools(o)['assessment'].pk}/",
        LYON_ASSESSMENT,
    ),
    (
        "policytools:assessment_history",
        lambda o: f"/policy-tools/assessments/{_tools(o)['assessment'].pk}/history/",
        LYON_ASSESSMENT,
    ),
    ("policytools:overview", lambda o: _tools(o) and "/policy-tools/overview/", SECRETARIAT_ONLY),
    ("policytools:overview_export", lambda o: _tools(o) and "/policy-tools/overview.csv", SECRETARIAT_ONLY),
    (
        "public:policytools:diversity_advantage",
        lambda o: _tools(o) and "/en/policy-tools/diversity-advantage/",
        PUBLIC,
    ),
    (
        # Without answers in the session there is no result: back to the questions.
        "public:policytools:diversity_advantage_result",
        lambda o: _tools(o) and "/en/policy-tools/diversity-advantage/result/",
        REDIRECTED,
    ),
    (
        "public:policytools:saved_result",
        lambda o: f"/en/policy-tools/diversity-advantage/saved/{_tools(o)['business_result'].token}/",
        PUBLIC,
    ),
]
NOT_IN_MATRIX: set[str] = {
    # POST-only actions, tested in tests/policytools.
    "policytools:assessment_start",
    "policytools:assessment_answer",
    "policytools:assessment_complete",
    "public:policytools:saved_result_erase",
}
