"""Residents' questionnaires: the demo content `icc load_demo` loads."""


def load_surveys_demo() -> None:
    """Loads nothing yet."""
