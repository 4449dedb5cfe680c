"""Policy self-assessment tools: the demo content `icc load_demo` loads."""


def load_policytools_demo() -> None:
    """Loads nothing yet."""
