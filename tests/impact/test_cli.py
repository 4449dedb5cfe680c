"""`icc impact analyse` on open-data files gives the figures of the web analysis on the same data."""

import json

import pytest
from django.core.management import CommandError, call_command

from icc.impact.services import analyse_inputs
from tests.impact.helpers import synthetic


def _files(tmp_path, data):
    paths = []
    for document in data["scores"]:
        path = tmp_path / f"scores-{document['round']['id']}.json"
        path.write_text(json.dumps(document))
        paths.append(str(path))
    outcomes = tmp_path / "outcomes.csv"
    lines = ["city,year,outcome,value,unit,source,licence"]
    lines += [f"{o['city']},{o['year']},{o['kind']},{o['value']!r},u,s,l" for o in data["outcomes"]]
    outcomes.write_text("\n".join(lines) + "\n")
    return paths, str(outcomes)


def test_the_command_prints_the_same_json_as_the_web_analysis(tmp_path, capsys):
    data = synthetic(cities=20, seed=5)
    paths, outcomes = _files(tmp_path, data)
    args = ["impact", "analyse", "--outcomes", outcomes, "--runs", "10", "--seed", "2"]
    for path in paths:
        args += ["--index", path]
    call_command(*args)
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(json.dumps(analyse_inputs(data, runs=10, seed=2)))


def test_the_text_format_names_the_tables(tmp_path, capsys):
    paths, outcomes = _files(tmp_path, synthetic(cities=20, seed=5))
    call_command(
        "impact",
        "analyse",
        "--index",
        paths[0],
        "--index",
        paths[1],
        "--outcomes",
        outcomes,
        "--format",
        "text",
        "--runs",
        "5",
    )
    text = capsys.readouterr().out
    assert "Correlations of the aggregate" in text and "Panel:" in text and "Robustness over 5" in text


def test_bad_input_is_refused_naming_the_row(tmp_path):
    paths, _outcomes = _files(tmp_path, synthetic(cities=6, seed=5))
    bad = tmp_path / "bad.csv"
    bad.write_text("city,year,outcome,value\ncity-1,2022,happiness,3\n")
    with pytest.raises(CommandError, match="row 2, outcome: 'happiness'"):
        call_command("impact", "analyse", "--index", paths[0], "--outcomes", str(bad))
    with pytest.raises(CommandError, match=r"not a readable scores\.json"):
        call_command("impact", "analyse", "--index", str(bad), "--outcomes", str(bad))
