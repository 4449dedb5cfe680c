"""The permission matrix rows of icc/impact (tests/test_permission_matrix.py adds them).

Each row: (URL name, a function of the matrix's shared objects giving the path, the status per person)."""

from typing import Any

from tests.test_permission_matrix import PUBLIC, SECRETARIAT_ONLY


def _impact(o: dict[str, Any]) -> dict[str, Any]:
    """A finished analysis run of synthetic figures and its published study."""
    if "impact_run" not in o:
        from icc.impact.models import AnalysisRun, ImpactStudy
        from icc.impact.services import analyse_inputs
        from tests.impact.helpers import synthetic

        inputs = synthetic(cities=8, seed=1)
        run = AnalysisRun.objects.create(
            runs=3, snapshot={"inputs": inputs, "results": analyse_inputs(inputs, runs=3, seed=0)}
        )
        from django.utils import timezone

        run.finished_at = timezone.now()
        run.save()
        study = ImpactStudy.objects.create(
            run=run, title="Study", title_en="Study", snapshot=run.snapshot, published_on=timezone.localdate()
        )
        o["impact_run"], o["impact_study"] = run, study
    return o


ROWS: list[tuple[str, Any, dict[str, int]]] = [
    ("impact:dashboard", lambda o: "/impact/", SECRETARIAT_ONLY),
    ("impact:outcomes", lambda o: "/impact/outcomes/", SECRETARIAT_ONLY),
    ("impact:outcomes_template", lambda o: "/impact/outcomes/template.csv", SECRETARIAT_ONLY),
    ("impact:outcomes_export", lambda o: "/impact/outcomes/export.csv", SECRETARIAT_ONLY),
    ("impact:run_detail", lambda o: f"/impact/runs/{_impact(o)['impact_run'].pk}/", SECRETARIAT_ONLY),
    (
        "impact:run_export",
        lambda o: f"/impact/runs/{_impact(o)['impact_run'].pk}/results.csv",
        SECRETARIAT_ONLY,
    ),
    (
        "impact:study_publish",
        lambda o: f"/impact/runs/{_impact(o)['impact_run'].pk}/publish/",
        SECRETARIAT_ONLY,
    ),
    (
        "impact:study_history",
        lambda o: f"/impact/studies/{_impact(o)['impact_study'].pk}/history/",
        SECRETARIAT_ONLY,
    ),
    ("public:impact:study_list", lambda o: "/en/impact/", PUBLIC),
    ("public:impact:study_detail", lambda o: f"/en/impact/{_impact(o)['impact_study'].pk}/", PUBLIC),
]
NOT_IN_MATRIX: set[str] = {
    "impact:run_start",  # POST only: tests/impact/test_pages.py
    "impact:study_withdraw",  # POST only: tests/impact/test_pages.py
    "impact:outcomes_review",  # behind a staged file's token, its owner only: tests/impact/test_outcomes.py
}
