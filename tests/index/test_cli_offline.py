"""`icc index score` and `icc index audit` run the offline engine straight away, without Django's start-up."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from icc.__main__ import OFFLINE_INDEX_SUBCOMMANDS
from icc.index import cli
from icc.index.audit import audit
from icc.index.scoring import parse_questionnaire, parse_responses, score

DATA = Path(__file__).parent / "data"


def icc(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`icc ARGS` in a fresh interpreter (`python -m icc` runs the console script's main), listing
    every module it imports on stderr (-X importtime). No .env file is read."""
    command = [sys.executable, "-X", "importtime", "-m", "icc", *args]
    environment = os.environ | {"ENV_FILE": str(cwd / "no-such.env")} | env
    return subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        command, capture_output=True, text=True, cwd=cwd, env=environment, check=False, timeout=120
    )


# The settings would refuse to load like this (production without a secret key): offline, they are not read.
NO_SETTINGS = {"ICC_TESTING": "false", "DEBUG": "false", "SECRET_KEY": ""}


def imported(stderr: str) -> set[str]:
    return {line.split("|")[-1].strip() for line in stderr.splitlines() if line.startswith("import time:")}


def test_icc_index_score_writes_the_scores_without_importing_django(tmp_path):
    output = tmp_path / "scores.json"
    questionnaire, responses = DATA / "questionnaire.json", DATA / "responses.json"
    args = ["--questionnaire", str(questionnaire), "--responses", str(responses), "--output", str(output)]
    result = icc("index", "score", *args, cwd=tmp_path, **NO_SETTINGS)
    assert result.returncode == 0, result.stderr
    q = parse_questionnaire(json.loads(questionnaire.read_text()))
    expected = score(q, parse_responses(json.loads(responses.read_text()), q)).to_dict()
    assert json.loads(output.read_text(encoding="utf-8")) == expected
    modules = imported(result.stderr)
    assert "icc.index.scoring" in modules
    assert not {m for m in modules if m == "django" or m.startswith("django.")}


def test_bad_input_names_city_and_question_without_importing_django(tmp_path):
    doc = json.loads((DATA / "responses.json").read_text())
    doc["responses"][1]["answers"]["commitment.strategy"] = "maybe"
    responses = tmp_path / "responses.json"
    responses.write_text(json.dumps(doc))
    args = ["--questionnaire", str(DATA / "questionnaire.json"), "--responses", str(responses)]
    result = icc("index", "score", *args, cwd=tmp_path, **NO_SETTINGS)
    assert result.returncode == 2
    assert result.stdout == ""
    assert 'city "Porto", question "commitment.strategy": unknown option id "maybe"' in result.stderr
    assert "django" not in imported(result.stderr)


def test_icc_index_score_help_shows_the_offline_options(tmp_path):
    result = icc("index", "score", "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert "--questionnaire" in result.stdout and "--robustness" in result.stdout


def test_icc_index_audit_prints_the_audit_without_importing_django(tmp_path):
    questionnaire, responses = DATA / "questionnaire.json", DATA / "responses.json"
    args = [
        "--questionnaire",
        str(questionnaire),
        "--responses",
        str(responses),
        "--runs",
        "200",
        "--seed",
        "5",
    ]
    result = icc("index", "audit", *args, cwd=tmp_path, **NO_SETTINGS)
    assert result.returncode == 0, result.stderr
    q = parse_questionnaire(json.loads(questionnaire.read_text()))
    expected = audit(q, parse_responses(json.loads(responses.read_text()), q), runs=200, seed=5).to_dict()
    printed = json.loads(result.stdout)
    assert printed == expected
    assert printed["runs"] == 200 and printed["seed"] == 5 and printed["cities"] == 6
    modules = imported(result.stderr)
    assert "icc.index.audit" in modules
    assert not {m for m in modules if m == "django" or m.startswith("django.")}


def test_icc_index_audit_writes_the_output_file(tmp_path):
    output = tmp_path / "audit.json"
    args = ["--questionnaire", str(DATA / "questionnaire.json"), "--responses", str(DATA / "responses.json")]
    status = cli.main(["audit", *args, "--runs", "50", "--output", str(output)])
    assert status == 0
    assert json.loads(output.read_text(encoding="utf-8"))["correlations"]["pairs"]


def test_icc_index_audit_reports_bad_input_like_score(tmp_path):
    doc = json.loads((DATA / "responses.json").read_text())
    doc["responses"][1]["answers"]["commitment.strategy"] = "maybe"
    responses = tmp_path / "responses.json"
    responses.write_text(json.dumps(doc))
    args = ["--questionnaire", str(DATA / "questionnaire.json"), "--responses", str(responses)]
    result = icc("index", "audit", *args, cwd=tmp_path, **NO_SETTINGS)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("icc index audit: bad input, no audit written.") == 1
    assert 'city "Porto", question "commitment.strategy": unknown option id "maybe"' in result.stderr


def test_icc_index_audit_refuses_no_runs(tmp_path, capsys):
    args = ["--questionnaire", str(DATA / "questionnaire.json"), "--responses", str(DATA / "responses.json")]
    assert cli.main(["audit", *args, "--runs", "0"]) == 2
    assert "--runs must be at least 1" in capsys.readouterr().err


def test_the_other_index_subcommands_still_go_through_django(tmp_path):
    result = icc("index", "--help", cwd=tmp_path, ICC_TESTING="true")
    assert result.returncode == 0, result.stderr
    assert "load-questionnaire" in result.stdout and "score" in result.stdout
    assert "django" in imported(result.stderr)


def test_the_fast_path_knows_every_offline_subcommand():
    subcommands = next(
        action.choices
        for action in cli._parser()._actions
        if action.dest == "command"  # the subparsers
    )
    assert set(subcommands) == OFFLINE_INDEX_SUBCOMMANDS
