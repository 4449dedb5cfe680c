"""City strategies and results-based accountability: the demo content `icc load_demo` loads."""


def load_strategies_demo() -> None:
    """Loads nothing yet."""
