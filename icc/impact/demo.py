"""Evidence of impact: the demo content `icc load_demo` loads."""


def load_impact_demo() -> None:
    """Loads nothing yet."""
