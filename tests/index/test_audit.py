"""The statistical audit of a round (icc.index.audit), against cases computed by hand; stored with the
round's scores."""

from __future__ import annotations

import io
import json
import math
from typing import Any

import numpy as np
import pytest
from django.urls import reverse
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from icc.index.audit import AUDIT_VERSION, audit, average_ranks, cronbach_alpha, spearman
from icc.index.cli import main as offline
from icc.index.models import RoundScores
from icc.index.scoring import parse_questionnaire, parse_responses, robustness
from icc.index.services.exchange import round_interchange
from icc.index.services.questionnaires import questionnaire_export
from icc.index.services.scores import round_scores_compute
from tests.conftest import client_for

POINTS = (0, 1, 2, 3, 4)  # one question per area: area score = 25 × the option's points


def one_question_area(aid: str, weight: float = 1.0, optional: bool = False) -> dict[str, Any]:
    options = [{"id": f"p{p}", "points": p} for p in POINTS]
    question = {"id": f"{aid}.q", "data_type": "input", "type": "single_choice", "options": options}
    return {"id": aid, "weight": weight, "optional": optional, "questions": [question]}


def sample(
    points: dict[str, tuple[int, ...]],
    weights: tuple[float, ...] | None = None,
    optional: tuple[bool, ...] | None = None,
    groups: list[dict[str, Any]] | None = None,
) -> tuple[Any, Any]:
    """A questionnaire of one-question areas a1, a2... and the cities' points in each area."""
    n_areas = len(next(iter(points.values())))
    weights = weights or (1.0,) * n_areas
    optional = optional or (False,) * n_areas
    areas = [one_question_area(f"a{i + 1}", weights[i], optional[i]) for i in range(n_areas)]
    q = parse_questionnaire({"id": "t", "areas": areas, "groups": groups or []})
    responses = [
        {"city": city, "answers": {f"a{i + 1}.q": f"p{p}" for i, p in enumerate(row)}}
        for city, row in points.items()
    ]
    return q, parse_responses({"questionnaire": "t", "responses": responses}, q)


# Four cities, three areas, in points (× 25 = area score).
FOUR = {"A": (4, 3, 0), "B": (3, 4, 1), "C": (2, 1, 2), "D": (0, 2, 3)}


def by(rows: list[dict[str, Any]], **keys: Any) -> dict[str, Any]:
    return next(r for r in rows if all(r[k] == v for k, v in keys.items()))


def test_spearman_of_areas_matches_the_hand_computed_values():
    # a1 ranks A4 B3 C2 D1, a2 ranks A3 B4 C1 D2: d² = 4, rho = 1 - 6·4 / (4·15) = 0.6.
    # a3 ranks exactly opposite to a1: -1. a2 against a3: d² = 16, rho = 1 - 96/60 = -0.6.
    doc = audit(*sample(FOUR), runs=20).to_dict()
    pairs = doc["correlations"]["pairs"]
    assert by(pairs, first="a1", second="a2") == {
        "first": "a1",
        "second": "a2",
        "rho": 0.6,
        "n": 4,
        "flag": None,
    }
    assert by(pairs, first="a1", second="a3")["rho"] == -1.0
    assert by(pairs, first="a1", second="a3")["flag"] == "conflict"
    assert by(pairs, first="a2", second="a3")["rho"] == -0.6
    assert doc["correlations"]["conflicts"] == 2 and doc["correlations"]["redundant"] == 0


def test_spearman_is_pairwise_complete_and_shares_ranks_between_ties():
    x = np.array([1.0, 2.0, 2.0, 3.0, np.nan])
    y = np.array([1.0, 3.0, 2.0, 4.0, 5.0])
    rho, n = spearman(x, y)
    # ranks x: 1, 2.5, 2.5, 4; y: 1, 3, 2, 4 -> Pearson of the ranks
    assert n == 4
    assert rho == pytest.approx(np.corrcoef([1, 2.5, 2.5, 4], [1, 3, 2, 4])[0, 1])
    assert average_ranks(np.array([5.0, 1.0, 5.0])).tolist() == [2.5, 1.0, 2.5]
    assert math.isnan(spearman(np.array([1.0, 1.0, 1.0]), np.array([1.0, 2.0, 3.0]))[0])


def test_redundant_areas_are_flagged():
    q, r = sample({"A": (4, 4, 0), "B": (3, 3, 4), "C": (1, 1, 2), "D": (0, 0, 1)})
    doc = audit(q, r, runs=20).to_dict()
    assert by(doc["correlations"]["pairs"], first="a1", second="a2")["flag"] == "redundant"
    assert doc["correlations"]["redundant"] == 1


