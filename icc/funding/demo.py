"""Funding and partners: the demo content `icc load_demo` loads."""


def load_funding_demo() -> None:
    """Loads nothing yet."""
