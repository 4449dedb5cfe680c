"""`icc gaps compute`: the gap records of a file, offline, before Django starts (icc.gaps.cli)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from icc.__main__ import OFFLINE_GAPS_SUBCOMMANDS
from icc.gaps import cli
from icc.gaps.format import read_gap_csv
from icc.gaps.statistics import GapRecord, compute_gaps

FILE = """city,indicator,polarity,period,group,role,numerator,denominator
Lyon,employment_rate,1,2024,native_born,reference,2892,4120
Lyon,employment_rate,1,2024,foreign_born,focal,472,812
Lyon,employment_rate,1,2024,unknown,focal,9,25
Lyon,unemployment_rate,-1,2024,native_born,reference,300,4120
Lyon,unemployment_rate,-1,2024,foreign_born,focal,110,812
"""

BAD = """city,indicator,polarity,period,group,role,numerator,denominator
Lyon,employment_rate,1,2024,native_born,reference,2892,4120
Lyon,employment_rate,1,2024,foreign_born,focal,913,812
Lyon,employment_rate,1,2024,native_born,reference,10,20
"""


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = cli.main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


def write(tmp_path: Path, text: str, name: str = "gaps.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_json_output_is_the_contracts_document(tmp_path):
    status, out, err = run("compute", "--input", write(tmp_path, FILE))
    assert (status, err) == (0, "")
    document = json.loads(out)
    expected = [record.as_dict() for record in compute_gaps(read_gap_csv(FILE))]
    assert document == {"gaps": expected}
    assert [(g["indicator"], g["focal"], g["suppressed"]) for g in document["gaps"]] == [
        ("employment_rate", "foreign_born", False),
        ("employment_rate", "unknown", True),
        ("unemployment_rate", "foreign_born", False),
    ]
    assert document["gaps"][1]["focal_rate"] is None and document["gaps"][1]["gap_score"] is None
    assert document["gaps"][0]["gap_ci"] == [-15.75656580023595, -8.432042884222183]


def test_csv_output_has_the_same_records_with_each_interval_in_two_columns(tmp_path):
    status, out, _ = run("compute", "--input", write(tmp_path, FILE), "--format", "csv")
    assert status == 0
    table = list(csv.DictReader(io.StringIO(out)))
    keys = list(GapRecord.KEYS)
    for name in ("gap_ci", "ratio_ci"):
        at = keys.index(name)
        keys[at : at + 1] = [f"{name}_low", f"{name}_high"]
    assert list(table[0]) == keys
    lyon, unknown, _ = table
    record = compute_gaps(read_gap_csv(FILE))[0]
    assert float(lyon["gap_pp"]) == record.gap_pp  # unrounded
    assert (float(lyon["gap_ci_low"]), float(lyon["gap_ci_high"])) == record.gap_ci
    assert (float(lyon["ratio_ci_low"]), float(lyon["ratio_ci_high"])) == record.ratio_ci
    assert (lyon["significant"], lyon["suppressed"], lyon["low_reliability"]) == ("true", "false", "false")
    assert unknown["suppressed"] == "true"
    kept = (*GapRecord.KEYS[:6], "suppressed")
    assert {value for key, value in unknown.items() if key not in kept} == {""}


def test_the_thresholds_can_be_lowered(tmp_path):
    status, out, _ = run("compute", "--input", write(tmp_path, FILE), "--min-denominator", "20",
                         "--min-numerator", "5")  # fmt: skip
    assert status == 0
    unknown = json.loads(out)["gaps"][1]
    assert unknown["suppressed"] is False
    assert unknown["focal_rate"] == 9 / 25


def test_a_bad_file_lists_every_problem_and_prints_nothing(tmp_path):
    status, out, err = run("compute", "--input", write(tmp_path, BAD))
    assert status == 2
    assert out == ""
    lines = err.splitlines()
    assert lines[0] == "icc gaps compute: bad file, nothing computed."
    assert lines[1].startswith("row 3, column numerator: The numerator 913 is above the denominator 812.")
    assert lines[2].startswith("row 4, column group: The group “native_born” already has row 2")
    assert len(lines) == 3


def test_a_file_not_in_utf8_is_refused_with_its_row(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(FILE.replace("Lyon", "Besançon").encode("cp1252"))
    status, out, err = run("compute", "--input", str(path))
    assert (status, out) == (2, "")
    assert "row 2: the file is not in UTF-8" in err


def test_a_missing_file_is_refused(tmp_path):
    status, out, err = run("compute", "--input", str(tmp_path / "none.csv"))
    assert (status, out) == (2, "")
    assert "cannot read" in err


def icc(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`icc ARGS` in a fresh interpreter, listing every module it imports on stderr (-X importtime).
    The settings would refuse to load like this (production without a secret key): offline, they are
    not read."""
    environment = os.environ | {
        "ENV_FILE": str(cwd / "no-such.env"),
        "ICC_TESTING": "false",
        "DEBUG": "false",
        "SECRET_KEY": "",
    }
    return subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, "-X", "importtime", "-m", "icc", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environment,
        check=False,
        timeout=120,
    )


def imported(stderr: str) -> set[str]:
    return {line.split("|")[-1].strip() for line in stderr.splitlines() if line.startswith("import time:")}


def test_icc_gaps_compute_runs_without_importing_django(tmp_path):
    result = icc("gaps", "compute", "--input", write(tmp_path, FILE), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["gaps"][0]["gap_score"] == 100 * (472 / 812) / (2892 / 4120)
    modules = imported(result.stderr)
    assert "icc.gaps.statistics" in modules
    assert not {m for m in modules if m == "django" or m.startswith("django.")}


def test_icc_gaps_compute_refuses_a_bad_file_with_status_2_and_no_output(tmp_path):
    result = icc("gaps", "compute", "--input", write(tmp_path, BAD), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "row 3, column numerator: The numerator 913 is above the denominator 812." in result.stderr


def test_the_fast_path_knows_every_offline_gaps_subcommand():
    subcommands = next(action.choices for action in cli._parser()._actions if action.dest == "command")
    assert set(subcommands) == OFFLINE_GAPS_SUBCOMMANDS