def test_cronbach_alpha_matches_the_hand_computed_values():
    groups = [{"id": "g", "areas": ["a1", "a2"]}]
    doc = audit(*sample(FOUR, groups=groups), runs=20).to_dict()
    alphas = {a["group"]: a for a in doc["consistency"]["alpha"]}
    # All three areas: sample variances 8.75/3, 5/3, 5/3, of the sum 6.75/3: 3/2 · (1 - 18.75/6.75) = -8/3.
    assert alphas["aggregate"]["alpha"] == round(-8 / 3, 4)
    assert alphas["aggregate"]["n"] == 4 and alphas["aggregate"]["areas"] == ["a1", "a2", "a3"]
    # a1 and a2: 2 · (1 - 13.75/20.75) = 56/83.
    assert alphas["g"]["alpha"] == round(56 / 83, 4)
    assert math.isnan(cronbach_alpha(np.array([[1.0, 1.0], [1.0, 1.0]]))[0])  # nothing varies


def test_first_component_share_is_the_largest_eigenvalue_of_the_correlation_matrix():
    doc = audit(*sample(FOUR), runs=20).to_dict()
    matrix = np.array(list(FOUR.values()), dtype=float)
    eigenvalues = np.linalg.eigvalsh(np.corrcoef(matrix.T))
    pc1 = doc["consistency"]["pc1"]
    assert pc1["share"] == round(eigenvalues.max() / 3, 4)
    assert pc1["n"] == 4 and pc1["areas"] == ["a1", "a2", "a3"]
    assert sum(v * v for v in pc1["loadings"].values()) == pytest.approx(1, abs=1e-3)


def test_first_component_leaves_out_cities_with_a_missing_area_and_areas_that_do_not_vary():
    q, r = sample({"A": (4, 3, 2), "B": (3, 4, 2), "C": (2, 1, 2), "D": (0, 2, 2)})
    pc1 = audit(q, r, runs=20).to_dict()["consistency"]["pc1"]
    assert pc1["areas"] == ["a1", "a2"]  # a3 is 50 everywhere


def test_sensitivity_finds_the_weights_that_decide_a_rank():
    # A leads when w1 > w2, B when w2 > w1; a3 is equal for both and cannot change their order, nor
    # can the aggregation method. Var(E[rank | w1]) / Var(rank) = (1/12) / (1/4) = 1/3 for each of
    # w1 and w2 (the factors are uniform), slightly less when estimated in 10 bins.
    q, r = sample({"A": (4, 0, 2), "B": (0, 4, 2)})
    doc = audit(q, r, runs=4000, seed=3).to_dict()
    inputs = {s["input"]: s for s in doc["sensitivity"]["inputs"]}
    assert inputs["a1"]["mean"] == pytest.approx(1 / 3, abs=0.04)
    assert inputs["a2"]["mean"] == pytest.approx(1 / 3, abs=0.04)
    assert inputs["a3"]["mean"] < 0.02
    assert inputs["aggregation"]["mean"] < 0.02
    unstable = {c["city"]: c for c in doc["sensitivity"]["unstable"]}
    assert set(unstable) == {"A", "B"}
    assert unstable["A"]["p05"] == 1 and unstable["A"]["p95"] == 2 and unstable["A"]["width"] == 1
    assert unstable["A"]["driver"] in {"a1", "a2"}


def test_cities_whose_rank_never_moves_are_not_listed_as_unstable():
    q, r = sample({"A": (4, 4, 4), "B": (2, 2, 2), "C": (0, 0, 0)})
    doc = audit(q, r, runs=200).to_dict()
    assert doc["sensitivity"]["unstable"] == []
    assert all(s["mean"] is None for s in doc["sensitivity"]["inputs"])


def test_the_monte_carlo_runs_are_those_of_the_robustness():
    # The same seed draws the same weights: the audit's rank intervals agree with robustness's, which
    # also counts the equal-weights and geometric scenarios (so they may differ by those two).
    q, r = sample(FOUR, weights=(3.0, 1.0, 2.0))
    doc = audit(q, r, runs=500, seed=7).to_dict()
    robust = {c.city: c for c in robustness(q, r, runs=500, seed=7).cities}
    for city in doc["sensitivity"]["unstable"]:
        assert robust[city["city"]].p05 <= city["p05"] + 1 and city["p95"] <= robust[city["city"]].p95 + 1


