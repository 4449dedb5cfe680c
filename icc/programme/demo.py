"""The programme's objectives, targets and risks: the demo content `icc load_demo` loads."""


def load_programme_demo() -> None:
    """Loads nothing yet."""
