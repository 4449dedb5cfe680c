"""The offline command: `python -m icc.index.cli score ...` (later `icc index score ...`)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from icc.index.cli import main
from icc.index.scoring import parse_questionnaire, parse_responses, score

DATA = Path(__file__).parent / "data"


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    questionnaire = tmp_path / "questionnaire.json"
    responses = tmp_path / "responses.json"
    shutil.copy(DATA / "questionnaire.json", questionnaire)
    shutil.copy(DATA / "responses.json", responses)
    return questionnaire, responses


def expected_document() -> dict:
    q = parse_questionnaire(json.loads((DATA / "questionnaire.json").read_text()))
    return score(q, parse_responses(json.loads((DATA / "responses.json").read_text()), q)).to_dict()


def test_it_prints_the_scores_document(files, capsys):
    questionnaire, responses = files
    assert main(["score", "--questionnaire", str(questionnaire), "--responses", str(responses)]) == 0
    assert json.loads(capsys.readouterr().out) == expected_document()


def test_it_prints_one_csv_row_per_city(files, capsys):
    questionnaire, responses = files
    args = ["score", "--questionnaire", str(questionnaire), "--responses", str(responses), "--format", "csv"]
    assert main(args) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    areas = ["commitment", "education", "public_services", "language", "participation"]
    peers = ["peer_group_population", "peer_group_diversity"]
    ranks = ["rank_sample", "rank_population", "rank_diversity"]
    assert list(rows[0]) == ["city", "complete", "aggregate", *areas, "intercultural_lens", *peers, *ranks]
    assert [r["city"] for r in rows] == ["Lyon", "Porto", "Bergamo", "Reggio Emilia", "Neuchâtel", "Limassol"]
    lyon, porto = rows[0], rows[1]
    assert (lyon["complete"], float(lyon["aggregate"]), lyon["rank_sample"]) == ("true", 82.0, "1")
    assert float(lyon["education"]) == pytest.approx(500 / 6)  # not rounded
    assert (porto["complete"], porto["language"]) == ("false", "")  # null is an empty cell
    assert rows[5]["peer_group_diversity"] == ""


def test_it_adds_rank_intervals_with_robustness(files, capsys):
    questionnaire, responses = files
    args = ["score", "--questionnaire", str(questionnaire), "--responses", str(responses), "--robustness"]
    assert main([*args, "--runs", "50", "--seed", "3"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["robustness"]["runs"] == 50
    lyon = doc["robustness"]["cities"][0]
    assert lyon == {"city": "Lyon", "nominal": 1, "equal_weights": 1, "geometric": 1} | {
        "median": 1.0, "p05": 1.0, "p95": 1.0,
    }  # fmt: skip
    assert main([*args, "--runs", "50", "--format", "csv"]) == 0
    assert "rank_median,rank_p05,rank_p95" in capsys.readouterr().out.splitlines()[0]


def test_it_writes_the_output_file(files, tmp_path, capsys):
    questionnaire, responses = files
    output = tmp_path / "scores.json"
    args = [
        "score",
        "--questionnaire",
        str(questionnaire),
        "--responses",
        str(responses),
        "--output",
        str(output),
    ]
    assert main(args) == 0
    assert capsys.readouterr().out == ""
    assert json.loads(output.read_text(encoding="utf-8")) == expected_document()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_it_reads_a_yaml_questionnaire_with_bare_yes_and_no(tmp_path, capsys):
    questionnaire = tmp_path / "q.yaml"
    questionnaire.write_text(
        """
id: yaml-test
areas:
  - id: commitment
    weight: 1
    questions:
      - id: commitment.budget
        data_type: input
        type: yes_no
        options:
          - {id: no, points: 0}
          - {id: yes, points: 2}
"""
    )
    responses = tmp_path / "r.json"
    responses.write_text(json.dumps({"questionnaire": "yaml-test", "responses": [
        {"city": "Lyon", "answers": {"commitment.budget": "yes"}}]}))  # fmt: skip
    assert main(["score", "--questionnaire", str(questionnaire), "--responses", str(responses)]) == 0
    assert json.loads(capsys.readouterr().out)["cities"][0]["aggregate"] == 100.0


def test_bad_input_exits_2_names_city_and_question_and_writes_nothing(files, tmp_path, capsys):
    questionnaire, responses = files
    doc = json.loads(responses.read_text())
    doc["responses"][1]["answers"]["commitment.strategy"] = "maybe"
    doc["responses"][2]["answers"]["commitment.budget"] = "n/a"
    responses.write_text(json.dumps(doc))
    output = tmp_path / "scores.csv"
    args = [
        "score",
        "--questionnaire",
        str(questionnaire),
        "--responses",
        str(responses),
        "--output",
        str(output),
    ]
    assert main([*args, "--format", "csv"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert 'city "Porto", question "commitment.strategy": unknown option id "maybe"' in captured.err
    assert 'city "Bergamo", question "commitment.budget": "n/a" is not allowed' in captured.err
    assert not output.exists()


def test_bad_input_leaves_an_existing_output_file_alone(files, tmp_path):
    questionnaire, responses = files
    questionnaire.write_text(json.dumps({"id": "x", "areas": [{"id": "a", "weight": -1, "questions": []}]}))
    output = tmp_path / "scores.json"
    output.write_text("previous scores")
    args = [
        "score",
        "--questionnaire",
        str(questionnaire),
        "--responses",
        str(responses),
        "--output",
        str(output),
    ]
    assert main(args) == 2
    assert output.read_text() == "previous scores"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"id": "a", "id": "b"}', 'duplicate keys "id"'),
        ("[]", "the questionnaire must be a JSON object"),
    ],
)
def test_unreadable_files_exit_2(files, capsys, content, message):
    questionnaire, responses = files
    questionnaire.write_text(content)
    assert main(["score", "--questionnaire", str(questionnaire), "--responses", str(responses)]) == 2
    assert message in capsys.readouterr().err


def test_a_missing_file_exits_2(files, tmp_path, capsys):
    _, responses = files
    missing = tmp_path / "nope.json"
    assert main(["score", "--questionnaire", str(missing), "--responses", str(responses)]) == 2
    assert "nope.json: cannot read it" in capsys.readouterr().err


def test_usage_errors_exit_2(capsys):
    assert main(["score", "--questionnaire", "q.json"]) == 2
    assert "--responses" in capsys.readouterr().err


def test_an_unwritable_output_exits_1_and_writes_nothing(files, tmp_path, capsys):
    questionnaire, responses = files
    output = tmp_path / "missing-dir" / "scores.json"
    args = ["score", "--questionnaire", str(questionnaire), "--responses", str(responses)]
    assert main([*args, "--output", str(output)]) == 1
    assert "cannot write" in capsys.readouterr().err
    assert not output.parent.exists()