def test_choices_report_the_rank_shifts_and_the_movers():
    # Weights 3, 1 (and an optional area of weight 1). A: 100, 0 (optional 0) -> 75; B: 50, 75
    # (optional 100) -> 56.25. Equal weights: A 50, B 62.5. Geometric (0 counts as 1): A 100^0.75 =
    # 31.6, B 50^0.75 · 75^0.25 = 55.3. With the optional area: A 300/5 = 60, B 325/5 = 65. Every
    # choice swaps them.
    points = {"A": (4, 0, 0), "B": (2, 3, 4)}
    q, r = sample(points, weights=(3, 1, 1), optional=(False, False, True))
    doc = audit(q, r, runs=20).to_dict()
    choices = {c["choice"]: c for c in doc["choices"]}
    assert set(choices) == {"equal_weights", "geometric", "with_optional_areas"}
    for choice in choices.values():
        assert choice["n"] == 2 and choice["mean_abs_shift"] == 1.0 and choice["max_abs_shift"] == 1
        assert choice["changed"] == 1.0
        assert {(m["city"], m["official"], m["alternative"], m["shift"]) for m in choice["movers"]} == {
            ("A", 1, 2, 1),
            ("B", 2, 1, -1),
        }


def test_without_optional_areas_there_is_no_optional_choice():
    doc = audit(*sample(FOUR), runs=20).to_dict()
    assert [c["choice"] for c in doc["choices"]] == ["equal_weights", "geometric"]


def yes_no_area(aid: str, n: int) -> dict[str, Any]:
    options = [{"id": "no", "points": 0}, {"id": "yes", "points": 1}]
    return {
        "id": aid,
        "questions": [
            {"id": f"{aid}.{i}", "data_type": "input", "type": "yes_no", "options": options, "allow_na": True}
            for i in range(n)
        ],
    }


def test_data_checks_count_completeness_na_and_questions_without_discrimination():
    q = parse_questionnaire({"id": "t", "areas": [yes_no_area("a", 3)]})
    responses = [
        {"city": "A", "answers": {"a.0": "yes", "a.1": "yes", "a.2": "n/a"}},
        {"city": "B", "answers": {"a.0": "yes", "a.1": "no"}},
        {"city": "C", "answers": {"a.0": "yes", "a.1": "no", "a.2": "n/a"}},
    ]
    doc = audit(q, parse_responses({"questionnaire": "t", "responses": responses}, q), runs=20).to_dict()
    cities = {c["city"]: c for c in doc["data"]["cities"]}
    assert cities["A"] == {"city": "A", "shown": 3, "answered": 2, "na": 1, "unanswered": 0, "share": 0.6667}
    assert cities["B"]["unanswered"] == 1 and cities["B"]["share"] == 0.6667
    questions = {c["question"]: c for c in doc["data"]["questions"]}
    assert questions["a.0"]["discriminates"] is False and questions["a.0"]["distinct"] == 1
    assert questions["a.1"]["discriminates"] is True
    assert questions["a.2"] == {
        "question": "a.2",
        "area": "a",
        "shown": 3,
        "answered": 0,
        "completeness": 0.0,
        "na_share": 0.6667,
        "distinct": 0,
        "discriminates": True,
    }


def test_unusual_answer_patterns_are_reported():
    options = [{"id": f"o{p}", "points": p} for p in (0, 1, 2)]
    questions = [
        {"id": f"q{i}", "data_type": "input", "type": "single_choice", "options": options} for i in range(5)
    ]
    q = parse_questionnaire({"id": "t", "areas": [{"id": "a", "questions": questions}]})
    responses = [
        {"city": "Top", "answers": {f"q{i}": "o2" for i in range(5)}},
        {"city": "Bottom", "answers": {f"q{i}": "o0" for i in range(5)}},
        {"city": "Mixed", "answers": {f"q{i}": f"o{i % 3}" for i in range(5)}},
        {"city": "Few", "answers": {f"q{i}": "o1" for i in range(4)}},
    ]
    doc = audit(q, parse_responses({"questionnaire": "t", "responses": responses}, q), runs=20).to_dict()
    found = {(p["city"], p["pattern"]) for p in doc["data"]["patterns"]}
    assert found == {
        ("Bottom", "all_minimum"),
        ("Bottom", "same_option"),
        ("Top", "all_maximum"),
        ("Top", "same_option"),
    }


def test_the_document_is_json_without_nan_and_says_its_version():
    q, r = sample({"A": (4, 3, 0), "B": (3, 4, 1)})  # two cities: no correlation is defined
    doc = audit(q, r, runs=20).to_dict()
    text = json.dumps(doc, allow_nan=False)
    assert doc["version"] == AUDIT_VERSION
    assert all(p["rho"] is None for p in doc["correlations"]["pairs"])
    assert json.loads(text) == doc


