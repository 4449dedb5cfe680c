"""The permission matrix rows of icc/strategies (tests/test_permission_matrix.py adds them).

Each row: (URL name, a function of the matrix's shared objects giving the path, the status per person).
A strategy is its city's: the secretariat and the city's coordinators change it, its contributors read it and
enter figures and action updates; everyone else, experts included, does not know it exists (404). A
published strategy is on the public site for everyone."""

from typing import Any

from tests.test_permission_matrix import PEOPLE, PUBLIC, SIGNED_IN

STRATEGY_READ = {
    "anonymous": 302,
    "alice": 200,
    "bob": 200,
    "carol": 200,
    "dave": 404,
    "erin": 404,
    "frank": 404,
    "grace": 404,
}
STRATEGY_DATA = STRATEGY_READ  # contributors enter figures, targets, curve fields and action updates
STRATEGY_WRITE = {**STRATEGY_READ, "carol": 403}
# Starting a strategy: the secretariat and the coordinators of a city (Lyon's bob, Porto's dave).
STRATEGY_START = {**dict.fromkeys(PEOPLE, 403), "anonymous": 302, "alice": 200, "bob": 200, "dave": 200}


def _strategy(o: dict[str, Any]) -> Any:
    """Lyon's strategy, implementing and published, with a result, an indicator with figures and a target,
    a programme with a measure, an action, a version and a support group member."""
    if "strategy" not in o:
        from icc.accounts.models import User
        from icc.strategies import services
        from tests.strategies.helpers import make_strategy

        bob = User.objects.get(email="bob@example.org")
        strategy = make_strategy(o["lyon"], bob, published=True)
        services.version_add(strategy=strategy, by=bob, text="Version one")
        services.member_add(strategy=strategy, name="Amina Haddad", organisation="Residents' council", by=bob)
        o["strategy"] = strategy
        o["result"] = strategy.results.get()
        o["indicator"] = o["result"].indicators.get()
        o["measure"] = strategy.programmes.get().measures.get()
        o["programme"] = strategy.programmes.get()
        o["point"] = o["indicator"].points.first()
        o["action"] = o["indicator"].actions.get()
        o["version"] = strategy.versions.get()
    return o["strategy"]


def _s(o: dict[str, Any], tail: str = "") -> str:
    return f"/strategies/{_strategy(o).pk}/{tail}"


ROWS: list[tuple[str, Any, dict[str, int]]] = [
    ("strategies:strategy_list", lambda o: "/strategies/", SIGNED_IN),
    ("strategies:strategy_create", lambda o: "/strategies/new/", STRATEGY_START),
    ("strategies:strategy_detail", lambda o: _s(o), STRATEGY_READ),
    ("strategies:strategy_edit", lambda o: _s(o) + "edit/", STRATEGY_WRITE),
    ("strategies:strategy_history", lambda o: _s(o) + "history/", STRATEGY_READ),
    ("strategies:scorecard", lambda o: _s(o) + "scorecard/", STRATEGY_READ),
    ("strategies:version_detail", lambda o: _s(o) + f"versions/{o['version'].pk}/", STRATEGY_READ),
    ("strategies:result_create", lambda o: _s(o) + "results/new/", STRATEGY_WRITE),
    ("strategies:result_edit", lambda o: _s(o) + f"results/{o['result'].pk}/edit/", STRATEGY_WRITE),
    ("strategies:report_card_pdf", lambda o: _s(o) + f"results/{o['result'].pk}/card.pdf", STRATEGY_READ),
    (
        "strategies:indicator_create",
        lambda o: _s(o) + f"results/{o['result'].pk}/indicators/new/",
        STRATEGY_WRITE,
    ),
    ("strategies:indicator_detail", lambda o: _s(o) + f"indicators/{o['indicator'].pk}/", STRATEGY_READ),
    ("strategies:indicator_edit", lambda o: _s(o) + f"indicators/{o['indicator'].pk}/edit/", STRATEGY_WRITE),
    ("strategies:curve_edit", lambda o: _s(o) + f"indicators/{o['indicator'].pk}/curve/", STRATEGY_DATA),
    (
        "strategies:forecast_edit",
        lambda o: _s(o) + f"indicators/{o['indicator'].pk}/forecast/",
        STRATEGY_WRITE,
    ),
    (
        "strategies:action_create",
        lambda o: _s(o) + f"indicators/{o['indicator'].pk}/actions/new/",
        STRATEGY_DATA,
    ),
    ("strategies:action_edit", lambda o: _s(o) + f"actions/{o['action'].pk}/edit/", STRATEGY_DATA),
    (
        "strategies:point_add",
        lambda o: _s(o) + f"series/indicator/{o['indicator'].pk}/points/",
        STRATEGY_DATA,
    ),
    ("strategies:target_add", lambda o: _s(o) + f"series/measure/{o['measure'].pk}/targets/", STRATEGY_DATA),
    ("strategies:point_edit", lambda o: _s(o) + f"points/{o['point'].pk}/", STRATEGY_DATA),
    ("strategies:programme_create", lambda o: _s(o) + "programmes/new/", STRATEGY_WRITE),
    ("strategies:programme_edit", lambda o: _s(o) + f"programmes/{o['programme'].pk}/edit/", STRATEGY_WRITE),
    (
        "strategies:measure_create",
        lambda o: _s(o) + f"programmes/{o['programme'].pk}/measures/new/",
        STRATEGY_WRITE,
    ),
    ("strategies:measure_detail", lambda o: _s(o) + f"measures/{o['measure'].pk}/", STRATEGY_READ),
    ("strategies:measure_edit", lambda o: _s(o) + f"measures/{o['measure'].pk}/edit/", STRATEGY_WRITE),
    ("public:strategies:strategy_list", lambda o: "/en/strategies/", PUBLIC),
    ("public:strategies:city_strategy", lambda o: f"/fr/strategies/{_strategy(o).city.slug}/", PUBLIC),
    (
        "public:strategies:report_card_pdf",
        lambda o: f"/en/strategies/{_strategy(o).city.slug}/results/{o['result'].pk}/card.pdf",
        PUBLIC,
    ),
]
# POST-only actions, and the download of a version's document (each checks the same access as the page it
# belongs to: tests/strategies/test_views.py).
NOT_IN_MATRIX: set[str] = {
    "strategies:strategy_status",
    "strategies:strategy_publish",
    "strategies:version_add",
    "strategies:member_add",
    "strategies:member_remove",
    "strategies:indicator_refresh",
    "strategies:action_update",
    "strategies:document_download",
}
