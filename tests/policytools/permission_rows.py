"""The permission matrix rows of icc/policytools (tests/test_permission_matrix.py adds them).

Each row: (URL name, a function of the matrix's shared objects giving the path, the status per person)."""

from typing import Any

ROWS: list[tuple[str, Any, dict[str, int]]] = []
NOT_IN_MATRIX: set[str] = set()
