"""The models and the migrations agree, whatever the process's hash seed (a set iterated into a
constraint once made `makemigrations` see a change on some runs and not others)."""

import os
import subprocess
import sys

import pytest


@pytest.mark.parametrize("seed", ["1", "2", "3"])
def test_no_migration_is_missing(seed):
    result = subprocess.run(
        [sys.executable, "-m", "icc", "makemigrations", "--check", "--dry-run"],
        env={**os.environ, "PYTHONHASHSEED": seed},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
