"""Evaluations of strategies' implementation: the demo content `icc load_demo` loads."""


def load_evaluations_demo() -> None:
    """Loads nothing yet."""
