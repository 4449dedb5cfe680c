"""The permission matrix rows of icc/programme (tests/test_permission_matrix.py adds them).

Each row: (URL name, a function of the matrix's shared objects giving the path, the status per person).
The dashboard, targets, register, reports and exports are the secretariat's (403 for other signed-in people);
a risk is the secretariat's and its owner's, and hidden (404) from anyone else."""

from typing import Any

from tests.test_permission_matrix import PUBLIC, SECRETARIAT_ONLY

RISK_READ = {**dict.fromkeys(SECRETARIAT_ONLY, 404), "anonymous": 302, "alice": 200}


def _programme(o: dict[str, Any]) -> dict[str, Any]:
    """A strategy (tests/programme/helpers.py) whose risk alice owns, and an annual report made already."""
    if "programme_strategy" not in o:
        from icc.accounts.models import User
        from icc.programme.models import AnnualReport
        from tests.programme.helpers import make_strategy

        alice = User.objects.get(email="alice@example.org")
        strategy = make_strategy(alice)
        strategy["report"] = AnnualReport.objects.create(
            period=strategy["period"], year=2024, language="en", pdf=b"%PDF-1.7\n", requested_by=alice
        )
        o["programme_strategy"] = strategy
    return o["programme_strategy"]  # type: ignore[no-any-return]


ROWS: list[tuple[str, Any, dict[str, int]]] = [
    ("programme:dashboard", lambda o: _programme(o) and "/programme/", SECRETARIAT_ONLY),
    (
        "programme:target_detail",
        lambda o: f"/programme/targets/{_programme(o)['members'].pk}/",
        SECRETARIAT_ONLY,
    ),
    (
        "programme:target_history",
        lambda o: f"/programme/targets/{_programme(o)['members'].pk}/history/",
        SECRETARIAT_ONLY,
    ),
    ("programme:risk_list", lambda o: _programme(o) and "/programme/risks/", SECRETARIAT_ONLY),
    ("programme:risk_detail", lambda o: f"/programme/risks/{_programme(o)['risk'].pk}/", RISK_READ),
    ("programme:risk_history", lambda o: f"/programme/risks/{_programme(o)['risk'].pk}/history/", RISK_READ),
    ("programme:report_list", lambda o: _programme(o) and "/programme/reports/", SECRETARIAT_ONLY),
    (
        "programme:report_download",
        lambda o: f"/programme/reports/{_programme(o)['report'].pk}.pdf",
        SECRETARIAT_ONLY,
    ),
    (
        "programme:export_targets",
        lambda o: _programme(o) and "/programme/export/targets.csv",
        SECRETARIAT_ONLY,
    ),
    ("programme:export_risks", lambda o: _programme(o) and "/programme/export/risks.xlsx", SECRETARIAT_ONLY),
    ("public:programme:summary", lambda o: _programme(o) and "/en/programme/", PUBLIC),
]
# POST-only actions, covered by tests/programme/test_pages.py.
NOT_IN_MATRIX: set[str] = {"programme:recompute", "programme:action_add", "programme:action_status"}