def test_bad_parameters_are_refused():
    with pytest.raises(ValueError):
        audit(*sample(FOUR), runs=0)


@st.composite
def samples(draw: st.DrawFn) -> dict[str, tuple[int, ...]]:
    n_areas = draw(st.integers(2, 4))
    n_cities = draw(st.integers(1, 8))
    row = st.tuples(*[st.integers(0, 4)] * n_areas)
    return {f"c{i}": draw(row) for i in range(n_cities)}


@settings(max_examples=30, deadline=None)
@given(points=samples(), seed=st.integers(0, 2**16))
def test_statistics_stay_in_their_ranges_and_a_seed_gives_one_result(points, seed):
    q, r = sample(points)
    doc = audit(q, r, runs=40, seed=seed).to_dict()
    assert doc == audit(q, r, runs=40, seed=seed).to_dict()
    for pair in doc["correlations"]["pairs"] + doc["correlations"]["with_aggregate"]:
        assert pair["rho"] is None or -1 <= pair["rho"] <= 1
    shares = [c["share"] for c in doc["data"]["cities"]]
    shares += [x for c in doc["data"]["questions"] for x in (c["completeness"], c["na_share"])]
    shares += [s[k] for s in doc["sensitivity"]["inputs"] for k in ("mean", "max")]
    shares += [c["changed"] for c in doc["choices"]]
    if doc["consistency"]["pc1"] is not None:
        shares.append(doc["consistency"]["pc1"]["share"])
    assert all(s is None or 0 <= s <= 1 for s in shares)
    for choice in doc["choices"]:
        assert 0 <= choice["mean_abs_shift"] <= choice["max_abs_shift"] < max(len(points), 1)


# Stored with the scores -----------------------------------------------------------------------------


def test_the_stored_audit_is_what_the_offline_command_prints(scored, tmp_path):
    lyon, _porto = scored
    questionnaire_file, responses_file = tmp_path / "q.json", tmp_path / "r.json"
    questionnaire_file.write_text(json.dumps(questionnaire_export(lyon.round.questionnaire)))
    responses_file.write_text(json.dumps(round_interchange(lyon.round), default=str))
    out, err = io.StringIO(), io.StringIO()
    args = ["audit", "--questionnaire", str(questionnaire_file), "--responses", str(responses_file)]
    assert offline(args, stdout=out, stderr=err) == 0, err.getvalue()
    stored = RoundScores.objects.get(round=lyon.round).audit
    assert json.loads(out.getvalue()) == stored
    assert stored["version"] == AUDIT_VERSION and stored["cities"] == 2
    assert {c["city"] for c in stored["data"]["cities"]} == {"Lyon", "Porto"}


def test_scores_stored_without_an_audit_are_recomputed_at_the_next_change(scored):
    lyon, _porto = scored
    RoundScores.objects.filter(round=lyon.round).update(audit={})
    assert round_scores_compute(round=lyon.round, only_if_stale=True).computed is True
    assert RoundScores.objects.get(round=lyon.round).audit["cities"] == 2
    assert round_scores_compute(round=lyon.round, only_if_stale=True).computed is False


# The secretariat's page -----------------------------------------------------------------------------


def test_the_secretariat_reads_the_stored_audit_of_a_round(scored, alice):
    lyon, _porto = scored
    page = client_for(alice).get(reverse("index:round_audit", args=[lyon.round_id]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Statistical audit: Index 2026" in text
    assert "over 2 cities, with 1000 random weightings from seed 0" in text
    for heading in ("Data checks", "Correlations between areas", "Consistency", "Sensitivity of the ranks"):
        assert heading in text
    assert "Equal weights" in text and "Geometric mean" in text
    scores_page = client_for(alice).get(reverse("index:round_scores", args=[lyon.round_id])).content.decode()
    assert reverse("index:round_audit", args=[lyon.round_id]) in scores_page


def test_a_french_reader_reads_the_audit_in_french(scored, alice):
    lyon, _porto = scored
    client = client_for(alice)
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    try:
        text = client.get(reverse("index:round_audit", args=[lyon.round_id])).content.decode()
    finally:
        translation.activate("en")
    assert "Audit statistique" in text
    assert "Les contrôles des données" in text and "Pondérations égales" in text


def test_a_round_without_scores_says_the_audit_comes_with_them(index_round, alice):
    text = client_for(alice).get(reverse("index:round_audit", args=[index_round.pk])).content.decode()
    assert "The audit is computed with the scores. Recompute the scores to compute it." in text
    assert "Data checks" not in text
