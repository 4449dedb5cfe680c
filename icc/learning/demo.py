"""The initiation course: the demo content `icc load_demo` loads."""


def load_learning_demo() -> None:
    """Loads nothing yet."""
